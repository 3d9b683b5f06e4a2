// 重大行政决策 (国务院令第713号《重大行政决策程序暂行条例》, 重庆市人民政府令第337号, 綦江府办发〔2022〕63号): the
// statutory procedure of one decision as pure rules — its steps in order, which may be 不适用, the 预公开 comment
// window, the 合法性审查 time, and the gate "提请常务会议审议". No clock, database or randomness: `today` comes in.
import { type Calendar, isIsoDate, workingDaysBetween } from '../platform/calendar/model.ts';
import { type AppError, invalid, unprocessable } from '../platform/errors.ts';

/** The steps in the 条例's order (第二章 决策草案的形成 → 第三章 合法性审查和集体讨论决定 → 第四章 执行和调整). */
export const STEPS = [
  'launch', // 决策启动 (条例 §10)
  'participation', // 公众参与 (§14–§18), including 预公开
  'expert', // 专家论证 (§19–§21), when required
  'risk', // 风险评估 (§22–§24): 社会稳定风险评估, when stability or public safety may be affected
  'legality', // 合法性审查 (§25–§28), by the 合法性审查机构 (区司法局)
  'collective', // 集体讨论决定 (§30–§32): the 区政府常务会议
  'publication', // 决策公布 (§32)
  'implementation', // 执行和后评估 (§33–§38)
] as const;
export type StepKey = (typeof STEPS)[number];

export const STEP_NAME: Record<StepKey, string> = {
  launch: '决策启动',
  participation: '公众参与',
  expert: '专家论证',
  risk: '风险评估',
  legality: '合法性审查',
  collective: '集体讨论决定',
  publication: '决策公布',
  implementation: '执行和后评估',
};

/** The steps before the gate: all must be settled before the item may go to the 常务会议 (63号 一). */
export const BEFORE_GATE: readonly StepKey[] = ['launch', 'participation', 'expert', 'risk', 'legality'];

/** 条例 §27: in general no less than 7 working days for the 合法性审查. */
export const LEGALITY_MIN_WORKING_DAYS = 7;
/** 条例 §14: the time for public comment is in general no less than 30 days; a shorter one is explained. */
export const COMMENT_MIN_DAYS = 30;

export type StepStatus = 'pending' | 'done' | 'notApplicable';
/** 合法性审查意见: 合法; 明示法律风险 (an exploratory reform, §28 and 337号); 不合法 (may not be discussed). */
export type LegalityOpinion = 'lawful' | 'riskStated' | 'unlawful';
export const OPINION_NAME: Record<LegalityOpinion, string> = {
  lawful: '合法',
  riskStated: '明示法律风险',
  unlawful: '不合法',
};

export interface Step {
  status: StepStatus;
  on: string | null; // the day it was completed (YYYY-MM-DD)
  outcome: string | null; // what came of it (text), or the 不适用 reason
  reference: string | null; // a document's reference: 会议纪要, 评估报告, 审查意见书 文号
}

/** 预公开: the draft and its explanation published with how and until when to comment (63号 二). */
export interface Consultation {
  opensOn: string; // first day comments are taken
  closesOn: string; // end exclusive: the first day they are no longer taken
  shortReason: string | null; // why the window is shorter than 30 days (shown publicly)
  /** The draft and its explanation as published through 三审三校 + 保密审查 (a publish item); null in older data. */
  draftItemId?: string | null;
  comments: number;
  unanswered: number; // comments the unit has not yet answered 采纳/部分采纳/不予采纳
  reportPublishedOn: string | null; // 意见收集和采纳情况 published
}

export interface Procedure {
  /** 依法不予公开: the only case in which 公众参与 may be 不适用 (条例 §14). Null: the decision is public. */
  notDisclosedReason: string | null;
  steps: Record<StepKey, Step>;
  consultation: Consultation | null;
  legalityRequestedOn: string | null; // materials sent to the 合法性审查机构
  legalityOpinion: LegalityOpinion | null;
  legalityRisk: string | null; // the legal risk stated, with 明示法律风险
  submittedOn: string | null; // 提请常务会议审议
}

const PENDING: Step = { status: 'pending', on: null, outcome: null, reference: null };

