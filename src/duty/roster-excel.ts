// Export of a roster to the usual Excel table, and import of the same table into a draft roster: every row is checked
// (date in the roster's period, 班次 of the unit, people of the duty pool) and any problem refuses the whole file —
// a 400 naming each row and column, nothing written. Times written in the file are kept. A preview lists every change
// the file makes (shifts added, removed, other times or people; duty phones; 班次 the unit lacks, offered with the
// times found) before the import, which replaces the draft's shifts and may create the offered 班次.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canManageRoster, canViewDuty } from '../org/policy/duty.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { getUsersByIds } from '../org/service.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, invalid } from '../platform/errors.ts';
import { dutyPool, peopleOf, record, roleIn, unitFacts } from './context.ts';
import { type CellProblem, describeProblem, parseRosterXlsx, rosterXlsx } from './excel.ts';
import {
  addDays,
  checkTemplate,
  DAY_KINDS,
  type DayKind,
  dayKind,
  type Person,
  type Shift,
  shiftTimes,
  type Template,
  timeOf,
} from './model.ts';
import { type RosterDetail, rosterDetail } from './roster-view.ts';
import { loadRoster } from './service.ts';
import { isDraft } from './rules/roster.ts';
import { templateFits } from './rules/setup.ts';
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

/** A 班次 the file uses that the unit lacks, with the times found: the preview offers to create it. */
export interface NewTemplate {
  name: string;
  start: string;
  end: string;
  dayKinds: DayKind[];
}

/** One change an import makes to the draft, in zh-CN. */
export interface ImportChange {
  kind: 'added' | 'removed' | 'changed';
  day: string;
  shift: string;
  text: string;
}

export interface ImportPreview {
  version: number;
  changes: ImportChange[];
  newTemplates: NewTemplate[];
  phones: { name: string; phone: string }[];
}

interface ReadImport {
  shifts: Shift[];
  phones: Map<string, string>;
  newTemplates: (NewTemplate & { id: string })[];
}

/**
 * Reads the file against the unit's 班次 and duty pool: every problem refuses it (400 by row and column). A 班次 the
 * unit lacks, written with its times, becomes a new template to offer, not a problem.
 */
async function readImport(tx: Executor, roster: store.Roster, buffer: Buffer): Promise<ReadImport> {
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
  const offered = new Map<string, NewTemplate & { id: string }>();
  for (const r of rows.filter((x) => x.day)) {
    const problem = (column: CellProblem['column'], message: string) => problems.push({ row: r.row, column, message });
    if (r.day < roster.from || r.day >= roster.to) {
      problem('日期', `${r.day} 不在本值班表期间（${roster.from} 至 ${addDays(roster.to, -1)}）`);
      continue;
    }
    const kind = dayKind(cal, r.day);
    let template: Pick<Template, 'id' | 'name' | 'start' | 'end' | 'hard' | 'leaderRequired'> | null = null;
    if (r.shift && r.times && !templates.some((t) => t.name === r.shift)) {
      const o = offered.get(r.shift) ?? { id: randomUUID(), name: r.shift, ...r.times, dayKinds: [] };
      if (!o.dayKinds.includes(kind)) o.dayKinds = DAY_KINDS.filter((k) => k === kind || o.dayKinds.includes(k));
      offered.set(r.shift, o);
      template = { ...o, hard: false, leaderRequired: false };
    } else {
      template = pickTemplate(
        templates,
        r.shift,
        () => kind,
        (m) => problem('班次', m),
      );
    }
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
      rosterId: roster.id,
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
  return { shifts, phones, newTemplates: [...offered.values()] };
}

/** Every change from the draft's shifts to the file's, by day and 班次: added, removed, other times or people. */
export function importChanges(
  before: readonly Shift[],
  after: readonly Shift[],
  names: ReadonlyMap<string, string>,
): ImportChange[] {
  const key = (s: Shift) => `${s.day}|${s.name}`;
  const who = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? id).join('、') || '无';
  const span = (s: Shift) => `${timeOf(s.startsAt)}–${timeOf(s.endsAt)}`;
  const describe = (s: Shift) =>
    `${span(s)}，值班人员 ${who(s.officerIds)}${s.leaderId ? `，带班领导 ${who([s.leaderId])}` : ''}`;
  // Two shifts of one 班次 on a day are paired in time order.
  const old = new Map<string, Shift[]>();
  for (const s of [...before].sort((a, b) => a.startsAt.localeCompare(b.startsAt)))
    old.set(key(s), [...(old.get(key(s)) ?? []), s]);
  const out: ImportChange[] = [];
  for (const s of [...after].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const was = old.get(key(s))?.shift();
    const at = { day: s.day, shift: s.name };
    if (!was) {
      out.push({ kind: 'added', ...at, text: `新增 ${s.day}「${s.name}」：${describe(s)}` });
      continue;
    }
    const diffs: string[] = [];
    if (span(was) !== span(s)) diffs.push(`时间 ${span(was)} 改为 ${span(s)}`);
    if (who(was.officerIds) !== who(s.officerIds))
      diffs.push(`值班人员 ${who(was.officerIds)} 改为 ${who(s.officerIds)}`);
    if (was.leaderId !== s.leaderId)
      diffs.push(`带班领导 ${who(was.leaderId ? [was.leaderId] : [])} 改为 ${who(s.leaderId ? [s.leaderId] : [])}`);
    if (diffs.length) out.push({ kind: 'changed', ...at, text: `${s.day}「${s.name}」：${diffs.join('；')}` });
  }
  for (const s of [...old.values()].flat())
    out.push({ kind: 'removed', day: s.day, shift: s.name, text: `删除 ${s.day}「${s.name}」：${describe(s)}` });
  return out.sort((a, b) => a.day.localeCompare(b.day) || a.shift.localeCompare(b.shift));
}

