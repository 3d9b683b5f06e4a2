// 发布内容与审定稿一致 (published text = approved text): an item published through gongkai must show, on its live page,
// the text its reviewers approved (65号: 先审后发). Compared after normalization (whitespace dropped, half-width
// punctuation made full-width); the difference is reported as what is missing and what was added.
import { diffChars } from 'diff';
import type { Observation } from '../observation.ts';
import type { SiteSpec } from '../spec.ts';

const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '!': '！',
  '?': '？',
  '(': '（',
  ')': '）',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
};

export function normalizeForCompare(text: string): string {
  return text.replace(/\s+/g, '').replace(/[,;:!?()“”‘’]/g, (c) => FULL_WIDTH[c]);
}

export interface TextChange {
  kind: 'missing' | 'added';
  text: string;
  context: string;
}

/** The changes between the approved text and the live main text, ignoring what the page adds before and after it. */
export function textChanges(approved: string, live: string): TextChange[] {
  const a = normalizeForCompare(approved);
  const l = normalizeForCompare(live);
  if (l.includes(a)) return [];
  const parts = diffChars(a, l);
  let from = 0;
  let to = parts.length;
  while (from < to && parts[from].added) from++;
  while (to > from && parts[to - 1].added) to--;
  const out: TextChange[] = [];
  let before = '';
  for (let i = from; i < to; i++) {
    const p = parts[i];
    if (p.added || p.removed)
      out.push({ kind: p.added ? 'added' : 'missing', text: p.value.slice(0, 200), context: before.slice(-20) });
    if (!p.added) before += p.value;
  }
  return out;
}

export function judgeApprovedText(
  spec: SiteSpec,
  url: string,
  approved: string,
  live: string | undefined,
  error: string | undefined,
  now: Date,
): Observation {
  const base = {
    monitor: 'integrity' as const,
    target: { kind: 'page' as const, siteId: spec.id, url },
    rule: 'text-mismatch',
    observedAt: now,
  };
  if (live === undefined) {
    return {
      ...base,
      level: 'warning',
      incident: false,
      summary: `经审核发布的稿件页面无法读取：${error ?? '未知原因'}`,
      details: { url },
    };
  }
  const changes = textChanges(approved, live);
  if (changes.length === 0)
    return { ...base, level: 'ok', incident: false, summary: '页面正文与审定稿一致', details: { url } };
  const missing = changes.filter((c) => c.kind === 'missing').length;
  return {
    ...base,
    level: 'warning',
    incident: true,
    summary:
      `页面正文与审定稿不一致：缺少 ${missing} 处、多出 ${changes.length - missing} 处`
      + `（如“${changes[0].context}”后${changes[0].kind === 'missing' ? '缺少' : '多出'}`
      + `“${changes[0].text.slice(0, 30)}”）`,
    details: { url, changes: changes.slice(0, 20), total: changes.length },
  };
}
