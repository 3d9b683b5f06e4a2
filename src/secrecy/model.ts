// 保密审查 (confidentiality review) — opinions, 脱密 redaction, blocking findings and what may be published. Pure:
// no clock, database or randomness. Source: 綦江府办〔2022〕65号 政府信息公开保密审查制度, DOMAIN.md §3.
import { type AppError, conflict, invalid, unprocessable } from '../platform/errors.ts';
import { basisById } from './bases.ts';

// 保密审查制度 第十二条: 公开 / 免于公开 / 需报审; 第十四条: 部分公开 after 脱密处理.
export const OPINIONS = ['disclose', 'partial', 'exempt', 'refer'] as const;
export type OpinionKind = (typeof OPINIONS)[number];
export const OPINION_NAME: Record<OpinionKind, string> = {
  disclose: '公开',
  partial: '部分公开（脱密处理）',
  exempt: '免于公开',
  refer: '需报审',
};

// 保密审查制度 第十一条: a declassified secret proposed for disclosure carries one of these.
export const DECLASSIFICATIONS = ['withhold', 'workSecret', 'disclose'] as const;
export type Declassification = (typeof DECLASSIFICATIONS)[number];
export const DECLASSIFICATION_NAME: Record<Declassification, string> = {
  withhold: '解密后不公开',
  workSecret: '解密后作为工作秘密',
  disclose: '解密后公开',
};

/** 保密审查制度 第八条: (一) level 1, (二) level 2, (三) the secrecy office; (四) is level 3's approval. */
export const STEPS = ['level1', 'level2', 'secrecy'] as const;
export type Step = (typeof STEPS)[number];
export const STEP_NAME: Record<Step, string> = {
  level1: '信息产生机构初步意见',
  level2: '机构负责人审查意见',
  secrecy: '保密工作机构审查意见',
};

// —— rule numbers, each next to the article it comes from ——

/** 保密审查制度 第十三条: the secrecy office answers within 10 working days of receiving the request (day 0). */
export const ART13_OPINION_WORKING_DAYS = 10;
/** 质疑申请 (保密审查制度 第十五条) on 政府信息公开条例 第三十三条第二款: answered within 20 working days of receipt (day 0), */
export const OGI_ART33_ANSWER_WORKING_DAYS = 20;
/** …extendable once, by at most 20 working days, with the reason told to the asker (the same 第三十三条第二款). */
export const OGI_ART33_MAX_EXTENSION_DAYS = 20;

export const LIMITS = {
  reason: 2000,
  basisText: 500,
  bases: 20,
  spans: 200,
  authority: 100,
  referenceNo: 100,
  answer: 2000,
} as const;

/** The visible placeholder a withheld span becomes in the published text (第十四条: 不予公开、其余部分公开). */
export const PLACEHOLDER = '（此处不予公开）';

export interface OpinionInput {
  opinion: OpinionKind;
  basisIds: string[];
  basisText?: string;
  reason: string;
}

export interface Opinion extends OpinionInput {
  basisText: string;
}

/** Level 1 also states 是否属于保密事项 (第十二条) and, for a declassified secret, the 第十一条 choice. */
export interface Level1Marks {
  secrecyMatter: boolean;
  declassified: boolean;
  declassification: Declassification | null;
}

export interface Span {
  start: number; // UTF-16 offset into the revision's body_text
  end: number; // exclusive
}

const trimmed = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
/** A field's name under an optional prefix: ('disclosure', 'reason') → 'disclosure.reason';
 *  ('', 'reason') → 'reason'. */
const under = (at: string, name: string): string => (at ? `${at}.${name}` : name);

/** 第十二条: an opinion names its basis (a provision from the list, free text, or both) and its reason. */
export function checkOpinion(input: Partial<OpinionInput> | undefined, at: string): Opinion | AppError {
  if (!input) return invalid(at || 'opinion', '请填写公开属性意见（公开、部分公开、免于公开或需报审）及其依据和理由');
  if (!input.opinion || !(OPINIONS as readonly string[]).includes(input.opinion)) {
    return invalid(under(at, 'opinion'), '请选择审查意见：公开、部分公开、免于公开或需报审');
  }
  const basisIds = input.basisIds ?? [];
  if (basisIds.length > LIMITS.bases) return invalid(under(at, 'basisIds'), `依据不能超过 ${LIMITS.bases} 条`);
  const unknown = basisIds.findIndex((id) => !basisById(id));
  if (unknown >= 0) return invalid(`${under(at, 'basisIds')}.${unknown}`, '所选依据不在法律条款清单中');
  const basisText = trimmed(input.basisText);
  if (basisText.length > LIMITS.basisText)
    return invalid(under(at, 'basisText'), `其他依据不能超过 ${LIMITS.basisText} 字`);
  if (basisIds.length === 0 && !basisText)
    return invalid(under(at, 'basisIds'), '请注明审查依据：从法律条款清单中选择，或填写其他依据');
  const reason = trimmed(input.reason);
  if (!reason) return invalid(under(at, 'reason'), '请注明审查理由');
  if (reason.length > LIMITS.reason) return invalid(under(at, 'reason'), `理由不能超过 ${LIMITS.reason} 字`);
  return { opinion: input.opinion, basisIds: [...new Set(basisIds)], basisText, reason };
}