/** 导入预览: what importing the file would change in the draft, nothing saved. */
export async function previewImport(
  deps: Deps,
  actor: Actor,
  rosterId: string,
  buffer: Buffer,
): Promise<ImportPreview> {
  const roster = await loadRoster(deps.db, rosterId);
  assertAllowed(canManageRoster(actor, roster.unitId));
  enforce(isDraft(roster.state, '只能导入到尚未发布的值班表'));
  const read = await readImport(deps.db, roster, buffer);
  const before = await store.shiftsOfRoster(deps.db, rosterId);
  const people = await peopleOf(
    deps.db,
    [...before, ...read.shifts]
      .flatMap((s) => [...s.officerIds, ...(s.leaderId ? [s.leaderId] : [])])
      .concat([...read.phones.keys()]),
  );
  const names = new Map([...people.values()].map((p) => [p.id, p.name]));
  return {
    version: roster.version,
    changes: importChanges(before, read.shifts, names),
    newTemplates: read.newTemplates.map(({ id: _id, ...t }) => t),
    phones: [...read.phones]
      .filter(([id, phone]) => people.get(id)?.phone !== phone)
      .map(([id, phone]) => ({ name: names.get(id) ?? '', phone })),
  };
}

/**
 * Imports the file into the draft, replacing its shifts. `version`: the draft the preview was made on (409 if it has
 * changed since). `createTemplates`: create the 班次 the preview offered; without it such a file is refused.
 */
export async function importRoster(
  deps: Deps,
  actor: Actor,
  rosterId: string,
  buffer: Buffer,
  opts: { version?: number; createTemplates?: boolean } = {},
): Promise<RosterDetail> {
  return deps.db.transaction().execute(async (tx) => {
    const roster = await loadRoster(tx, rosterId);
    assertAllowed(canManageRoster(actor, roster.unitId));
    enforce(isDraft(roster.state, '只能导入到尚未发布的值班表'));
    if (opts.version !== undefined && opts.version !== roster.version)
      throw conflict('STALE_ROSTER', '值班表在预览后已被修改，请重新导入预览');
    const { shifts, phones, newTemplates } = await readImport(tx, roster, buffer);
    const now = deps.clock.now();
    if (newTemplates.length && !opts.createTemplates)
      throw invalid(
        'file',
        `导入失败，未做任何修改：本单位没有班次${newTemplates.map((t) => `「${t.name}」`).join('、')}，可在导入预览中确认新建`,
      );
    const all = await store.listTemplates(tx, roster.unitId);
    for (const t of newTemplates) {
      const fields = checkTemplate({ ...t, hard: false, leaderRequired: false });
      enforce(templateFits(all, fields.name, null));
      const template: Template = { id: t.id, unitId: roster.unitId, sort: all.length + 1, active: true, ...fields };
      all.push(template);
      await store.saveTemplate(tx, template, now.toISOString(), true);
    }
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
      {
        rosterId,
        shifts: shifts.length,
        phonesUpdated: phones.size,
        templatesCreated: newTemplates.map(({ name, start, end, dayKinds }) => ({ name, start, end, dayKinds })),
      },
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
