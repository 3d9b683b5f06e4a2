// The zh-CN text report of `gongkai watch`: one section per monitor, problems first, with levels and 事件 marks.
import { shanghaiDay } from '../../watch/dates.ts';
import type { MonitorKind, Observation, WatchLevel } from '../../watch/observation.ts';
import type { RunResult } from '../../watch/run.ts';
import { WATCH_LEVEL_NAME } from '../../watch/names.ts';

const MONITOR_NAME: Record<MonitorKind, string> = {
  availability: '首页可用性',
  freshness: '更新情况',
  links: '链接检查',
  integrity: '页面安全（篡改、暗链、审定稿）',
  content: '内容校对（智能校对）',
};
const ORDER: Record<WatchLevel, number> = { veto: 0, warning: 1, ok: 2 };
const ANSI = {
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  green: '\x1b[32m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  reset: '\x1b[0m',
};
const COLOUR: Record<WatchLevel, string> = { veto: ANSI.red + ANSI.bold, warning: ANSI.yellow, ok: ANSI.green };
/** Per monitor, at most this many problem lines (the JSON output has all). */
const MAX_LINES = 30;

export function verdictOf(r: RunResult): { vetoes: number; incidents: number; warnings: number } {
  return {
    vetoes: r.observations.filter((o) => o.level === 'veto').length,
    incidents: r.observations.filter((o) => o.incident).length,
    warnings: r.observations.filter((o) => o.level === 'warning').length,
  };
}

export function renderReport(url: string, r: RunResult, now: Date, colour: boolean): string {
  const paint = (code: string, s: string) => (colour ? `${code}${s}${ANSI.reset}` : s);
  const time = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
  const lines = [
    paint(ANSI.bold, `读网监测：${url}`),
    `检查时间 ${shanghaiDay(now)} ${time}（北京时间）；抓取页面 ${r.stats.pages} 个，检查链接 ${r.stats.links} 个，`
      + `智能校对 ${r.stats.contentChecked} 个页面，用时 ${(r.stats.ms / 1000).toFixed(1)} 秒`,
  ];
  if (r.columns.length) lines.push(`栏目：${r.columns.map((c) => c.name).join('、')}`);
  else lines.push('栏目：未能从首页识别栏目（可用 --column 名称=网址 指定）');
  for (const monitor of Object.keys(MONITOR_NAME) as MonitorKind[]) {
    const group = r.observations.filter((o) => o.monitor === monitor).sort((a, b) => ORDER[a.level] - ORDER[b.level]);
    lines.push('', paint(ANSI.bold, `【${MONITOR_NAME[monitor]}】`));
    if (group.length === 0) lines.push(monitor === 'content' ? '  未发现严重问题' : '  （本次未检查）');
    const problems = group.filter((o) => o.level !== 'ok' || o.incident);
    for (const o of problems.slice(0, MAX_LINES)) lines.push(line(o, paint));
    if (problems.length > MAX_LINES) lines.push(`  ……另有 ${problems.length - MAX_LINES} 条（--format json 可看全部）`);
    // The ok lines that say something (site-level judgements and columns); per-page ok lines would only be noise.
    for (const o of group.filter((x) => x.level === 'ok' && !x.incident && x.target.kind !== 'page'))
      lines.push(line(o, paint));
  }
  const v = verdictOf(r);
  lines.push(
    '',
    paint(
      ANSI.bold,
      v.vetoes || v.incidents
        ? `结论：否决风险 ${v.vetoes} 项、需立即处置的事件 ${v.incidents} 项、预警 ${v.warnings} 项，请值班人员立即处置并报告带班领导和区电子政务中心`
        : `结论：未发现否决风险和事件；预警 ${v.warnings} 项`,
    ),
  );
  if (r.stats.errors.length)
    lines.push(paint(ANSI.dim, `（检查程序内部错误 ${r.stats.errors.length} 个，结果可能不完整）`));
  return `${lines.join('\n')}\n`;
}

function line(o: Observation, paint: (code: string, s: string) => string): string {
  const mark = o.incident ? paint(ANSI.red + ANSI.bold, '【事件】') : '';
  return `  ${paint(COLOUR[o.level], WATCH_LEVEL_NAME[o.level].padEnd(4, '　'))} ${mark}${o.summary}`;
}
