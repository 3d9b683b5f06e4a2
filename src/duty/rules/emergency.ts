// §4.2 突发事件: during major emergencies a duty leader leads every shift, and emergencies add people (增加处置力量).
// Pure: the expected end, the named leaders and reinforcements, and what still lacks a leader.
import { conflict, invalid, unprocessable } from '../../platform/errors.ts';
import type { Finding, FindingCode } from '../roster-check.ts';
import type { Violation } from './verdict.ts';

/** The expected end: an ISO instant after now, or none (until closed). */
export function expectedEnd(until: string | null | undefined, now: Date): { until: string | null } | Violation {
  if (!until) return { until: null };
  const u = Date.parse(until);
  if (Number.isNaN(u) || !/^\d{4}-\d{2}-\d{2}T/.test(until))
    return invalid('until', '预计结束时间格式不正确，应为 ISO 8601');
  if (u <= now.getTime()) return invalid('until', '预计结束时间须晚于现在');
  return { until: new Date(u).toISOString() };
}

/** Every named reinforcement is a user. */
export function reinforcementsKnown(ids: readonly string[], known: ReadonlySet<string>): Violation | null {
  const missing = ids.findIndex((id) => !known.has(id));
  return missing >= 0 ? invalid(`extraUserIds.${missing}`, '增加的处置人员中有不存在的用户') : null;
}

/** A named leader's unit is among the emergency's units and they are that unit's 带班领导. */
export function namedLeader(
  i: number,
  unitId: string | null | undefined,
  units: readonly string[],
  leadersOfUnit: (unitId: string) => readonly string[],
  userId: string,
): Violation | null {
  if (!unitId || !units.includes(unitId)) return invalid(`leaders.${i}.unitId`, '请为带班领导选择其值班单位');
  return leadersOfUnit(unitId).includes(userId) ? null : invalid(`leaders.${i}.userId`, '所选人员不是该单位的带班领导');
}

/** §4.2: declared only when every current and coming shift has a leader and the hours are covered. */
export function everyShiftLed(problems: readonly string[]): Violation | null {
  if (!problems.length) return null;
  const list = `${problems.slice(0, 10).join('；')}${problems.length > 10 ? '……' : ''}`;
  return unprocessable('LEADER_REQUIRED', `突发事件处置期间每个班次须有带班领导：${list}。请指定带班领导或先安排值班`);
}

export const stillOpen = (closed: boolean): Violation | null =>
  closed ? conflict('ALREADY_CLOSED', '该突发事件已结束') : null;

/**
 * The roster findings an emergency may override, with a reason: rest too short and registered unavailability — 第三条
 * asks to add people at once (及时增加处置力量). Never being on two duties at once: nobody leaves a post without a
 * 离岗 (第八条), and the shift they hold would be left without them.
 */
export const OVERRIDABLE: readonly FindingCode[] = ['REST_TOO_SHORT', 'UNAVAILABLE'];

const listed = (findings: readonly Finding[]) =>
  `${findings
    .slice(0, 10)
    .map((f) => f.message)
    .join('；')}${findings.length > 10 ? '……' : ''}`;

/**
 * The people an emergency adds (reinforcements, leaders put on shifts) go through the roster check: with findings, it
 * is declared only if every finding may be overridden and a reason is given (then kept, recorded and shown).
 */
export function overridden(findings: readonly Finding[], reason: string): Violation | null {
  const never = findings.filter((f) => !OVERRIDABLE.includes(f.code));
  if (never.length)
    return unprocessable(
      'EMERGENCY_DOUBLE_BOOKED',
      `突发事件增加的人员不能同时在两处值班：${listed(never)}。请另选人员，或先办理换班、离岗`,
    );
  if (findings.length && !reason)
    return unprocessable(
      'OVERRIDE_REQUIRED',
      `增加的人员与排班规则冲突：${listed(findings)}。确需仍然安排的，请填写理由（记入台账，并随突发事件列出）`,
    );
  return null;
}
