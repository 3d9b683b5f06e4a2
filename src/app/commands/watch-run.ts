// The run of `gongkai watch URL` (the command and its options are in watch.ts): the monitors, the report, the state
// file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { systemClock } from '../../platform/clock.ts';
import { kindOfColumnName } from '../../watch/columns.ts';
import { createFetcher, withoutCredentials } from '../../watch/fetch.ts';
import { runSiteChecks, type RunProgress } from '../../watch/run.ts';
import type { ColumnSpec, ProbeRecord, SiteSpec } from '../../watch/spec.ts';
import type { GivenColumn, WatchOptions } from './watch.ts';
import { renderReport, verdictOf } from './watch-report.ts';

interface State {
  baselines?: Record<string, string>;
  pageHashes?: Record<string, string>;
  probes?: { at: string; ok: boolean; ms: number }[];
}

const toColumnSpec = (c: GivenColumn, i: number): ColumnSpec => ({
  id: `c${i + 1}`,
  name: c.name,
  kind: kindOfColumnName(c.name) ?? 'other',
  listUrl: c.listUrl,
});

export async function watch(input: string, opts: WatchOptions): Promise<number> {
  const url = usableUrl(input);
  if ('error' in url) return fail(opts, input, url.error);
  const fetcher = createFetcher({ allowPrivate: opts.allowPrivate, connections: opts.concurrency });
  try {
    const host = await fetcher.checkHost(url.hostname);
    if (!host.ok && host.code === 'blocked-address') {
      return fail(opts, input, `${host.error}${opts.allowPrivate ? '' : '；内网网站或测试请加 --allow-private'}`);
    }
    const state = readState(opts.state);
    const spec: SiteSpec = {
      id: url.host,
      name: url.host,
      url: url.href,
      columns: opts.column.map(toColumnSpec),
      stablePages: opts.stable,
      baselines: state.baselines,
      pageHashes: state.pageHashes,
    };
    const now = systemClock.now();
    const history: ProbeRecord[] = (state.probes ?? []).map((p) => ({ ...p, at: new Date(p.at) }));
    const bar = progressBar();
    const result = await runSiteChecks(
      spec,
      {
        fetcher,
        clock: { now: () => now },
        probeHistory: history,
        maxDepth: opts.depth,
        maxPages: opts.pages,
        concurrency: opts.concurrency,
        timeoutMs: opts.timeout * 1000,
        content: opts.content,
        discoverColumns: opts.column.length === 0,
      },
      bar?.update,
    );
    bar?.stop();
    if (opts.state) writeState(opts.state, state, result, history);
    const v = verdictOf(result);
    if (opts.format === 'json') {
      process.stdout.write(
        `${JSON.stringify(
          {
            url: url.href,
            observations: result.observations,
            stats: result.stats,
            columns: result.columns,
            probe: result.probe,
            baselines: result.baselines,
            verdict: v,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      process.stdout.write(renderReport(url.href, result, now, process.stdout.isTTY === true && !process.env.NO_COLOR));
    }
    return v.vetoes || v.incidents ? 1 : 0;
  } finally {
    await fetcher.close();
  }
}

function usableUrl(input: string): URL | { error: string } {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(input) ? input : `http://${input}`);
  } catch {
    return { error: '网址格式无效' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { error: `只支持 http 和 https 网址（${url.protocol}）` };
  url.username = '';
  url.password = '';
  return url;
}

function fail(opts: WatchOptions, input: string, message: string): number {
  const shown = withoutCredentials(input);
  if (opts.format === 'json')
    process.stdout.write(`${JSON.stringify({ url: shown, error: { code: 'UNUSABLE_URL', message } }, null, 2)}\n`);
  else process.stderr.write(`无法监测 ${shown}：${message}\n`);
  return 2;
}

function progressBar(): { update: (p: RunProgress) => void; stop: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  const PHASE = {
    availability: '首页探测',
    crawl: '抓取与链接检查',
    freshness: '更新情况',
    links: '链接',
    integrity: '页面安全',
    content: '智能校对',
  };
  const bar = new cliProgress.SingleBar(
    { format: '读网监测 [{bar}] {phase} 页面 {pages} 链接 {checked} 待处理 {queued}', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { phase: PHASE.availability, pages: 0, checked: 0, queued: 0 });
  return {
    update: (p) => {
      const done = p.pages + p.checked;
      bar.setTotal(Math.max(1, done + p.queued));
      bar.update(done, { phase: PHASE[p.phase], pages: p.pages, checked: p.checked, queued: p.queued });
    },
    stop: () => bar.stop(),
  };
}

function readState(file: string | undefined): State {
  if (!file || !existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as State;
  } catch {
    return {};
  }
}

/** New baselines are added (a changed page keeps its old baseline until someone accepts the change); probes of
 *  7 days. */
function writeState(
  file: string,
  state: State,
  result: Awaited<ReturnType<typeof runSiteChecks>>,
  history: ProbeRecord[],
): void {
  const weekAgo = result.probe.at.getTime() - 7 * 86_400_000;
  const probes = [...history, result.probe]
    .filter((p) => p.at.getTime() > weekAgo)
    .map((p) => ({ at: p.at.toISOString(), ok: p.ok, ms: p.ms }));
  const baselines = { ...state.baselines, ...result.baselines };
  const pageHashes = { ...state.pageHashes, ...result.pageHashes };
  writeFileSync(file, `${JSON.stringify({ baselines, pageHashes, probes }, null, 2)}\n`);
}
