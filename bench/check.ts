// `npm run bench:check`: the 智能校对 pipeline on ≥ 10 MB of government text (the district gazette's paragraphs,
// shuffled) with a 20,000-word synthetic lexicon, side by side with mint-filter, @monyone/aho-corasick, zhlint
// and a raw charCodeAt loop on the same text. MB = 10^6 bytes of UTF-8. Each figure is the median of several runs.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import { AhoCorasick } from '@monyone/aho-corasick';
import { run as zhlint } from 'zhlint';
import { buildAutomaton } from '../src/checks/aho-corasick.ts';
import { createChecker } from '../src/checks/index.ts';
import type { LexiconEntry } from '../src/checks/model.ts';

const require = createRequire(import.meta.url);
const { Mint } = require('mint-filter') as {
  Mint: new (words: string[]) => { filter(t: string, o?: { replace?: boolean }): { words: string[] } };
};

/** `--mb 2` benchmarks 2 MB instead of 10, for a quick look while changing the engine. */
const mbFlag = process.argv.indexOf('--mb');
const TARGET_BYTES = (mbFlag > 0 ? Number(process.argv[mbFlag + 1]) : 10) * 1000 * 1000;
const LEXICON_SIZE = 20_000;
const RUNS = 5;

/** Deterministic PRNG (mulberry32), so every run benchmarks the same text and lexicon. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20221210);
const pick = <T>(a: T[]) => a[Math.floor(random() * a.length)];

function corpus(): string {
  const gazette = readFileSync(new URL('../test/fixtures/qijiang-gazette-2022-11.txt', import.meta.url), 'utf8');
  const paragraphs = gazette.split('\n').filter((l) => l.trim() !== '');
  const out: string[] = [];
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    const p = pick(paragraphs);
    out.push(p);
    bytes += Buffer.byteLength(p) + 1;
  }
  return out.join('\n');
}

/** A sensitive-word list rarely matches government text: 1% of the words are taken from the text (so there are
 *  matches to report), the rest are random strings of 2–5 of its characters (some of which match by chance). */
function lexicon(text: string): string[] {
  const han = [...new Set(text.match(/[\u4e00-\u9fff]/g))];
  const words = new Set<string>();
  while (words.size < LEXICON_SIZE / 100) {
    const at = Math.floor(random() * (text.length - 6));
    const w = text.slice(at, at + 2 + Math.floor(random() * 4));
    if (/^[\u4e00-\u9fff]+$/.test(w)) words.add(w);
  }
  while (words.size < LEXICON_SIZE)
    words.add(Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(han)).join(''));
  return [...words];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Median wall-clock time, and median CPU time of this process (less disturbed when other jobs share the machine). */
function time(runs: number, fn: () => unknown): { ms: number; cpuMs: number; result: unknown } {
  const ms: number[] = [];
  const cpu: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    ms.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(ms), cpuMs: median(cpu), result };
}

const text = corpus();
const bytes = Buffer.byteLength(text);
const mb = bytes / 1e6;
const words = lexicon(text);
const entries: LexiconEntry[] = words.map((word) => ({ word, category: 'sensitive', severity: 'warning' }));

const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? '?';
console.log(`机器：${cpu}，nproc ${os.availableParallelism()}，Node ${process.version}`);
console.log(
  `文本：${mb.toFixed(2)} MB（${text.length} 个 UTF-16 码元），词库 ${words.length} 词，每项取 ${RUNS} 次中位数\n`,
);

let t0 = performance.now();
const checker = createChecker({ lexicon: entries });
const buildMs = performance.now() - t0;
const pipeline = time(RUNS, () => checker.run(text));
const findings = (pipeline.result as ReturnType<typeof checker.run>).findings.length;

