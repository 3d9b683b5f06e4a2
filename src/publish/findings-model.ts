// 智能校对 findings kept on each revision, and the rule they enforce: 65号 三审三校制度 第五条(四) “政府网站发布的信息应
// 通过……智能校对功能进行校对无误后才能发布”. A serious or error finding blocks submitting and every approval until the text
// is fixed (a new revision whose check no longer finds it) or the finding is dismissed with a reason. Pure.
import type { Finding } from '../checks/index.ts';
import { AppError, conflict, invalid, unprocessable } from '../platform/errors.ts';
import { isBlocking } from '../secrecy/model.ts';

/** info findings are for the record only and are not kept. */
export const KEPT_SEVERITIES = ['serious', 'error', 'warning'] as const;
export type KeptSeverity = (typeof KEPT_SEVERITIES)[number];

// 'secrecy': a 密级标志 or 个人信息 finding. 保密审查制度 第七条 gives it to the 保密工作机构, which at the secrecy step
// (between 二审 and 三审, src/secrecy) must dismiss it or withhold it by 脱密 before any 公开 opinion — so it does
// not block here, and nobody here may dismiss it.
export const FINDING_STATUSES = ['open', 'dismissed', 'secrecy'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

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
  status: FindingStatus;
  resolvedBy: string | null;
  reason: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

export type NewFinding = Pick<RevisionFinding, 'rule' | 'category' | 'severity' | 'start' | 'end' | 'line' | 'column' | 'text'
  | 'suggestion' | 'message' | 'status'>;

const kept = (f: Finding): f is Finding & { severity: KeptSeverity } => (KEPT_SEVERITIES as readonly string[]).includes(f.severity);

/** What a revision keeps of a check run, and the status each finding starts in. */
export function keptFindings(found: readonly Finding[]): NewFinding[] {
  return found.filter(kept).map((f) => ({ rule: f.rule, category: f.category, severity: f.severity, start: f.start, end: f.end,
    line: f.line, column: f.column, text: f.text, suggestion: f.suggestion, message: f.message,
    status: isBlocking(f) ? 'secrecy' as const : 'open' as const }));
}

export type FindingCounts = Record<KeptSeverity, number>;

export function openCounts(findings: readonly Pick<RevisionFinding, 'severity' | 'status'>[]): FindingCounts {
  const counts: FindingCounts = { serious: 0, error: 0, warning: 0 };
  for (const f of findings) if (f.status === 'open') counts[f.severity] += 1;
  return counts;
}

const blocks = (f: Pick<RevisionFinding, 'severity' | 'status'>) => f.status === 'open' && f.severity !== 'warning';

const clip = (s: string, max = 20): string => ([...s].length > max ? `${[...s].slice(0, max).join('')}…` : s);

/** 第五条(四): why the revision may not be submitted or approved yet, naming the first blocking finding; null: none. */
export function proofreadingProblem(findings: readonly RevisionFinding[]): AppError | null {
  const open = findings.filter(blocks).sort((a, b) => a.start - b.start);
  if (open.length === 0) return null;
  const f = open[0];
  const what = f.suggestion ? `${clip(f.text)} → ${clip(f.suggestion)}` : `${clip(f.text)}，${f.message}`;
  return unprocessable('UNRESOLVED_PROOFREADING',
    `智能校对发现 ${open.length} 处未处理的严重/错误问题（第 ${f.line} 行：${what}），请修改或说明理由后忽略`);
}

/** A finding can be dismissed only on the current revision, while open, and not when it belongs to 保密审查. */
export function dismissProblem(f: Pick<RevisionFinding, 'revision' | 'status'>, currentRevision: number): AppError | null {
  if (f.revision !== currentRevision) return conflict('STALE_REVISION', '该校对发现属于旧版本，请查看最新版本的校对结果');
  if (f.status === 'secrecy') {
    return conflict('SECRECY_FINDING', '密级标志和个人信息由保密工作机构在保密审查环节排除或脱密处理，不能在此忽略');
  }
  if (f.status !== 'open') return conflict('ALREADY_RESOLVED', '该校对发现已被忽略');
  return null;
}

/** The reason a dismissal must give (2–500 characters, trimmed). */
export function dismissReason(value: unknown): string | AppError {
  const reason = typeof value === 'string' ? value.trim() : '';
  const length = [...reason].length;
  if (length < REASON_LIMITS.min || length > REASON_LIMITS.max) {
    return invalid('reason', `请说明忽略该校对发现的理由（${REASON_LIMITS.min} 至 ${REASON_LIMITS.max} 字）`);
  }
  return reason;
}
