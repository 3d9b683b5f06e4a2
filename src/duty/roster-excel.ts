// Export of a roster to the usual Excel table, and import of the same table into a draft roster: every row is checked
// (date in the roster's period, 班次 of the unit, people of the duty pool) and any problem refuses the whole file —
// a 400 naming each row and column, nothing written. An import replaces the draft's shifts; phones given update the
// officers' duty phones.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canManageRoster, canViewDuty } from '../org/policy/duty.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { getUsersByIds } from '../org/service.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { AppError, conflict } from '../platform/errors.ts';
import { dutyPool, peopleOf, record, roleIn, unitFacts } from './context.ts';
import { type CellProblem, describeProblem, parseRosterXlsx, rosterXlsx } from './excel.ts';
import { addDays, dayKind, type Person, type Shift, shiftTimes, type Template, timeOf } from './model.ts';
import { type RosterDetail, rosterDetail } from './roster-view.ts';
import { loadRoster } from './service.ts';
import { isDraft } from './rules/roster.ts';
import { enforce } from './rules/verdict.ts';
import * as store from './store.ts';

/** How a person is written in the table: the name, or 姓名（用户名） where two people of the pool share it. */
function labels(pool: Person[], usernames: Map<string, string>): Map<string, string> {
  return new Map(
    pool.map((p) => [
      p.id,
      pool.filter((q) => q.name === p.name).length > 1 ? `${p.name}（${usernames.get(p.id) ?? ''}）` : p.name,
    ]),
  );
}

export async function exportRoster(
  deps: Deps,
  actor: Actor,
  rosterId: string,
): Promise<{ fileName: string; buffer: Buffer }> {
  const roster = await loadRoster(deps.db, rosterId);
  assertAllowed(canViewDuty(actor, roster.unitId));
  const [unit, shifts] = await Promise.all([
    unitFacts(deps.db, roster.unitId),
    store.shiftsOfRoster(deps.db, roster.id),
  ]);
  const people = await peopleOf(
    deps.db,
    shifts.flatMap((s) => [...s.officerIds, ...(s.leaderId ? [s.leaderId] : [])]),
  );
  const pool = (await dutyPool(deps.db, roster.unitId)).officers;
  const label = labels(
    [...pool, ...people.values()].filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i),
    new Map(
      [...(await getUsersByIds(deps.db, [...people.keys(), ...pool.map((p) => p.id)])).values()].map((u) => [
        u.id,
        u.username,
      ]),
    ),
  );
  const times = (s: Shift) => ({ start: timeOf(s.startsAt), end: timeOf(s.endsAt) });
  const rows = shifts.map((s) => ({
    day: s.day,
    shift: s.name,
    times: times(s),
    leader: s.leaderId ? (label.get(s.leaderId) ?? '') : '',
    officers: s.officerIds.map((id) => label.get(id) ?? ''),
    phones: s.officerIds.some((id) => people.get(id)?.phone)
      ? s.officerIds.map((id) => people.get(id)?.phone ?? '')
      : [],
  }));
  const title = `${unit.name}值班表（${roster.from} 至 ${addDays(roster.to, -1)}）`;
  return {
    fileName: `${unit.name}值班表_${roster.from}_${addDays(roster.to, -1)}.xlsx`,
    buffer: await rosterXlsx(title, rows),
  };
}