// The same pipeline with a lexicon that (almost) never matches: what the scan costs without 23 万条 findings to build.
const quiet = words.map((w) => `${w}\u3007\u3007`);
const quietChecker = createChecker({
  lexicon: quiet.map((word) => ({ word, category: 'sensitive', severity: 'warning' })),
});
const quietRun = time(RUNS, () => quietChecker.run(text).findings.length);

const automaton = buildAutomaton(words);
const own = time(RUNS, () => {
  let n = 0;
  automaton.scan(text, () => {
    n++;
  });
  return n;
});

t0 = performance.now();
const mint = new Mint(words);
const mintBuildMs = performance.now() - t0;
const mintRun = time(RUNS, () => mint.filter(text, { replace: false }).words.length);

t0 = performance.now();
const monyone = new AhoCorasick(words);
const monyoneBuildMs = performance.now() - t0;
const monyoneRun = time(Math.min(RUNS, 3), () => monyone.matchInText(text).length);

const raw = time(RUNS, () => {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h + text.charCodeAt(i)) | 0;
  return h;
});

// zhlint (default preset: without it zhlint checks nothing) parses and reformats every paragraph; on 10 MB it
// would take many minutes, so it runs on the first 100 KB.
const slice = text.slice(0, 35_000);
const sliceMb = Buffer.byteLength(slice) / 1e6;
const zh = time(3, () => zhlint(slice, { rules: { preset: 'default' } }).validations.length);

const rate = (ms: number, size = mb) => size / (ms / 1000);
type Timed = ReturnType<typeof time>;
const rows: [string, Timed, number, string][] = [
  ['智能校对全流程（全部检测项 + 2 万词词库）', pipeline, mb, `${findings} 条结果；构建 ${buildMs.toFixed(0)} ms`],
  ['全流程，词库几乎不命中（每词加“〇〇”）', quietRun, mb, `${quietRun.result} 条结果`],
  ['本项目 Aho-Corasick（仅词库，报告全部重叠匹配）', own, mb, `${own.result} 处匹配`],
  ['mint-filter', mintRun, mb, `${mintRun.result} 个词（不报位置、丢弃重叠）；构建 ${mintBuildMs.toFixed(0)} ms`],
  ['@monyone/aho-corasick', monyoneRun, mb, `${monyoneRun.result} 处匹配；构建 ${monyoneBuildMs.toFixed(0)} ms`],
  [`zhlint 默认规则（前 ${(sliceMb * 1000).toFixed(0)} KB）`, zh, sliceMb, `${zh.result} 条`],
  ['charCodeAt 空循环', raw, mb, '上限参考'],
];
console.log(
  `${'项目'.padEnd(38)} ${'墙钟 ms'.padStart(9)} ${'MB/s'.padStart(8)} ${'CPU ms'.padStart(9)} ${'MB/s(CPU)'.padStart(10)}`,
);
for (const [name, t, size, note] of rows) {
  console.log(
    `${name.padEnd(38)} ${t.ms.toFixed(1).padStart(9)} ${rate(t.ms, size).toFixed(1).padStart(8)} `
      + `${t.cpuMs.toFixed(1).padStart(9)} ${rate(t.cpuMs, size).toFixed(1).padStart(10)}  ${note}`,
  );
}
const full = rate(pipeline.ms);
const ratio = (t: Timed, size = mb) => full / rate(t.ms, size);
console.log(
  `\n全流程 / mint-filter = ${ratio(mintRun).toFixed(1)}×；全流程 / @monyone = ${ratio(monyoneRun).toFixed(1)}×；`
    + `全流程 / zhlint = ${ratio(zh, sliceMb).toFixed(0)}×；全流程 / charCodeAt = ${ratio(raw).toFixed(3)}`,
);
console.log(
  `负载：${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}（1/5/15 分钟平均；高于核数时墙钟数字偏慢）`,
);
console.log(
  `目标：全流程 ≥ 20 MB/s（单核）且 ≥ 5× mint-filter —— ${full >= 20 && ratio(mintRun) >= 5 ? '达到' : '未达到'}`,
);