export function checkLevel1Marks(input: Partial<Level1Marks> | undefined, at: string): Level1Marks | AppError {
  if (typeof input?.secrecyMatter !== 'boolean') return invalid(under(at, 'secrecyMatter'), '请标明是否属于保密事项');
  const declassified = input.declassified === true;
  const choice = input.declassification ?? null;
  if (declassified && !choice) {
    return invalid(under(at, 'declassification'), '解密事项须选择：解密后不公开、解密后作为工作秘密或解密后公开');
  }
  if (!declassified && choice)
    return invalid(under(at, 'declassification'), '未标明为解密事项，不能选择解密后的处理意见');
  return { secrecyMatter: input.secrecyMatter, declassified, declassification: declassified ? choice : null };
}

/** 第十一条: 解密后不公开 and 解密后作为工作秘密 are never published. */
export function declassificationProblem(choice: Declassification | null): AppError | null {
  if (choice === 'withhold' || choice === 'workSecret') {
    return unprocessable(
      'DECLASSIFIED_NOT_PUBLIC',
      `该信息为解密事项，意见为“${DECLASSIFICATION_NAME[choice]}”，不能公开`,
    );
  }
  return null;
}

/** Spans are in range, non-empty, non-overlapping; returned sorted. */
export function checkSpans(text: string, spans: readonly Span[] | undefined, at: string): Span[] | AppError {
  if (!spans || spans.length === 0) return invalid(at, '部分公开须标出不予公开的内容');
  if (spans.length > LIMITS.spans) return invalid(at, `不予公开的内容不能超过 ${LIMITS.spans} 处`);
  for (const [i, s] of spans.entries()) {
    if (
      !Number.isInteger(s.start)
      || !Number.isInteger(s.end)
      || s.start < 0
      || s.end > text.length
      || s.start >= s.end
    ) {
      return invalid(`${at}.${i}`, `第 ${i + 1} 处不予公开的位置超出正文范围（正文共 ${text.length} 字）`);
    }
  }
  const sorted = [...spans].map((s) => ({ start: s.start, end: s.end })).sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) return invalid(at, '不予公开的内容相互重叠，请合并后再提交');
  }
  if (sorted.length === 1 && sorted[0].start === 0 && sorted[0].end === text.length) {
    return invalid(at, '全文不予公开时请提出“免于公开”意见');
  }
  return sorted;
}

/** 脱密处理: each span becomes the visible placeholder; the rest of the text stays as it is. */
export function redact(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + PLACEHOLDER;
    at = s.end;
  }
  return out + text.slice(at);
}

/** 智能校对 categories that block disclosure: 密级标志 and 个人信息. An office's contact number (severity info) does not. */
export const isBlocking = (f: { category: string; severity: string }): boolean =>
  (f.category === 'secrecy' || f.category === 'pii') && f.severity !== 'info';
/** A 密级标志 or 个人信息 finding's state: open until the secrecy office dismisses it (with a reason), a 部分公开 span
 *  withholds it (redacted), or a later revision no longer has it (fixed) or lists it again (superseded). */
export const SECRECY_FINDING_STATUSES = ['open', 'dismissed', 'redacted', 'fixed', 'superseded'] as const;
export type SecrecyFindingStatus = (typeof SECRECY_FINDING_STATUSES)[number];

export interface BlockingFinding {
  id: string;
  start: number;
  end: number;
  status: string;
}

