// `gongkai watch URL`: every 读网值班 monitor once on one site, with no database — availability, freshness (columns
// found on the homepage or given with --column), links, defacement/暗链 and 智能校对 on the pages. Exit status: 1 when
// a veto-level observation or an incident is present, 0 otherwise, 2 when the URL cannot be used.
// `--state FILE` keeps baselines, page hashes and probe history between runs (so defacement can be judged).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { systemClock } from '../../platform/clock.ts';
import { kindOfColumnName } from '../../watch/columns.ts';
import { createFetcher, withoutCredentials } from '../../watch/fetch.ts';
import { DEFAULTS, runSiteChecks, type RunProgress } from '../../watch/run.ts';
import type { ColumnSpec, ProbeRecord, SiteSpec } from '../../watch/spec.ts';
import { renderReport, verdictOf } from './watch-report.ts';

interface WatchOptions {
  format: 'text' | 'json'; depth: number; pages: number; concurrency: number; timeout: number;
  allowPrivate: boolean; content: boolean; column: ColumnSpec[]; stable: string[]; state?: string;
}

interface State { baselines?: Record<string, string>; pageHashes?: Record<string, string>; probes?: { at: string; ok: boolean; ms: number }[] }

const positive = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name}必须是正整数`);
  return n;
};

export function registerWatchCommand(program: Command): void {
  program.command('watch')
    .description('读网监测：对一个网站运行全部监测（首页可用性、栏目更新、死链与问题域名、篡改与暗链、智能校对）一次')
    .argument('<网址>', '网站首页，如 https://www.cqqj.gov.cn/')
    .option('--format <格式>', '输出格式：text 或 json', (v) => {
      if (v !== 'text' && v !== 'json') throw new InvalidArgumentError('只支持 text 或 json');
      return v;
    }, 'text')
    .option('--depth <层数>', '抓取深度（首页为第 0 层）', positive('抓取深度'), DEFAULTS.maxDepth)
    .option('--pages <个数>', '最多抓取的页面数', positive('页面数'), DEFAULTS.maxPages)
    .option('--concurrency <个数>', '同时进行的请求数（礼貌抓取，默认 4）', positive('并发数'), DEFAULTS.concurrency)
    .option('--timeout <秒>', '每个请求的超时秒数（首页探测固定 15 秒）', positive('超时'), 15)
    .option('--column <名称=网址>', '指定栏目及其列表页，可多次使用；不指定时从首页导航识别', parseColumn, [])
    .option('--stable <网址>', '不应变化的页面（机构概况等），用于篡改监测，可多次使用', (v: string, acc: string[]) => [...acc, v], [])
    .option('--state <文件>', '保存基线、页面指纹和探测记录的 JSON 文件（不存在时创建），用于多次运行之间比对')
    .option('--no-content', '不对页面运行智能校对')
    .option('--allow-private', '允许访问内网和本机地址（仅用于内网网站和测试）', false)
    .action(async (url: string, opts: WatchOptions) => {
      process.exitCode = await watch(url, opts);
    });
}

function parseColumn(value: string, acc: ColumnSpec[]): ColumnSpec[] {
  const m = /^([^=]+)=(https?:\/\/\S+)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('请写成 栏目名称=列表页网址，如 通知公告=https://www.cqqj.gov.cn/tzgg/');
  return [...acc, { id: `c${acc.length + 1}`, name: m[1].trim(), kind: kindOfColumnName(m[1]) ?? 'other', listUrl: m[2] }];
}

async function watch(input: string, opts: WatchOptions): Promise<number> {
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
      id: url.host, name: url.host, url: url.href, columns: opts.column, stablePages: opts.stable,
      baselines: state.baselines, pageHashes: state.pageHashes,
    };
    const now = systemClock.now();
    const history: ProbeRecord[] = (state.probes ?? []).map((p) => ({ ...p, at: new Date(p.at) }));
    const bar = progressBar();
    const result = await runSiteChecks(spec, {
      fetcher, clock: { now: () => now }, probeHistory: history, maxDepth: opts.depth, maxPages: opts.pages,
      concurrency: opts.concurrency, timeoutMs: opts.timeout * 1000, content: opts.content, discoverColumns: opts.column.length === 0,
    }, bar?.update);
    bar?.stop();
    if (opts.state) writeState(opts.state, state, result, history);
    const v = verdictOf(result);
    if (opts.format === 'json') {
      process.stdout.write(`${JSON.stringify({ url: url.href, observations: result.observations, stats: result.stats, columns: result.columns,
        probe: result.probe, baselines: result.baselines, verdict: v }, null, 2)}\n`);
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
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `只支持 http 和 https 网址（${url.protocol}）` };
  url.username = '';
  url.password = '';
  return url;
}

function fail(opts: WatchOptions, input: string, message: string): number {
  const shown = withoutCredentials(input);
  if (opts.format === 'json') process.stdout.write(`${JSON.stringify({ url: shown, error: { code: 'UNUSABLE_URL', message } }, null, 2)}\n`);
  else process.stderr.write(`无法监测 ${shown}：${message}\n`);
  return 2;
}

function progressBar(): { update: (p: RunProgress) => void; stop: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  const PHASE = { availability: '首页探测', crawl: '抓取与链接检查', freshness: '更新情况', links: '链接', integrity: '页面安全', content: '智能校对' };
  const bar = new cliProgress.SingleBar({ format: '读网监测 [{bar}] {phase} 页面 {pages} 链接 {checked} 待处理 {queued}', stream: process.stderr },
    cliProgress.Presets.shades_classic);
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

/** New baselines are added (a changed page keeps its old baseline until someone accepts the change); probes of 7 days. */
function writeState(file: string, state: State, result: Awaited<ReturnType<typeof runSiteChecks>>, history: ProbeRecord[]): void {
  const weekAgo = result.probe.at.getTime() - 7 * 86_400_000;
  const probes = [...history, result.probe].filter((p) => p.at.getTime() > weekAgo).map((p) => ({ at: p.at.toISOString(), ok: p.ok, ms: p.ms }));
  writeFileSync(file, `${JSON.stringify({ baselines: { ...state.baselines, ...result.baselines }, pageHashes: { ...state.pageHashes, ...result.pageHashes }, probes }, null, 2)}\n`);
}
