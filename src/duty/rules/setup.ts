// §4.2–4.6 what a unit sets up for its duty: shift templates (班次), 重大活动 / 重要节点 days (§4.2 a duty leader
// leads them) and the 24-hour duty phone (§4.6 reachable 24 hours). Pure.
import { isIsoDate } from '../../platform/calendar/model.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import { LIMITS, SPECIAL_KINDS } from '../model.ts';
import type { Violation } from './verdict.ts';

/** Template names are unique in a unit, at most LIMITS.templates of them. */
export function templateFits(
  all: readonly { id: string; name: string }[],
  name: string,
  existingId: string | null,
): Violation | null {
  const taken = all.some((t) => t.name === name && t.id !== existingId);
  if (taken) return conflict('DUPLICATE_TEMPLATE', `本单位已有班次「${name}」`);
  if (!existingId && all.length >= LIMITS.templates)
    return invalid('name', `一个单位最多设置 ${LIMITS.templates} 个班次`);
  return null;
}

export function specialDayFields(day: string, kind: string): Violation | null {
  if (!isIsoDate(day)) return invalid('day', '日期格式应为 YYYY-MM-DD');
  if ((SPECIAL_KINDS as readonly string[]).includes(kind)) return null;
  return invalid('kind', '类型须为重大活动（majorEvent）或重要节点（importantDate）');
}

const PHONE_RE = /^[0-9+\-() ]{3,30}$/;

/** §4.6 值班联系电话: digits, spaces and + - ( ), 3 to 30 of them. */
export const dutyPhone = (value: string): Violation | null =>
  PHONE_RE.test(value) ? null : invalid('phone', '联系电话只能包含数字、空格和 + - ( )，3 到 30 位');
