// 读网值班 situations for the authorization matrix (test/authz-matrix.test.ts), on the demo organisation at the test
// clock (2026-03-02 09:00, a Monday): 区科技局 with a 全天 template, a published roster A (3-01, kjj.dutyleader on a
// shift ending at 09:10 today) and B (3-02 to 3-15, kjj.duty every day), an extra duty leader who leads in emergencies.
// Each getter hands out a situation that a denied request leaves as it was, and makes a new one once it was used.
import type { Deps } from '../../src/platform/deps.ts';
import { exportRoster } from '../../src/duty/roster-excel.ts';
import {
  addShift,
  addUnavailability,
  checkIn,
  createFeedToken,
  createRoster,
  declareEmergency,
  getRoster,
  markSpecialDay,
  publishRoster,
  requestChange,
  saveSettings,
  saveTemplate,
} from '../../src/duty/service.ts';
import { addDays, dayKind } from '../../src/duty/model.ts';
import type { Actor } from '../../src/org/model.ts';
import { createUser, loadActor } from '../../src/org/service.ts';
import { loadCalendar } from '../../src/platform/calendar/service.ts';

export interface DutyMatrix {
  unitId: string;
  idOf(username: string): Promise<string>;
  templateId: string; // 全天
  rosterId: string; // B, published
  nowShiftId: string; // kjj.duty, running now
  endingShiftId: string; // kjj.dutyleader, ends at 09:10 (kjj.dutyleader checked in)
  period(): Promise<{ from: string; to: string }>;
  draft(): Promise<{ id: string; day: string }>; // a draft roster (reused until published or deleted)
  version(rosterId: string): Promise<number>;
  draftShift(): Promise<{ rosterId: string; shiftId: string }>; // a draft with an untouched shift
  xlsx(): Promise<{ rosterId: string; file: Buffer }>;
  template(): Promise<string>;
  specialDay(): Promise<string>;
  unavailability(): Promise<string>;
  futureShift(): Promise<string>; // a future shift of kjj.duty with no open request
  change(): Promise<string>; // a swap waiting for the duty leader
  emergency(): Promise<string>; // an open emergency of 区科技局
  feed(username: string): Promise<{ id: string; path: string }>;
}

