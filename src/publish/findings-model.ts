// 智能校对 findings kept on each revision, and the rule they enforce: 65号 三审三校制度 第五条(四) “政府网站发布的信息应
// 通过……智能校对功能进行校对无误后才能发布”, as DOMAIN.md §2.5 states it: each serious or error finding is fixed (a new
// revision whose check no longer finds it) or dismissed with a reason by a reviewer at level 2 or above. The author and
// the 一审 reviewer may only *propose* a dismissal (建议忽略); it counts once 二审 or a higher level accepts it. Pure.
import type { Finding } from '../checks/index.ts';
import { decidesDismissals, FINDING_KINDS, type FindingKind, STANDINGS, type Standing } from '../org/policy/chain.ts';
import { type AppError, conflict, invalid, unprocessable } from '../platform/errors.ts';
import { isBlocking, SECRECY_FINDING_MESSAGE } from '../secrecy/model.ts';

/** info findings are for the record only and are not kept. */
export const KEPT_SEVERITIES = ['serious', 'error', 'warning'] as const;
export type KeptSeverity = (typeof KEPT_SEVERITIES)[number];

// 'proposed': a dismissal the author or 一审 proposed, waiting for 二审 (or above) to accept or refuse it. A secrecy
// finding is also 'redacted' (a 部分公开 span withholds it), 'fixed' (gone from a later revision's text) or 'superseded'
// (the later revision's own finding lists it again).
export const FINDING_STATUSES = ['open', 'proposed', 'dismissed', 'redacted', 'fixed', 'superseded'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

// The finding kinds (who may dismiss which), the standings and decidesDismissals are owned by src/org/policy/chain.ts,
// which the access policy reads; re-exported here with the findings' own rules.
export { decidesDismissals, FINDING_KINDS, type FindingKind, STANDINGS, type Standing };

export const STANDING_NAME: Record<Standing, string> = {
  author: '起草人',
  level1: '一审',
  level2: '二审',
  level3: '三审',
  level4: '主要领导审定',
};

/** Warnings are dismissed by whoever may act on the findings, as before; serious and error need level 2. */
export const needsLevel2 = (f: Pick<RevisionFinding, 'severity'>): boolean => f.severity !== 'warning';

export const REASON_LIMITS = { min: 2, max: 500 } as const;

export interface RevisionFinding {
  id: string;
  itemId: string;
  revision: number;
  rule: string;
  category: string;
  severity: KeptSeverity;
  start: number;
  end: number;
  line: number;
  column: number;
  text: string;
  suggestion: string;
  message: string;
  kind: FindingKind;
  status: FindingStatus;
  resolvedBy: string | null; // who dismissed it, or accepted the proposal
  resolvedAs: Standing | null; // null: dismissed before migration 015 recorded standings
  reason: string | null; // the dismissal's reason (an accepted proposal's own)
  resolvedAt: string | null;
  proposedBy: string | null;
  proposedAs: Standing | null;
  proposalReason: string | null;
  proposedAt: string | null;
  rejectedBy: string | null; // the last proposal refused
  rejectionReason: string | null;
  rejectedAt: string | null;
  createdAt: string;
}

export type NewFinding = Pick<
  RevisionFinding,
  | 'rule'
  | 'category'
  | 'severity'
  | 'start'
  | 'end'
  | 'line'
  | 'column'
  | 'text'
  | 'suggestion'
  | 'message'
  | 'kind'
  | 'status'
>;

const kept = (f: Finding): f is Finding & { severity: KeptSeverity } =>
  (KEPT_SEVERITIES as readonly string[]).includes(f.severity);

/** What a revision keeps of a check run, and who may dismiss each finding. */
export function keptFindings(found: readonly Finding[]): NewFinding[] {
  return found.filter(kept).map((f) => ({
    rule: f.rule,
    category: f.category,
    severity: f.severity,
    start: f.start,
    end: f.end,
    line: f.line,
    column: f.column,
    text: f.text,
    suggestion: f.suggestion,
    message: f.message,
    kind: isBlocking(f) ? ('secrecy' as const) : ('proofreading' as const),
    status: 'open' as const,
  }));
}

export type FindingCounts = Record<KeptSeverity, number>;

/** Open 智能校对 findings per severity; secrecy findings are the secrecy step's. */
export function openCounts(findings: readonly Pick<RevisionFinding, 'severity' | 'kind' | 'status'>[]): FindingCounts {
  const counts: FindingCounts = { serious: 0, error: 0, warning: 0 };
  for (const f of findings) if (f.kind === 'proofreading' && f.status === 'open') counts[f.severity] += 1;
  return counts;
}

/**
 * Which check the chain makes: 'entry' when submitting and at 一审 — a proposal waiting for 二审 does not block there,
 * since 二审 decides it; 'decided' at 二审 and above — only a fix or an accepted dismissal counts (DOMAIN §2.5).
 */
export type Gate = 'entry' | 'decided';

const clip = (s: string, max = 20): string => ([...s].length > max ? `${[...s].slice(0, max).join('')}…` : s);
const serious = (f: Pick<RevisionFinding, 'severity' | 'kind'>) =>
  f.kind === 'proofreading' && f.severity !== 'warning';

/** 第五条(四): why the revision may not pass `gate` yet, with how many remain and the first of them; null: nothing. */
export function proofreadingProblem(findings: readonly RevisionFinding[], gate: Gate): AppError | null {
  const open = findings.filter((f) => serious(f) && f.status === 'open');
  const proposed = gate === 'decided' ? findings.filter((f) => serious(f) && f.status === 'proposed') : [];
  const left = [...open, ...proposed].sort((a, b) => a.start - b.start);
  if (left.length === 0) return null;
  const f = left[0];
  const what = f.suggestion ? `${clip(f.text)} → ${clip(f.suggestion)}` : `${clip(f.text)}，${f.message}`;
  const where = `第 ${f.line} 行：${what}`;
  if (gate === 'entry') {
    return unprocessable(
      'UNRESOLVED_PROOFREADING',
      `智能校对发现 ${open.length} 处未处理的严重/错误问题（${where}），请修改，或说明理由后建议忽略（由二审确认）`,
    );
  }
  const parts = [
    open.length ? `${open.length} 处未修改也未忽略` : '',
    proposed.length ? `${proposed.length} 处忽略建议待二审确认` : '',
  ]
    .filter(Boolean)
    .join('，');
  return unprocessable(
    'UNRESOLVED_PROOFREADING',
    `智能校对还有 ${left.length} 处严重/错误问题未处理：${parts}（${where}）。`
      + '须修改，或由二审及以上审核人同意忽略后才能通过',
  );
}

/** What someone does with a finding; `as`: where the policy found them standing (src/org/policy/publish.ts). */
export type FindingAction =
  | { kind: 'dismiss'; by: string; as: Standing; reason: string; at: string } // 忽略, or 建议忽略 below level 2
  | { kind: 'accept'; by: string; as: Standing; at: string } // 同意忽略
  | { kind: 'reject'; by: string; as: Standing; reason: string; at: string }; // 不同意: open again

/** The finding after `a`, or why not: only the current revision's findings, and each action from its own status. */
export function actOnFinding(
  f: RevisionFinding,
  currentRevision: number,
  a: FindingAction,
): RevisionFinding | AppError {
  if (f.revision !== currentRevision)
    return conflict('STALE_REVISION', '该校对发现属于旧版本，请查看最新版本的校对结果');
  if (f.kind === 'secrecy') return conflict('SECRECY_FINDING', SECRECY_FINDING_MESSAGE);
  if (f.status === 'dismissed') return conflict('ALREADY_RESOLVED', '该校对发现已被忽略');
  if (a.kind === 'dismiss') {
    if (f.status === 'proposed')
      return conflict('ALREADY_PROPOSED', '该校对发现已有忽略建议待二审确认，请同意或不同意该建议');
    if (needsLevel2(f) && !decidesDismissals(a.as)) {
      return {
        ...f,
        status: 'proposed',
        proposedBy: a.by,
        proposedAs: a.as,
        proposalReason: a.reason,
        proposedAt: a.at,
      };
    }
    return { ...f, status: 'dismissed', resolvedBy: a.by, resolvedAs: a.as, reason: a.reason, resolvedAt: a.at };
  }
  if (f.status !== 'proposed') return conflict('NOT_PROPOSED', '该校对发现没有待确认的忽略建议');
  if (!decidesDismissals(a.as)) return conflict('NOT_LEVEL2', '忽略建议须由二审或更高级别的审核人确认');
  if (a.kind === 'accept') {
    return {
      ...f,
      status: 'dismissed',
      resolvedBy: a.by,
      resolvedAs: a.as,
      reason: f.proposalReason,
      resolvedAt: a.at,
    };
  }
  return {
    ...f,
    status: 'open',
    proposedBy: null,
    proposedAs: null,
    proposalReason: null,
    proposedAt: null,
    rejectedBy: a.by,
    rejectionReason: a.reason,
    rejectedAt: a.at,
  };
}

/** The reason a dismissal, a proposal or a refusal must give (2–500 characters, trimmed). */
export function dismissReason(value: unknown, what = '忽略该校对发现'): string | AppError {
  const reason = typeof value === 'string' ? value.trim() : '';
  const length = [...reason].length;
  if (length < REASON_LIMITS.min || length > REASON_LIMITS.max) {
    return invalid('reason', `请说明${what}的理由（${REASON_LIMITS.min} 至 ${REASON_LIMITS.max} 字）`);
  }
  return reason;
}