export function newProcedure(notDisclosedReason: string | null = null): Procedure {
  const steps = Object.fromEntries(STEPS.map((k) => [k, PENDING])) as Record<StepKey, Step>;
  return {
    notDisclosedReason,
    steps,
    consultation: null,
    legalityRequestedOn: null,
    legalityOpinion: null,
    legalityRisk: null,
    submittedOn: null,
  };
}

/** A step that can never be 不适用: 合法性审查, 集体讨论决定, 决策启动; 公众参与 unless lawfully not disclosed. */
export function isMandatory(p: Procedure, step: StepKey): boolean {
  if (step === 'participation') return p.notDisclosedReason === null;
  return step === 'launch' || step === 'legality' || step === 'collective';
}

const settled = (s: Step) => s.status !== 'pending';

/** The first step still pending, or null when every step is settled. */
export function currentStep(p: Procedure): StepKey | null {
  return STEPS.find((k) => !settled(p.steps[k])) ?? null;
}

/** Calendar days from opensOn to closesOn (end exclusive): the comment window's length. */
export function windowDays(opensOn: string, closesOn: string): number {
  return Math.round((Date.parse(`${closesOn}T00:00:00Z`) - Date.parse(`${opensOn}T00:00:00Z`)) / 86_400_000);
}

/** Validates a 预公开 window: real dates, at least one day, ≥ 30 days unless a reason is stated. */
export function consultationRefusal(opensOn: string, closesOn: string, shortReason: string | null): AppError | null {
  if (!isIsoDate(opensOn)) return invalid('opensOn', '征求意见开始日期格式不正确，应为 YYYY-MM-DD');
  if (!isIsoDate(closesOn)) return invalid('closesOn', '征求意见截止日期格式不正确，应为 YYYY-MM-DD');
  const days = windowDays(opensOn, closesOn);
  if (days < 1) return invalid('closesOn', '征求意见截止日期须晚于开始日期');
  if (days < COMMENT_MIN_DAYS && !shortReason?.trim()) {
    return unprocessable(
      'WINDOW_TOO_SHORT',
      `征求意见期限为${days}天，少于${COMMENT_MIN_DAYS}天的须说明理由（条例第十四条）`,
    );
  }
  return null;
}

/** A warning (not a refusal) when the 合法性审查机构 had fewer than 7 working days (条例 §27). */
export function legalityTimeWarning(cal: Calendar, requestedOn: string, opinionOn: string): string | null {
  const days = workingDaysBetween(cal, requestedOn, opinionOn);
  if (days >= LEGALITY_MIN_WORKING_DAYS) return null;
  return `合法性审查时间为${days}个工作日，少于${LEGALITY_MIN_WORKING_DAYS}个工作日（条例第二十七条：一般不少于7个工作日）`;
}

/** What is still missing before "提请常务会议审议" may be granted (63号 一; 条例 §26, §30). Empty: the gate opens. */
export function gateMissing(p: Procedure): string[] {
  const missing: string[] = [];
  for (const k of BEFORE_GATE) {
    if (settled(p.steps[k])) continue;
    missing.push(
      isMandatory(p, k) ? `${STEP_NAME[k]}未完成` : `${STEP_NAME[k]}未完成（不需要的须标注不适用并说明理由）`,
    );
  }
  if (p.notDisclosedReason === null) {
    if (!p.consultation) missing.push('未向社会公开征求意见（预公开）');
    else if (!p.consultation.reportPublishedOn) missing.push('未公布意见收集和采纳情况');
  }
  if (p.legalityOpinion === 'unlawful') missing.push('合法性审查意见为不合法，不得提请审议');
  else if (!p.legalityOpinion) missing.push('合法性审查机构尚未出具合法性审查意见');
  return missing;
}

export type Action =
  | { kind: 'complete'; step: StepKey; on: string; outcome: string; reference?: string | null }
  | { kind: 'notApplicable'; step: StepKey; reason: string }
  | {
      kind: 'openConsultation';
      opensOn: string;
      closesOn: string;
      shortReason?: string | null;
      draftItemId?: string | null;
    }
  | { kind: 'comment'; on: string }
  | { kind: 'answer' }
  | { kind: 'publishReport'; on: string }
  | { kind: 'requestLegality'; on: string }
  | { kind: 'opinion'; opinion: LegalityOpinion; on: string; risk?: string | null; reference?: string | null }
  | { kind: 'submit'; on: string };