export async function importRoster(deps: Deps, actor: Actor, rosterId: string, buffer: Buffer): Promise<RosterDetail> {
  return deps.db.transaction().execute(async (tx) => {
    const roster = await loadRoster(tx, rosterId);
    assertAllowed(canManageRoster(actor, roster.unitId));
    enforce(isDraft(roster.state, '只能导入到尚未发布的值班表'));
    const { rows, problems } = await parseRosterXlsx(buffer);
    const [cal, templates, pool] = await Promise.all([
      loadCalendar(tx),
      store.listTemplates(tx, roster.unitId),
      dutyPool(tx, roster.unitId),
    ]);
    const usernames = new Map(
      [
        ...(
          await getUsersByIds(
            tx,
            pool.officers.map((p) => p.id),
          )
        ).values(),
      ].map((u) => [u.id, u.username]),
    );
    const find = (list: Person[], text: string) =>
      list.filter(
        (p) => p.name === text || usernames.get(p.id) === text || `${p.name}（${usernames.get(p.id)}）` === text,
      );
    const shifts: Shift[] = [];
    const phones = new Map<string, string>();
    for (const r of rows.filter((x) => x.day)) {
      const problem = (column: CellProblem['column'], message: string) =>
        problems.push({ row: r.row, column, message });
      if (r.day < roster.from || r.day >= roster.to) {
        problem('日期', `${r.day} 不在本值班表期间（${roster.from} 至 ${addDays(roster.to, -1)}）`);
        continue;
      }
      const template = pickTemplate(
        templates,
        r.shift,
        () => dayKind(cal, r.day),
        (m) => problem('班次', m),
      );
      const person = (list: Person[], text: string, column: '带班领导' | '值班人员', what: string): string | null => {
        const found = find(list, text);
        if (found.length === 1) return found[0].id;
        problem(column, found.length ? `「${text}」有重名，请写成“姓名（用户名）”` : `「${text}」不是本单位的${what}`);
        return null;
      };
      const officerIds = r.officers.map((o) => person(pool.officers, o, '值班人员', '值班人员或带班领导'));
      const leaderId = r.leader ? person(pool.leaders, r.leader, '带班领导', '带班领导') : null;
      if (leaderId && officerIds.includes(leaderId)) problem('带班领导', '带班领导不能同时担任本班次的值班人员');
      r.phones.forEach((p, i) => {
        if (officerIds[i]) phones.set(officerIds[i]!, p);
      });
      if (!template || officerIds.some((o) => !o)) continue;
      shifts.push({
        id: randomUUID(),
        rosterId,
        unitId: roster.unitId,
        templateId: template.id,
        name: template.name,
        day: r.day,
        ...shiftTimes(r.day, r.times?.start ?? template.start, r.times?.end ?? template.end), // hand-edited times kept
        hard: template.hard,
        leaderRequired: template.leaderRequired,
        leaderId,
        officerIds: officerIds as string[],
        version: 1,
      });
    }
    if (problems.length) {
      const list = problems
        .sort((a, b) => a.row - b.row)
        .slice(0, 20)
        .map(describeProblem)
        .join('；');
      throw new AppError(
        400,
        'INVALID_INPUT',
        `导入失败，共 ${problems.length} 处错误，未做任何修改：${list}${problems.length > 20 ? '……' : ''}`,
        'file',
      );
    }
    const now = deps.clock.now();
    for (const old of await store.shiftsOfRoster(tx, rosterId)) await store.deleteShift(tx, old.id);
    await store.insertShifts(tx, shifts, now.toISOString());
    for (const [userId, phone] of phones) await store.savePhone(tx, userId, phone, actor.id, now.toISOString());
    if (!(await store.touchRoster(tx, roster, now.toISOString())))
      throw conflict('RACE', '值班表已被他人修改，请刷新后重试');
    await record(
      tx,
      actor,
      roleIn(actor, roster.unitId),
      roster.unitId,
      'duty.roster_import',
      `roster:${rosterId}`,
      { rosterId, shifts: shifts.length, phonesUpdated: phones.size },
      now,
    );
    return rosterDetail(tx, actor, { ...roster, version: roster.version + 1 });
  });
}

/** The row's 班次 by name; blank: the one active template for the day's kind (several or none is a problem). */
function pickTemplate(
  templates: Template[],
  name: string,
  kind: () => ReturnType<typeof dayKind>,
  problem: (m: string) => void,
): Template | null {
  if (name) {
    const t = templates.find((x) => x.name === name);
    if (!t) problem(`本单位没有班次「${name}」（现有：${templates.map((x) => x.name).join('、') || '无'}）`);
    return t ?? null;
  }
  const k = kind();
  const fit = templates.filter((t) => t.active && t.dayKinds.includes(k));
  if (fit.length === 1) return fit[0];
  problem(
    fit.length
      ? `该日有多个班次（${fit.map((t) => t.name).join('、')}），请填写班次`
      : '该日没有适用的班次，请填写班次',
  );
  return null;
}