export async function buildDutyMatrix(deps: Deps): Promise<DutyMatrix> {
  const actor = async (username: string): Promise<Actor> => {
    const row = await deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return (await loadActor(deps.db, row.id))!;
  };
  const admin = await actor('sysadmin'); // 系统管理员
  let matrixTemplate: string | undefined;
  const unitId = (
    await deps.db.selectFrom('units').select('id').where('name', '=', '区科技局').executeTakeFirstOrThrow()
  ).id;
  await createUser(deps, 'system', {
    username: 'kjj.duty2',
    displayName: '值班二',
    unitId,
    password: 'Matrix2026pw',
    roles: ['dutyLeader'],
  });
  // A second leader for the emergencies: 值班二 leads the running 早交班, which overlaps the next 全天 (no double booking).
  await createUser(deps, 'system', {
    username: 'kjj.duty3',
    displayName: '值班三',
    unitId,
    password: 'Matrix2026pw',
    roles: ['dutyLeader'],
  });
  const idOf = async (username: string) => (await actor(username)).id;
  await saveSettings(deps, admin, unitId, {
    minRestMinutes: 0,
    remindMinutes: 60,
    readings: { working: 2, rest: 1, holiday: 1 },
  });
  const allDay = await saveTemplate(
    deps,
    admin,
    { unitId },
    { name: '全天', start: '08:30', end: '08:30', dayKinds: ['working', 'rest', 'holiday'] },
  );
  const ending = await saveTemplate(
    deps,
    admin,
    { unitId },
    { name: '早交班', start: '09:10', end: '09:10', dayKinds: ['working', 'rest', 'holiday'] },
  );
  const published = async (from: string, to: string, rows: [string, string, string][]) => {
    let d = await createRoster(deps, admin, { unitId, from, to });
    for (const [day, templateId, who] of rows)
      d = await addShift(deps, admin, d.roster.id, { day, templateId, officerIds: [await idOf(who)] });
    return publishRoster(deps, admin, d.roster.id, d.roster.version);
  };
  const a = await published('2026-03-01', '2026-03-02', [['2026-03-01', ending.id, 'kjj.dutyleader']]);
  const days = Array.from({ length: 14 }, (_, i) => addDays('2026-03-02', i));
  const b = await published(
    '2026-03-02',
    '2026-03-16',
    days.map((d) => [d, allDay.id, 'kjj.duty']),
  );
  await checkIn(deps, await actor('kjj.dutyleader'), a.shifts[0].id);

  const cal = await loadCalendar(deps.db);
  let nextDay = '2026-06-22';
  const used = async (day: string) =>
    !!(await deps.db
      .selectFrom('duty_rosters')
      .select('id')
      .where('unit_id', '=', unitId)
      .where('starts_on', '<=', day)
      .where('ends_on', '>', day)
      .executeTakeFirst());
  const period = async () => {
    while (dayKind(cal, nextDay) === 'holiday' || (await used(nextDay))) nextDay = addDays(nextDay, 1);
    return { from: nextDay, to: addDays(nextDay, 1) };
  };
  const rosterRow = (id: string) =>
    deps.db.selectFrom('duty_rosters').select(['state']).where('id', '=', id).executeTakeFirst();
  const shiftRow = (id: string) =>
    deps.db.selectFrom('duty_shifts').select(['version']).where('id', '=', id).executeTakeFirst();
  let draft = { id: '', day: '' };
  let templates = 0;
  let withShift = { rosterId: '', shiftId: '' };
  let change = '';
  let emergency = '';
  const kjjDuty = await idOf('kjj.duty');
  const m: DutyMatrix = {
    unitId,
    idOf,
    templateId: allDay.id,
    rosterId: b.roster.id,
    nowShiftId: b.shifts[0].id,
    endingShiftId: a.shifts[0].id,
    period,
    async draft() {
      if ((await rosterRow(draft.id))?.state !== 'draft') {
        const p = await period();
        draft = { id: (await createRoster(deps, admin, { unitId, ...p })).roster.id, day: p.from };
      }
      return draft;
    },
    version: async (id: string) =>
      Number(
        (await deps.db.selectFrom('duty_rosters').select('version').where('id', '=', id).executeTakeFirstOrThrow())
          .version,
      ),
    async draftShift() {
      if (
        (await rosterRow(withShift.rosterId))?.state !== 'draft'
        || (await shiftRow(withShift.shiftId))?.version !== 1
      ) {
        const p = await period();
        const d = await createRoster(deps, admin, { unitId, ...p });
        const next = await addShift(deps, admin, d.roster.id, {
          day: p.from,
          templateId: allDay.id,
          officerIds: [kjjDuty],
        });
        withShift = { rosterId: d.roster.id, shiftId: next.shifts[0].id };
      }
      return withShift;
    },
    async xlsx() {
      const { rosterId } = await m.draftShift();
      return { rosterId, file: (await exportRoster(deps, admin, rosterId)).buffer };
    },
    // One inactive template serves every actor's edit: a unit keeps at most 20 (src/duty/setup.ts).
    template: async () =>
      (matrixTemplate ??= (
        await saveTemplate(
          deps,
          admin,
          { unitId },
          { name: `矩阵班次${++templates}`, start: '12:00', end: '13:00', dayKinds: ['working'], active: false },
        )
      ).id),
    specialDay: async () =>
      (await markSpecialDay(deps, admin, { unitId, day: '2026-11-11', kind: 'majorEvent', name: '矩阵测试活动' })).id,
    unavailability: async () =>
      (
        await addUnavailability(deps, admin, {
          unitId,
          userId: kjjDuty,
          from: '2026-11-20',
          to: '2026-11-21',
          reason: '年休假',
        })
      ).id,
    async futureShift() {
      const open = await deps.db
        .selectFrom('duty_changes')
        .select('shift_id')
        .where('state', 'in', ['requested', 'approved'])
        .execute();
      const detail = await getRoster(deps, admin, b.roster.id);
      return detail.shifts.find(
        (s) =>
          s.startsAt > deps.clock.now().toISOString()
          && s.officers.some((o) => o.id === kjjDuty)
          && !open.some((c) => c.shift_id === s.id),
      )!.id;
    },
    async change() {
      const row = await deps.db.selectFrom('duty_changes').select('state').where('id', '=', change).executeTakeFirst();
      if (row?.state !== 'requested') {
        change = (
          await requestChange(deps, await actor('kjj.duty'), {
            kind: 'swap',
            shiftId: await m.futureShift(),
            replacementId: await idOf('kjj.dutyleader'),
            reason: '矩阵测试',
          })
        ).id;
      }
      return change;
    },
    async emergency() {
      const row = await deps.db
        .selectFrom('duty_emergencies')
        .select('state')
        .where('id', '=', emergency)
        .executeTakeFirst();
      if (row?.state !== 'open') {
        emergency = (
          await declareEmergency(deps, admin, {
            unitId,
            title: '矩阵测试事件',
            until: new Date(deps.clock.now().getTime() + 3600000).toISOString(),
            leaders: [{ userId: await idOf('kjj.duty2') }, { userId: await idOf('kjj.duty3') }],
          })
        ).id;
      }
      return emergency;
    },
    feed: async (username: string) => {
      const f = await createFeedToken(deps, await actor(username), { kind: 'user' });
      return { id: f.id, path: f.path };
    },
  };
  return m;
}
