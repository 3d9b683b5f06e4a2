// `npm run bench:watch`: a generated 5,000-article fixture government site (test/fixtures/gov-site, in its own
// process so that the server does not share the crawler's event loop), crawled and link-checked by our monitors
// (runSiteChecks: crawl + every link, picture and 附件 + 暗链 + 智能校对 on every page + freshness) and by linkinator
// (LinkChecker.check, recurse) at the same concurrency, alternately, in the same run. Medians of the runs.
// Start-up is excluded for both (the "at least as fast as linkinator excluding start-up"): they share this
// process, its module loading and the fixture server's, and one unmeasured round each warms the code (JIT) first;
// each round is timed from the call to its result (ours: its 智能校对 worker is the process's shared one, held for
// the whole bench, so that its start — start-up — falls in no round even when a linkinator round outlasts the
// worker's idle time). Wall clock and CPU (this process,
// all threads: ours includes the 智能校对 worker, linkinator has none) are both compared, as medians and per round.
// `--articles N`, `--runs N`, `--concurrency N` change the defaults (5000, 3, 4).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LinkChecker } from 'linkinator';
import { leaseContentPool } from '../src/watch/content-pool.ts';
import { runSiteChecks } from '../src/watch/run.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ARTICLES = arg('--articles', 5000);
const RUNS = arg('--runs', 3);
const CONCURRENCY = arg('--concurrency', 4);
const root = path.resolve(import.meta.dirname, '..');

interface Run {
  ms: number;
  cpuMs: number;
  pages: number;
  links: number;
  note: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

async function startSite(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fixtures/gov-site/serve.ts', '--articles', String(ARTICLES)],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`fixture site exited with ${code}`)));
  });
  return { url, stop: () => child.kill() };
}

async function timed(fn: () => Promise<Omit<Run, 'ms' | 'cpuMs'>>): Promise<Run> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await fn();
  const c = process.cpuUsage(c0);
  return { ...r, ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

const ours = (url: string) =>
  timed(async () => {
    const r = await runSiteChecks(
      { id: 'bench', name: 'bench', url, columns: [], stablePages: [`${url}about.html`] },
      {
        allowPrivate: true,
        concurrency: CONCURRENCY,
        maxDepth: 10_000,
        maxPages: 100_000,
        discoverColumns: true,
      },
    );
    const raised = r.observations.filter((o) => o.level !== 'ok').length;
    return {
      pages: r.stats.pages,
      links: r.stats.links,
      note:
        `智能校对 ${r.stats.contentChecked} 页；`
        + `观测 ${r.observations.length} 条（非正常 ${raised}）；内部错误 ${r.stats.errors.length}`,
    };
  });

const linkinator = (url: string) =>
  timed(async () => {
    const checker = new LinkChecker();
    let pages = 0;
    checker.on('pagestart', () => {
      pages++;
    });
    const r = await checker.check({ path: url, recurse: true, concurrency: CONCURRENCY, timeout: 15_000 });
    const broken = r.links.filter((l) => l.state === 'BROKEN').length;
    return { pages, links: r.links.length, note: `失效 ${broken} 个；不做内容检查` };
  });

const site = await startSite();
const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '?';
console.log(
  `机器：${cpu}，nproc ${os.availableParallelism()}，Node ${process.version}；负载 ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  `站点：${ARTICLES} 篇文章的夹具政府网站（独立进程）${site.url}；并发 ${CONCURRENCY}；各 ${RUNS} 次交替运行取中位数\n`,
);
const results: Record<'ours' | 'linkinator', Run[]> = { ours: [], linkinator: [] };
const warm = leaseContentPool();
try {
  // One unmeasured round each: the fixture server's and both crawlers' code get compiled (JIT) before timing.
  await ours(site.url);
  await linkinator(site.url);
  for (let i = 0; i < RUNS; i++) {
    // Alternate who goes first, so that neither always meets a cold (or a warm) server.
    if (i % 2 === 0) {
      results.ours.push(await ours(site.url));
      results.linkinator.push(await linkinator(site.url));
    } else {
      results.linkinator.push(await linkinator(site.url));
      results.ours.push(await ours(site.url));
    }
    console.log(
      `第 ${i + 1} 轮：本项目 ${(results.ours[i].ms / 1000).toFixed(1)} s，`
        + `linkinator ${(results.linkinator[i].ms / 1000).toFixed(1)} s`,
    );
  }
} finally {
  warm.release();
  site.stop();
}
const row = (name: string, runs: Run[]) => {
  const ms = median(runs.map((r) => r.ms));
  const cpuMs = median(runs.map((r) => r.cpuMs));
  const pages = median(runs.map((r) => r.pages));
  console.log(
    `${name.padEnd(34)} ${(ms / 1000).toFixed(1).padStart(8)} `
      + `${(cpuMs / 1000).toFixed(1).padStart(8)} ${String(pages).padStart(7)} `
      + `${String(median(runs.map((r) => r.links))).padStart(7)} ${(pages / (ms / 1000)).toFixed(0).padStart(8)}  `
      + `${runs[runs.length - 1].note}`,
  );
  return { ms, cpuMs };
};
console.log(
  `\n${'工具'.padEnd(34)} ${'墙钟 s'.padStart(8)} ${'CPU s'.padStart(8)} `
    + `${'页面'.padStart(7)} ${'链接'.padStart(7)} ${'页面/s'.padStart(8)}`,
);
const a = row('本项目 runSiteChecks（含智能校对）', results.ours);
const b = row('linkinator 7（recurse）', results.linkinator);
// Each round's own ratio too: rounds a few seconds apart on a shared machine meet different loads.
const ratios = (k: 'ms' | 'cpuMs') =>
  results.ours.map((r, i) => (r[k] / results.linkinator[i][k]).toFixed(2)).join(' / ');
console.log(
  `\n本项目 / linkinator 墙钟 = ${(a.ms / b.ms).toFixed(2)}（各轮 ${ratios('ms')}），`
    + `CPU = ${(a.cpuMs / b.cpuMs).toFixed(2)}（各轮 ${ratios('cpuMs')}）（小于 1 即更快、更省）；负载 ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
);
console.log(`目标：在同时运行智能校对的情况下快于 linkinator —— ${a.ms <= b.ms ? '达到' : '未达到'}`);
