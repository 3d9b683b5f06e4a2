// 抽查清单 (inspection checklist) of one sampled item: what the 区政府办公室 checks on each published item it draws
// (65号 §8; 保密审查制度 第十六条) — 审签单 complete; every level's opinion and 校对; the 保密审查 opinion with its
// basis; dismissed 智能校对 findings justified; the live page shows the approved text where a 发布网址 exists. Each
// check is prefilled from the data; the 督查 confirms or corrects it (the latest confirmation wins). Pure.
import type { Signoff } from './signoff.ts';

export const CHECKS = ['signoff', 'opinions', 'secrecy', 'dismissals', 'liveText'] as const;
export type Check = (typeof CHECKS)[number];
export const CHECK_NAME: Record<Check, string> = {
  signoff: '审签单完整',
  opinions: '各级审核意见及校对齐全',
  secrecy: '保密审查意见及依据',
  dismissals: '排除的智能校对发现有理由',
  liveText: '发布页面与审定稿一致',
};

export const OUTCOMES = ['pass', 'fail', 'na'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_NAME: Record<Outcome, string> = { pass: '符合', fail: '不符合', na: '不适用' };

export interface CheckResult {
  check: Check;
  name: string;
  prefilled: Outcome; // what the data says
  prefillNote: string; // the evidence, in Chinese
  outcome: Outcome; // the 督查's confirmation, or the prefill while unconfirmed
  note: string;
  confirmedBy: { name: string; seq: number } | null; // the ledger entry of the confirmation
}

/** What the live-page check knows: the item's 发布网址 and the text-mismatch incidents found on them. */
export interface LiveEvidence {
  urls: string[];
  mismatches: { url: string; summary: string; seq: number }[];
}

export interface Confirmation {
  itemId: string;
  check: Check;
  outcome: Outcome;
  note: string;
  by: string;
  seq: number;
}

type Prefill = { outcome: Outcome; note: string };
const ok = (note: string): Prefill => ({ outcome: 'pass', note });
const bad = (note: string): Prefill => ({ outcome: 'fail', note });

const LEVEL_NAME: Record<string, string> = {
  level1: '一审',
  level2: '二审',
  secrecy: '保密审查',
  level3: '三审',
  level4: '主要领导审定',
};
const passed = (s: Signoff) => s.rows.filter((r) => r.decision !== 'return');

function signoffComplete(s: Signoff): Prefill {
  const needed = ['level1', 'level2', 'secrecy', 'level3', ...(s.major ? ['level4'] : [])];
  const have = new Set(passed(s).map((r) => r.level));
  const missing = needed.filter((l) => !have.has(l as never)).map((l) => LEVEL_NAME[l]);
  return missing.length ? bad(`缺少：${missing.join('、')}`) : ok(`${needed.length} 个环节均有记录`);
}

function opinionsComplete(s: Signoff): Prefill {
  const rows = passed(s).filter((r) => r.level !== 'secrecy');
  if (!rows.length) return bad('没有审核记录');
  const gaps = rows.flatMap((r) => [
    ...(r.opinion.trim() ? [] : [`${r.levelName}（${r.reviewer.name}）无审核意见`]),
    ...(r.proofreading.trim() ? [] : [`${r.levelName}（${r.reviewer.name}）无校对记录`]),
  ]);
  return gaps.length ? bad(gaps.join('；')) : ok(`${rows.length} 级审核均有意见和校对`);
}

function secrecyOpinion(s: Signoff): Prefill {
  const row = passed(s).find((r) => r.level === 'secrecy');
  if (!row?.disclosure?.opinion) return bad('无保密审查意见');
  const d = row.disclosure;
  const basis = [...d.basis, d.basisText.trim()].filter(Boolean);
  if (!basis.length) return bad(`保密审查意见“${d.opinionName}”未写明依据`);
  return ok(`${d.opinionName}；依据：${basis.join('、')}`);
}

function dismissalsJustified(s: Signoff): Prefill {
  if (!s.dismissals.length) return { outcome: 'na', note: '没有排除的智能校对发现' };
  const bare = s.dismissals.filter((d) => !d.reason.trim());
  if (bare.length) return bad(`${bare.length} 处排除没有理由`);
  return ok(`${s.dismissals.length} 处排除均有理由`);
}

function liveText(live: LiveEvidence): Prefill {
  if (!live.urls.length) return { outcome: 'na', note: '未登记发布网址' };
  if (live.mismatches.length) return bad(live.mismatches.map((m) => `${m.url}：${m.summary}`).join('；'));
  return ok(`${live.urls.length} 个发布网址未发现与审定稿不一致`);
}

/** The checklist of one item: prefill from its 审签单 and live pages, then the 督查's confirmations on top. */
export function checklistOf(s: Signoff, live: LiveEvidence, confirmations: readonly Confirmation[]): CheckResult[] {
  const prefill: Record<Check, Prefill> = {
    signoff: signoffComplete(s),
    opinions: opinionsComplete(s),
    secrecy: secrecyOpinion(s),
    dismissals: dismissalsJustified(s),
    liveText: liveText(live),
  };
  return CHECKS.map((check) => {
    const latest = confirmations
      .filter((c) => c.itemId === s.itemId && c.check === check)
      .reduce<Confirmation | null>((a, c) => (a && a.seq > c.seq ? a : c), null);
    return {
      check,
      name: CHECK_NAME[check],
      prefilled: prefill[check].outcome,
      prefillNote: prefill[check].note,
      outcome: latest?.outcome ?? prefill[check].outcome,
      note: latest ? latest.note || prefill[check].note : prefill[check].note,
      confirmedBy: latest ? { name: latest.by, seq: latest.seq } : null,
    };
  });
}

export interface UnitResult {
  unitId: string;
  unitName: string;
  checked: number; // items drawn
  withProblems: number;
  confirmed: boolean; // every check of every item confirmed by the 督查
  problems: { itemId: string; title: string; check: string; note: string }[];
}

/** The result of one unit: its items with a 不符合 check, and whether the 督查 has confirmed everything. */
export function unitResult(
  unit: { unitId: string; unitName: string },
  items: readonly { itemId: string; title: string; checks: readonly CheckResult[] }[],
): UnitResult {
  const problems = items.flatMap((i) =>
    i.checks
      .filter((c) => c.outcome === 'fail')
      .map((c) => ({ itemId: i.itemId, title: i.title, check: c.name, note: c.note })),
  );
  return {
    ...unit,
    checked: items.length,
    withProblems: new Set(problems.map((p) => p.itemId)).size,
    confirmed: items.every((i) => i.checks.every((c) => c.confirmedBy)),
    problems,
  };
}
