// One shift on the calendar: name and times, 带班领导, 值班人员. Drag it to another day; drop a person on it to put them
// on the shift (a leader as 带班领导, an officer as 值班人员); Enter or a click opens the edit dialog.
import { useState } from 'react';
import { dropped, isOurs, startDrag } from './dnd.ts';
import type { DutyShift } from './types.ts';

interface Props {
  shift: DutyShift;
  problem: boolean;
  editable: boolean;
  onOpen: (s: DutyShift) => void;
  onPerson: (s: DutyShift, userId: string, as: 'leader' | 'officer') => void;
}

export function ShiftCard({ shift, problem, editable, onOpen, onPerson }: Props) {
  const [over, setOver] = useState(false);
  const needsLeader = shift.leaderReasons.length > 0;
  const officers = shift.officers.map((o) => o.name).join('、');
  const label = `${shift.name} ${shift.start}至${shift.end}，带班领导${shift.leader?.name ?? '无'}，值班人员${officers || '无'}`;
  return (
    // A div with the button role: a real <button> cannot be dragged in every browser.
    <div
      role="button"
      tabIndex={0}
      className={`duty-shift${shift.hard ? ' hard' : ''}${problem ? ' problem' : ''}${over ? ' drop' : ''}`}
      draggable={editable}
      aria-label={label}
      title={needsLeader ? `须带班：${shift.leaderReasons.join('；')}` : undefined}
      data-testid="shift-card"
      data-shift-id={shift.id}
      data-day={shift.day}
      data-shift-name={shift.name}
      onClick={() => onOpen(shift)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(shift);
        }
      }}
      onDragStart={(e) => startDrag(e, { kind: 'shift', shiftId: shift.id })}
      onDragOver={(e) => {
        if (editable && isOurs(e)) {
          e.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const what = dropped(e);
        if (what?.kind !== 'person') return; // a shift dropped here goes to the day
        e.preventDefault();
        e.stopPropagation();
        onPerson(shift, what.userId, what.as);
      }}>
      <span className="line">
        <b>{shift.name}</b>
      </span>
      <span className="line">
        {shift.start}–{shift.end}
        {shift.end <= shift.start ? '（次日）' : ''}
      </span>
      <span className="line" data-testid="shift-leader">
        带班：{shift.leader ? shift.leader.name : needsLeader ? <span className="missing">缺带班领导</span> : '—'}
      </span>
      <span className="line" data-testid="shift-officers">
        值班：{officers || <span className="missing">无人</span>}
      </span>
    </div>
  );
}