export interface Applied {
  next: Procedure;
  warnings: string[];
}

const refuse = (code: string, message: string) => unprocessable(code, message);

/** Every step before `step` is done or 不适用: the 条例's order is kept. */
function orderRefusal(p: Procedure, step: StepKey): AppError | null {
  if (settled(p.steps[step])) return refuse('STEP_SETTLED', `${STEP_NAME[step]}已办结`);
  const open = STEPS.slice(0, STEPS.indexOf(step)).find((k) => !settled(p.steps[k]));
  return open ? refuse('STEP_ORDER', `请先完成${STEP_NAME[open]}（或标注不适用）`) : null;
}

const withStep = (p: Procedure, step: StepKey, s: Step): Procedure => ({ ...p, steps: { ...p.steps, [step]: s } });
const dateRefusal = (field: string, on: string) =>
  isIsoDate(on) ? null : invalid(field, `日期「${on}」格式不正确，应为 YYYY-MM-DD`);

function complete(p: Procedure, a: Extract<Action, { kind: 'complete' }>): Procedure | AppError {
  const bad = dateRefusal('on', a.on) ?? orderRefusal(p, a.step);
  if (bad) return bad;
  if (!a.outcome.trim()) return invalid('outcome', `请填写${STEP_NAME[a.step]}的情况`);
  if (a.step === 'legality') return refuse('USE_OPINION', '合法性审查由合法性审查机构出具审查意见');
  if (a.step === 'participation' && p.notDisclosedReason === null && !p.consultation?.reportPublishedOn) {
    return refuse('REPORT_NOT_PUBLISHED', '须先公布意见收集和采纳情况，公众参与才能办结');
  }
  if (a.step === 'collective' && !p.submittedOn) return refuse('NOT_SUBMITTED', '尚未提请常务会议审议');
  const reference = a.reference?.trim() || null;
  return withStep(p, a.step, { status: 'done', on: a.on, outcome: a.outcome.trim(), reference });
}

function notApplicable(p: Procedure, a: Extract<Action, { kind: 'notApplicable' }>): Procedure | AppError {
  if (isMandatory(p, a.step)) {
    const why = a.step === 'participation' ? '（依法不予公开的决策事项除外）' : '';
    return refuse('MANDATORY_STEP', `${STEP_NAME[a.step]}是法定必经程序，不能标注不适用${why}`);
  }
  const bad = orderRefusal(p, a.step);
  if (bad) return bad;
  if (!a.reason.trim()) return invalid('reason', '标注不适用须说明理由');
  return withStep(p, a.step, { status: 'notApplicable', on: null, outcome: a.reason.trim(), reference: null });
}

function openConsultation(p: Procedure, a: Extract<Action, { kind: 'openConsultation' }>): Procedure | AppError {
  if (p.notDisclosedReason !== null) return refuse('NOT_DISCLOSED', '该事项依法不予公开，不开展预公开');
  if (p.steps.launch.status !== 'done') return refuse('STEP_ORDER', '请先完成决策启动');
  if (p.consultation) return refuse('CONSULTATION_EXISTS', '已发布征求意见');
  const shortReason = a.shortReason?.trim() || null;
  const bad = consultationRefusal(a.opensOn, a.closesOn, shortReason);
  if (bad) return bad;
  const draftItemId = a.draftItemId ?? null;
  const consultation = {
    opensOn: a.opensOn,
    closesOn: a.closesOn,
    shortReason,
    draftItemId,
    comments: 0,
    unanswered: 0,
  };
  return { ...p, consultation: { ...consultation, reportPublishedOn: null } };
}

/** Comments are taken from opensOn until the day before closesOn (end exclusive). */
export const isOpenOn = (c: Consultation, on: string): boolean => on >= c.opensOn && on < c.closesOn;

