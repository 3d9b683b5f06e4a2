// §4.1–4.2 the roster (值班表): who keeps it and when it may change. §4.1 websites and new media are read without
// interruption; §4.2 each unit names who is on duty, a duty leader leads on the days it names. What a roster must
// satisfy (coverage, leaders, rest, unavailability) is checkRoster in roster-check.ts; here are the rules on the
// keeper's actions: a shift's fields, publishing, editing a published roster, generating. Pure.
import { isIsoDate } from '../../platform/calendar/model.ts';
import { conflict, invalid, unprocessable } from '../../platform/errors.ts';
import { addDays, isTime, LIMITS } from '../model.ts';
import type { Violation } from './verdict.ts';

export interface ShiftFields {
  day: string | undefined;
  name: string | undefined;
  start: string | undefined;
  end: string | undefined;
  leaderId: string | null;
  officerIds: readonly string[];
}

/** A hand-made shift inside the roster's period, with a name, times and at most LIMITS.people officers. */
export function shiftFields(roster: { from: string; to: string }, f: ShiftFields): Violation | null {
  if (!f.day || !isIsoDate(f.day)) return invalid('day', '请填写班次日期（YYYY-MM-DD）');
  if (f.day < roster.from || f.day >= roster.to) {
    return invalid('day', `班次日期须在值班表期间内（${roster.from} 至 ${addDays(roster.to, -1)}）`);
  }
  if (!f.name) return invalid('name', '请选择班次，或填写班次名称和起止时间');
  if (!f.start || !isTime(f.start)) return invalid('start', '开始时间须为 HH:MM（如 08:30）');
  if (!f.end || !isTime(f.end)) return invalid('end', '结束时间须为 HH:MM（早于或等于开始时间表示次日）');
  if (f.officerIds.length > LIMITS.people) return invalid('officerIds', `一个班次最多 ${LIMITS.people} 名值班人员`);
  return null;
}

/** §4.2: the duty leader leads the shift; they are not also one of its officers. */
export function leaderApart(leaderId: string | null, officerIds: readonly string[]): Violation | null {
  if (!leaderId || !officerIds.includes(leaderId)) return null;
  return invalid('leaderId', '带班领导不能同时担任本班次的值班人员');
}

/** A published roster only changes in shifts not yet begun: a running shift changes hands through 离岗. */
export function notStarted(state: string, shifts: readonly { startsAt: string }[], now: string): Violation | null {
  if (state !== 'published' || shifts.every((x) => x.startsAt > now)) return null;
  return conflict('SHIFT_STARTED', '该班次已开始或已结束，不能再调整；值班中途换人请办理离岗');
}

/** A shift with 换班 or 离岗 records stays: the records are kept (§4.5). */
export const removable = (changes: number): Violation | null =>
  changes ? conflict('HAS_CHANGES', '该班次有换班或离岗记录，不能删除（记录须保留），可改为调整人员') : null;

/** Rosters of a unit do not overlap. */
export function noOverlap(clash: readonly { from: string; to: string }[]): Violation | null {
  if (!clash.length) return null;
  return conflict('ROSTER_OVERLAP', `与已有值班表（${clash[0].from} 至 ${addDays(clash[0].to, -1)}）时间重叠`);
}

/** 排班 needs people and at least one active shift template. */
export function generatable(officerIds: readonly string[], activeTemplates: number): Violation | null {
  if (officerIds.length === 0) return invalid('generate.officerIds', '请选择参加轮值的值班人员');
  if (activeTemplates > 0) return null;
  return unprocessable('NO_TEMPLATES', '本单位还没有启用的班次，请先设置班次（工作日白班、夜班、节假日等）');
}

/** Only a draft is published, imported into or discarded. */
export function isDraft(state: string, message = '该值班表已发布'): Violation | null {
  return state === 'draft' ? null : conflict('ALREADY_PUBLISHED', message);
}

/** 发布值班表: the version the keeper saw, with no finding left. */
export function publishable(
  roster: { version: number },
  version: number,
  findings: readonly { message: string }[],
): Violation | null {
  if (roster.version !== version) return conflict('STALE_ROSTER', '值班表已被修改，请刷新后再发布');
  if (!findings.length) return null;
  const list = findings
    .slice(0, 10)
    .map((f, i) => `${i + 1}. ${f.message}`)
    .join('；');
  const more = findings.length > 10 ? '……' : '';
  return unprocessable('ROSTER_FINDINGS', `值班表有 ${findings.length} 个问题，不能发布：${list}${more}`);
}

/** A published roster only changes for the better or stays as good: no finding it did not have before. */
export function noNewFindings(
  before: readonly { message: string }[],
  after: readonly { message: string }[],
  refusal: string,
): Violation | null {
  const had = new Set(before.map((f) => f.message));
  const added = after.filter((f) => !had.has(f.message));
  if (!added.length) return null;
  return unprocessable('NEW_FINDINGS', `${refusal}：${added.map((f) => f.message).join('；')}`);
}

/** Each id is one of the pool: a 400 naming the field (officerIds.2) and the person otherwise; nobody twice. */
export function inPool(
  allowed: readonly string[],
  ids: readonly string[],
  role: 'officer' | 'leader',
  field: string,
  names: ReadonlyMap<string, string>,
  indexed = true,
): Violation | null {
  const bad = ids.findIndex((id) => !allowed.includes(id));
  if (bad >= 0) {
    const who = names.get(ids[bad]);
    const what = role === 'officer' ? '值班人员或带班领导' : '带班领导';
    return invalid(indexed ? `${field}.${bad}` : field, `${who ? `「${who}」` : '所选人员'}不是本单位的${what}`);
  }
  const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  return twice >= 0 ? invalid(`${field}.${twice}`, `「${names.get(ids[twice]) ?? ''}」重复出现`) : null;
}

/** Attendance and 换班 / 离岗 concern the published roster only. */
export const isPublished = (state: string | undefined): Violation | null =>
  state === 'published' ? null : conflict('NOT_PUBLISHED', '值班表尚未发布');

/** A roster's shift follows one of its own unit's templates. */
export const ownTemplate = (t: { unitId: string } | null, unitId: string): Violation | null =>
  t && t.unitId === unitId ? null : invalid('templateId', '所选班次不是本单位的班次');
