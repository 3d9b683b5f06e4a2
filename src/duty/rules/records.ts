// §4.5 records: every anomaly and every notice from superiors is recorded in detail — when, by whom, what, who was
// told. When something happened is never in the future; a reading round names what was read. Pure.
import { invalid } from '../../platform/errors.ts';
import { LIMITS } from '../model.ts';
import type { Violation } from './verdict.ts';

/** A few minutes' slack for clocks that run ahead. */
export const FUTURE_SLACK_MS = 5 * 60 * 1000;

/** When it happened: an ISO instant, not in the future; blank is now. */
export function happenedAt(field: string, value: string | undefined, now: Date): { at: string } | Violation {
  if (value === undefined || value === '') return { at: now.toISOString() };
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t)) {
    return invalid(field, '时间格式不正确，应为 ISO 8601（如 2026-03-02T09:30:00+08:00）');
  }
  if (t > now.getTime() + FUTURE_SLACK_MS) return invalid(field, '时间不能晚于现在');
  return { at: new Date(t).toISOString() };
}

/** Everyone recorded as told is a user. */
export function toldKnown(ids: readonly string[], known: ReadonlySet<string>): Violation | null {
  const unknown = ids.findIndex((id) => !known.has(id));
  return unknown >= 0 ? invalid(`toldUserIds.${unknown}`, '已告知人员中有不存在的用户') : null;
}

/** A reading round lists 1..LIMITS.pages pages or columns. */
export function pagesRead(count: number): Violation | null {
  if (count === 0) return invalid('pages', '请填写本轮读过的网页或栏目');
  return count > LIMITS.pages ? invalid('pages', `一轮最多登记 ${LIMITS.pages} 个网页或栏目`) : null;
}
