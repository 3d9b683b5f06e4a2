// 年度看板 (issue 17, "watching the year"): every item of a year's 目录s with its step, working days to its planned
// month, overdue, the open 预公开 window and what the gate still misses — for the 区政府办公室 and the 区司法局 all
// items, for a 承办单位 its own (org/policy/decisions.ts decisionScope). One query for the items, one for the calendar.
import type { Actor } from '../org/model.ts';
import { canReadDecisions, decisionScope } from '../org/policy/decisions.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { toShanghaiDate } from '../platform/calendar/model.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import type { Deps } from '../platform/deps.ts';
import { invalid } from '../platform/errors.ts';
import { type BoardState, boardState } from './year-model.ts';
import { listYearItems } from './year-store.ts';

export interface BoardItem extends BoardState {
  id: string;
  catalogId: string;
  keeperUnitId: string; // the unit keeping the 目录
  seq: number;
  category: string;
  title: string;
  unitName: string; // 承办单位, as the 目录 names it
  leadUnitId: string | null;
  plannedMonth: string;
}

export interface Board {
  year: number;
  today: string;
  /** daysToPlanned counts working days (法定节假日 and 调休, src/platform/calendar). */
  dayKind: 'working';
  items: BoardItem[];
}

export async function getBoard(deps: Deps, actor: Actor, year: number, keeperUnitId?: string): Promise<Board> {
  assertAllowed(canReadDecisions(actor));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid('year', '年度应为 2000 至 2100 之间的整数');
  const today = toShanghaiDate(deps.clock.now());
  const [rows, cal] = await Promise.all([
    listYearItems(deps.db, year, decisionScope(actor), keeperUnitId),
    loadCalendar(deps.db),
  ]);
  const items = rows.map((r) => ({
    id: r.id,
    catalogId: r.catalogId,
    keeperUnitId: r.catalogUnitId,
    seq: r.seq,
    category: r.category,
    title: r.title,
    unitName: r.leadUnit,
    leadUnitId: r.leadUnitId,
    plannedMonth: r.plannedMonth,
    ...boardState(r, cal, today),
  }));
  return { year, today, dayKind: 'working', items };
}
