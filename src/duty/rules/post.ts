// §4.6 到岗、离岗: the duty officer is reachable 24 hours and may not leave the post unless the duty leader
// agrees and the replacement has arrived. Check-in and check-out windows, the shape of a 换班 / 离岗 request. Pure.
import { conflict, invalid } from '../../platform/errors.ts';
import { type Shift, when } from '../model.ts';
import type { Violation } from './verdict.ts';

const MINUTE_MS = 60 * 1000;
/** 到岗 is accepted from an hour before the shift starts; 离岗 at the end from half an hour before it. */
export const CHECK_IN_EARLY_MINUTES = 60;
export const CHECK_OUT_EARLY_MINUTES = 30;

/** §4.6 到岗: from CHECK_IN_EARLY_MINUTES before the start until the end, once. */
export function checkInAllowed(
  shift: Pick<Shift, 'startsAt' | 'endsAt'>,
  now: Date,
  alreadyIn: boolean,
): Violation | null {
  const opens = Date.parse(shift.startsAt) - CHECK_IN_EARLY_MINUTES * MINUTE_MS;
  if (now.getTime() < opens || now.toISOString() >= shift.endsAt) {
    const span = `本班次 ${when(shift.startsAt)} 至 ${when(shift.endsAt)}`;
    return conflict('NOT_NOW', `只能在班次开始前 ${CHECK_IN_EARLY_MINUTES} 分钟至结束前登记到岗（${span}）`);
  }
  return alreadyIn ? conflict('ALREADY_CHECKED_IN', '已登记到岗') : null;
}

/** §4.6 离岗: only at the shift's end (from CHECK_OUT_EARLY_MINUTES before); earlier only through an approved 离岗. */
export function checkOutAllowed(shift: Pick<Shift, 'endsAt'>, now: Date): Violation | null {
  if (now.getTime() >= Date.parse(shift.endsAt) - CHECK_OUT_EARLY_MINUTES * MINUTE_MS) return null;
  return conflict('NOT_RELEASED', '值班尚未结束：离岗须经带班领导同意，并待接替人员到岗（办理离岗申请）');
}

export const notCheckedIn = (): Violation => conflict('NOT_CHECKED_IN', '尚未登记到岗，或已登记离岗');

export type ChangeKind = 'swap' | 'leave';

export interface ChangeRequest {
  kind: ChangeKind;
  leavingId: string;
  replacementId?: string;
  counterShiftId?: string | null;
}

export const onShift = (s: Pick<Shift, 'officerIds' | 'leaderId'>, id: string): boolean =>
  s.officerIds.includes(id) || s.leaderId === id;

/** §4.6: a 离岗 names its replacement (the replacement must arrive); a 换班 names who takes the shift. */
export function requestComplete(kind: string, replacementId: string | undefined): Violation | null {
  if (kind !== 'swap' && kind !== 'leave') return invalid('kind', '申请类型须为换班（swap）或离岗（leave）');
  if (replacementId) return null;
  const need = kind === 'leave' ? '离岗须指定接替人员：接替人员到岗后方可离岗' : '请选择换班的接替人员';
  return invalid('replacementId', need);
}

export interface ChangeFacts {
  shift: Shift;
  /** Who is on the shift, approved replacements included (a replacement may in turn hand over). */
  people: readonly string[];
  /** The unit's duty leaders and officers (带班领导 may stand an officer's shift). */
  leaders: readonly string[];
  officers: readonly string[];
  /** The replacement's shift the person leaving takes in return (swap), loaded. */
  counter: Shift | null;
  now: string;
}

/**
 * §4.6 换班 / 离岗: who may hand over to whom and when. A swap is for a shift not yet begun (with an optional shift
 * in return, also not begun, held by the replacement); a 离岗 is for a shift not yet over.
 */
export function changeShape(r: ChangeRequest, f: ChangeFacts): Violation | null {
  const { shift } = f;
  const on = r.kind === 'swap' ? onShift(shift, r.leavingId) : f.people.includes(r.leavingId);
  if (!on) return invalid('leavingId', '申请人不在该班次上');
  const leader = shift.leaderId === r.leavingId;
  if (!(leader ? f.leaders : f.officers).includes(r.replacementId ?? '')) {
    return invalid('replacementId', `接替人员须为本单位的${leader ? '带班领导' : '值班人员或带班领导'}`);
  }
  if (onShift(shift, r.replacementId!)) return invalid('replacementId', '接替人员已在该班次上');
  if (r.kind === 'leave') {
    if (shift.endsAt <= f.now) return conflict('SHIFT_ENDED', '该班次已结束');
    return r.counterShiftId ? invalid('counterShiftId', '离岗不换回班次') : null;
  }
  if (shift.startsAt <= f.now) return conflict('SHIFT_STARTED', '该班次已开始，值班中途换人请办理离岗');
  const c = f.counter;
  if (!c) return null;
  if (c.unitId !== shift.unitId || c.id === shift.id)
    return invalid('counterShiftId', '换回的班次须为本单位的另一个班次');
  if (c.startsAt <= f.now) return invalid('counterShiftId', '换回的班次已开始');
  if (!onShift(c, r.replacementId!) || onShift(c, r.leavingId)) {
    return invalid('counterShiftId', '换回的班次须由接替人员值班，且申请人不在其上');
  }
  return null;
}

/** One open request per person and shift. */
export function noPendingChange(
  pending: readonly { leavingId: string; shiftId: string }[],
  leavingId: string,
  shiftId: string,
): Violation | null {
  const open = pending.some((c) => c.leavingId === leavingId && c.shiftId === shiftId);
  return open ? conflict('PENDING_CHANGE', '该班次已有尚未办结的换班或离岗申请') : null;
}

/** A request is decided once. */
export const undecided = (state: string): Violation | null =>
  state === 'requested' ? null : conflict('ALREADY_DECIDED', '该申请已处理');

/** The shift the roster holds after a 换班 or a completed 离岗: `into` stands where `out` stood. */
export const swapIn = (s: Shift, out: string, into: string): Shift => ({
  ...s,
  leaderId: s.leaderId === out ? into : s.leaderId,
  officerIds: s.officerIds.map((o) => (o === out ? into : o)),
});
