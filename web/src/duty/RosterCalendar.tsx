// The roster as a month or week calendar: each day with its kind (休息日, 法定节假日, 调休上班, 重大活动) and its shifts.
// A shift dropped on a day of the roster moves there; days outside the roster are greyed and take nothing.
import { Tag } from 'antd';
import { useState } from 'react';
import { dayjs, todayInShanghai } from '../format.ts';
import { visibleDays, type ViewMode, WEEK_HEAD } from './calendarDays.ts';
import { dropped, isOurs } from './dnd.ts';
import { ProvisionalTag } from '../components/Provisional.tsx';
import { ShiftCard } from './ShiftCard.tsx';
import type { DutyDay, DutyShift } from './types.ts';

interface Props {
  days: DutyDay[];
  shifts: DutyShift[];
  problemShiftIds: Set<string>;
  anchor: string;
  mode: ViewMode;
  editable: boolean;
  onMove: (shiftId: string, day: string) => void;
  onPerson: (s: DutyShift, userId: string, as: 'leader' | 'officer') => void;
  onOpen: (s: DutyShift) => void;
}

export function RosterCalendar({
  days,
  shifts,
  problemShiftIds,
  anchor,
  mode,
  editable,
  onMove,
  onPerson,
  onOpen,
}: Props) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const today = todayInShanghai();
  return (
    <div className="duty-grid" role="grid" aria-label="值班日历" data-testid="roster-calendar">
      {WEEK_HEAD.map((w) => (
        <div key={w} className="duty-grid-head" role="columnheader">
          星期{w}
        </div>
      ))}
      {visibleDays(anchor, mode).map((date) => (
        <DayCell
          key={date}
          date={date}
          day={byDate.get(date)}
          today={date === today}
          week={mode === 'week'}
          editable={editable}
          shifts={shifts.filter((s) => s.day === date)}
          problemShiftIds={problemShiftIds}
          onMove={onMove}
          onPerson={onPerson}
          onOpen={onOpen}
        />
      ))}
    </div>
  );
}

interface CellProps extends Pick<Props, 'problemShiftIds' | 'editable' | 'onMove' | 'onPerson' | 'onOpen'> {
  date: string;
  day: DutyDay | undefined;
  today: boolean;
  week: boolean;
  shifts: DutyShift[];
}

function DayCell({ date, day, today, week, shifts, problemShiftIds, editable, onMove, onPerson, onOpen }: CellProps) {
  const [over, setOver] = useState(false);
  const droppable = editable && !!day;
  const kind = day ? (day.dayKind === 'holiday' ? ' holiday' : day.dayKind === 'rest' ? ' rest' : '') : ' outside';
  const tag = day?.holiday ?? (day?.makeup ? '调休上班' : null);
  return (
    <div
      role="gridcell"
      className={`duty-day${kind}${week ? ' week' : ''}${today ? ' today' : ''}${over ? ' drop' : ''}`}
      data-testid={`day-${date}`}
      aria-label={`${date}${day ? ` ${day.weekday}` : '（不在本值班表期间）'}`}
      onDragOver={(e) => {
        if (droppable && isOurs(e)) {
          e.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const what = dropped(e);
        if (!droppable || what?.kind !== 'shift') return;
        e.preventDefault();
        onMove(what.shiftId, date);
      }}>
      <div className="duty-day-label">
        <span className="duty-day-num">
          {dayjs(date).date() === 1 ? dayjs(date).format('M月D日') : dayjs(date).date()}
        </span>
        {tag && <span className="duty-day-tag">{tag}</span>}
        {day?.provisional && <ProvisionalTag provisional />}
      </div>
      {day?.specials.map((s) => (
        <Tag key={s.id} color="volcano" style={{ fontSize: 11, margin: 0 }}>
          {s.name}
        </Tag>
      ))}
      {shifts.map((s) => (
        <ShiftCard
          key={s.id}
          shift={s}
          problem={problemShiftIds.has(s.id)}
          editable={editable}
          onOpen={onOpen}
          onPerson={onPerson}
        />
      ))}
    </div>
  );
}
