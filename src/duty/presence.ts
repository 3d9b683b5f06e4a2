// Who is on duty at an instant (谁在值班). §4.6: the officer may leave the post only when the duty leader agrees
// and the replacement has arrived — so after an approved 离岗, the person leaving stays on duty (and stays the one
// notified) until the replacement checks in. Pure.
import type { Shift } from './model.ts';

export interface LeaveView {
  id: string;
  shiftId: string;
  leavingId: string;
  replacementId: string;
  state: string; // approved | completed (others are ignored)
  completedAt: string | null; // when the replacement checked in
}

export interface Attendance {
  shiftId: string;
  userId: string;
  checkedInAt: string;
  checkedOutAt: string | null;
}

export interface ShiftPresence {
  shiftId: string;
  officerIds: string[]; // on duty now, the ones to notify
  leaderId: string | null;
  /** Approved 离岗 whose replacement has not checked in yet: the person leaving is still on duty. */
  awaiting: { changeId: string; leavingId: string; replacementId: string }[];
  checkedIn: string[];
}

/** Swaps the people who left (their replacement checked in by `at`) for their replacements. */
export function presenceOf(
  shift: Shift,
  leaves: readonly LeaveView[],
  attendance: readonly Attendance[],
  at: string,
): ShiftPresence {
  const mine = leaves.filter((l) => l.shiftId === shift.id);
  const swap = (id: string): string => {
    const done = mine.find(
      (l) => l.leavingId === id && l.state === 'completed' && l.completedAt !== null && l.completedAt <= at,
    );
    return done ? swap(done.replacementId) : id;
  };
  const officerIds = [...new Set(shift.officerIds.map(swap))];
  const leaderId = shift.leaderId ? swap(shift.leaderId) : null;
  const present = [...officerIds, ...(leaderId ? [leaderId] : [])];
  const awaiting = mine
    .filter((l) => l.state === 'approved' && present.includes(l.leavingId))
    .map((l) => ({ changeId: l.id, leavingId: l.leavingId, replacementId: l.replacementId }));
  const checkedIn = attendance
    .filter((a) => a.shiftId === shift.id && a.checkedInAt <= at && (!a.checkedOutAt || a.checkedOutAt > at))
    .map((a) => a.userId)
    .filter((u) => present.includes(u));
  return { shiftId: shift.id, officerIds, leaderId, awaiting, checkedIn };
}