function consultationStep(p: Procedure, a: Extract<Action, { kind: 'comment' | 'answer' | 'publishReport' }>) {
  const c = p.consultation;
  if (!c) return refuse('NO_CONSULTATION', '尚未发布征求意见');
  if (a.kind === 'comment') {
    if (!isOpenOn(c, a.on)) return refuse('CONSULTATION_CLOSED', '不在征求意见期限内');
    return { ...p, consultation: { ...c, comments: c.comments + 1, unanswered: c.unanswered + 1 } };
  }
  if (a.kind === 'answer') {
    if (c.unanswered === 0) return refuse('NOTHING_TO_ANSWER', '没有待答复的意见');
    return { ...p, consultation: { ...c, unanswered: c.unanswered - 1 } };
  }
  if (c.reportPublishedOn) return refuse('REPORT_PUBLISHED', '意见收集和采纳情况已公布');
  if (!isIsoDate(a.on) || a.on < c.closesOn) return refuse('CONSULTATION_OPEN', '征求意见期限届满后才能公布采纳情况');
  if (c.unanswered > 0) return refuse('UNANSWERED', `还有${c.unanswered}条意见未答复采纳情况`);
  return { ...p, consultation: { ...c, reportPublishedOn: a.on } };
}

function requestLegality(p: Procedure, on: string): Procedure | AppError {
  const bad = dateRefusal('on', on) ?? orderRefusal(p, 'legality');
  if (bad) return bad;
  if (p.legalityRequestedOn && p.legalityOpinion !== 'unlawful') return refuse('ALREADY_REQUESTED', '已送合法性审查');
  return { ...p, legalityRequestedOn: on, legalityOpinion: null, legalityRisk: null };
}

function opinion(p: Procedure, a: Extract<Action, { kind: 'opinion' }>, cal: Calendar): Applied | AppError {
  const bad = dateRefusal('on', a.on);
  if (bad) return bad;
  const requested = p.legalityRequestedOn;
  if (!requested || p.legalityOpinion) return refuse('NOT_REQUESTED', '该事项未送合法性审查，或已出具审查意见');
  if (a.on < requested) return invalid('on', '审查意见日期不能早于送审日期');
  const risk = a.risk?.trim() || null;
  if (a.opinion === 'riskStated' && !risk) return invalid('risk', '明示法律风险的，须写明法律风险');
  const warning = legalityTimeWarning(cal, requested, a.on);
  const next = { ...p, legalityOpinion: a.opinion, legalityRisk: a.opinion === 'riskStated' ? risk : null };
  if (a.opinion === 'unlawful') return { next, warnings: warning ? [warning] : [] };
  const outcome = OPINION_NAME[a.opinion] + (risk && a.opinion === 'riskStated' ? `：${risk}` : '');
  const step: Step = { status: 'done', on: a.on, outcome, reference: a.reference?.trim() || null };
  return { next: withStep(next, 'legality', step), warnings: warning ? [warning] : [] };
}

function submit(p: Procedure, on: string): Procedure | AppError {
  const bad = dateRefusal('on', on);
  if (bad) return bad;
  if (p.submittedOn) return refuse('ALREADY_SUBMITTED', '已提请常务会议审议');
  const missing = gateMissing(p);
  if (missing.length > 0)
    return refuse('GATE_CLOSED', `未履行完法定程序，不得提请区政府常务会议审议：${missing.join('；')}`);
  return { ...p, submittedOn: on };
}

/** Applies one action; a refusal leaves the procedure as it was. */
export function apply(p: Procedure, a: Action, cal: Calendar): Applied | AppError {
  if (a.kind === 'opinion') return opinion(p, a, cal);
  const next = dispatch(p, a);
  return next instanceof Error ? next : { next, warnings: [] };
}

function dispatch(p: Procedure, a: Exclude<Action, { kind: 'opinion' }>): Procedure | AppError {
  switch (a.kind) {
    case 'complete':
      return complete(p, a);
    case 'notApplicable':
      return notApplicable(p, a);
    case 'openConsultation':
      return openConsultation(p, a);
    case 'comment':
    case 'answer':
    case 'publishReport':
      return consultationStep(p, a);
    case 'requestLegality':
      return requestLegality(p, a.on);
    case 'submit':
      return submit(p, a.on);
  }
}