/** A 密级标志 or 个人信息 finding of a revision, as publish keeps it (its one findings table, kind 'secrecy'). */
export interface SecrecyFinding extends BlockingFinding {
  itemId: string;
  revision: number;
  rule: string;
  category: string;
  severity: string;
  text: string;
  message: string;
  status: SecrecyFindingStatus;
  resolvedBy: string | null;
  reason: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

/**
 * How secrecy reads and resolves an item's findings: publish keeps them and hands this in (its loadForStep, and the
 * call that enters the step), so secrecy names neither the table nor publish. `resolve` is false if it was not open.
 */
export interface SecrecyFindings {
  list(revision?: number): Promise<SecrecyFinding[]>;
  resolve(
    f: SecrecyFinding,
    status: Exclude<SecrecyFindingStatus, 'open'>,
    by: string | null,
    reason: string | null,
    at: string,
  ): Promise<boolean>;
}

export const SECRECY_FINDING_MESSAGE = '密级标志和个人信息由保密工作机构在保密审查环节排除或脱密处理，不能在此忽略';

/** 第七条: why the 保密工作机构 may not dismiss this finding now (an earlier revision's, off its step, handled);
 *  null: it may. */
export function dismissalProblem(f: SecrecyFinding, item: { revision: number; stage: string }): AppError | null {
  if (f.revision !== item.revision) return conflict('STALE_REVISION', '该发现属于旧版本，请查看最新版本的发现');
  if (item.stage !== 'secrecy') return conflict('SECRECY_FINDING', SECRECY_FINDING_MESSAGE);
  if (f.status !== 'open') return conflict('ALREADY_RESOLVED', '该发现已处理，请刷新后查看');
  return null;
}

export const covered = (f: { start: number; end: number }, spans: readonly Span[]): boolean =>
  spans.some((s) => s.start <= f.start && f.end <= s.end);

/** Open findings a redaction does not withhold: a span must cover the finding whole. */
export function unresolved<F extends BlockingFinding>(findings: readonly F[], spans: readonly Span[] = []): F[] {
  return findings.filter((f) => f.status === 'open' && !covered(f, spans));
}

/**
 * What a secrecy action decides for the chain; publish/model.ts maps each outcome to the item's next stage (publish
 * owns every move). 第八条(三): cleared (公开 or 部分公开: on to 三审); 第十二条 withheld (免于公开) or referred (需报审, 第十条);
 * returned (退回修改); reopened (报审答复后退回保密审查环节重新提出意见).
 */
export const OUTCOMES = ['cleared', 'withheld', 'referred', 'returned', 'reopened'] as const;
export type SecrecyOutcome = (typeof OUTCOMES)[number];

/** Where an item waits for a secrecy action: the secrecy step (待保密审查) or 已报审待答复 (第十条). */
export type SecrecyWait = 'secrecy' | 'referred';

/** What the secrecy office's opinion decides, given the revision's findings and the level-1 declassification. */
export interface SecrecyContext {
  stage: string; // the item's stage (publish/model.ts Stage)
  revision: number;
  findings: readonly BlockingFinding[];
  declassification: Declassification | null;
}

/** The item waits where the action belongs (the secrecy step, or 已报审) at the revision the actor saw; else 409. */
export function stepProblem(
  ctx: Pick<SecrecyContext, 'stage' | 'revision'>,
  revision: number,
  from: SecrecyWait = 'secrecy',
): AppError | null {
  if (revision !== ctx.revision) return conflict('STALE_REVISION', '稿件已修改，请审查最新版本');
  if (ctx.stage === from) return null;
  return conflict(
    'NOT_AT_SECRECY',
    from === 'secrecy'
      ? '稿件当前不在保密审查环节（可能已被他人处理），请刷新后查看'
      : '稿件当前不在等待报审答复状态，请刷新后查看',
  );
}

/** 第八条(三)、第十二条: the outcome of an opinion given at `from`, or why it cannot be given (409, 422). */
export function decideSecrecy(
  ctx: SecrecyContext,
  revision: number,
  opinion: OpinionKind,
  spans: readonly Span[],
  from: SecrecyWait = 'secrecy',
): SecrecyOutcome | AppError {
  const wrong = stepProblem(ctx, revision, from);
  if (wrong) return wrong;
  if (opinion === 'exempt') return 'withheld';
  if (opinion === 'refer') return 'referred';
  const declassified = declassificationProblem(ctx.declassification);
  if (declassified) return declassified;
  // 保密审查制度 第七条: 密级标志 and 个人信息 found by 智能校对 must be fixed, withheld or dismissed with a reason first.
  const open = unresolved(ctx.findings, opinion === 'partial' ? spans : []);
  if (open.length > 0 && opinion === 'disclose') {
    return unprocessable(
      'UNRESOLVED_FINDINGS',
      `存在未处理的密级标志或个人信息（${open.length} 处），不能提出"公开"意见`,
    );
  }
  if (open.length > 0) {
    return unprocessable(
      'UNRESOLVED_FINDINGS',
      `存在未处理且未被不予公开范围覆盖的密级标志或个人信息（${open.length} 处）`,
    );
  }
  return 'cleared';
}

/** 第九条: jointly formed information is disclosed only with each co-issuing unit's written consent. */
export function consentProblem(
  coIssuerUnitIds: readonly string[],
  consentedUnitIds: readonly string[],
  names: Map<string, string>,
): AppError | null {
  const missing = coIssuerUnitIds.filter((u) => !consentedUnitIds.includes(u));
  if (missing.length === 0) return null;
  return unprocessable(
    'CONSENT_MISSING',
    `共同形成的信息须征得${missing.map((u) => names.get(u) ?? u).join('、')}书面同意后方可公开`,
  );
}
