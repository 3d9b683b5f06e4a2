// A district ready for 读网值班, built through org's own use cases: 区政府办公室 (district-wide, a website), 区科技局 (a
// website and a WeChat account: must be covered round the clock) and 区档案馆 (no channel). People of 区科技局: four
// duty officers, two duty leaders, the 分管领导 who keeps the roster, a staff member; of the office: a duty leader
// and an officer; district-wide: the e-gov center and the admin. And the usual four 班次 covering every day.
import type { Deps } from '../../src/platform/deps.ts';
import type { Actor, Role } from '../../src/org/model.ts';
import { createChannel, createUnit, createUser, loadActor } from '../../src/org/service.ts';
import { addShift, createRoster, publishRoster, type RosterDetail, saveTemplate } from '../../src/duty/service.ts';
import { addDays, type Template } from '../../src/duty/model.ts';
import { createTestDeps, type TestDeps } from './testdb.ts';

export const PASSWORD = 'Duty2026pw';

export interface DutyOrg {
  officeId: string;
  unitId: string; // 区科技局
  archiveId: string; // 区档案馆: no website, no new media
  ids: Record<string, string>;
  names: Record<string, string>;
  actor(username: string): Promise<Actor>;
}

const PEOPLE: [string, string, 'unit' | 'office' | 'archive', Role[]][] = [
  ['zhao', '赵值班', 'unit', ['dutyOfficer']],
  ['qian', '钱值班', 'unit', ['dutyOfficer']],
  ['sun', '孙值班', 'unit', ['dutyOfficer']],
  ['li', '李值班', 'unit', ['dutyOfficer']],
  ['zhou', '周带班', 'unit', ['dutyLeader']],
  ['wu', '吴带班', 'unit', ['dutyLeader']],
  ['zheng', '郑分管', 'unit', ['leader']],
  ['staff', '王科员', 'unit', ['staff']],
  ['feng', '冯值班', 'office', ['dutyOfficer']],
  ['chu', '褚带班', 'office', ['dutyLeader']],
  ['egov', '陈中心', 'office', ['egovCenter']],
  ['admin', '韩管理', 'office', ['sysAdmin']],
  ['dang', '党档案', 'archive', ['dutyOfficer']],
];

export async function buildDutyOrg(deps: Deps): Promise<DutyOrg> {
  const office = await createUnit(deps, 'system', {
    name: '区政府办公室',
    fullName: '重庆市綦江区人民政府办公室',
    kind: 'office',
    districtWide: true,
  });
  const unit = await createUnit(deps, 'system', {
    name: '区科技局',
    fullName: '重庆市綦江区科学技术局',
    kind: 'department',
  });
  const archive = await createUnit(deps, 'system', { name: '区档案馆', fullName: '重庆市綦江区档案馆', kind: 'other' });
  await createChannel(deps, 'system', { unitId: office.id, kind: 'website', name: '綦江区人民政府网' });
  await createChannel(deps, 'system', { unitId: unit.id, kind: 'website', name: '区科技局网站' });
  await createChannel(deps, 'system', { unitId: unit.id, kind: 'wechat', name: '綦江科技' });
  const unitOf = { unit: unit.id, office: office.id, archive: archive.id };
  const ids: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const [username, name, where, roles] of PEOPLE) {
    const u = await createUser(deps, 'system', {
      username,
      displayName: name,
      unitId: unitOf[where],
      password: PASSWORD,
      roles,
    });
    ids[username] = u.id;
    names[username] = name;
  }
  return {
    officeId: office.id,
    unitId: unit.id,
    archiveId: archive.id,
    ids,
    names,
    async actor(username) {
      const a = await loadActor(deps.db, ids[username]);
      if (!a) throw new Error(`no such user ${username}`);
      return a;
    },
  };
}

/** 白班 on working days, 周末白班 on rest days, 节假日白班 on holidays (leader), and 夜班 every night: 24 hours a day. */
export async function standardTemplates(deps: Deps, keeper: Actor, unitId: string): Promise<Record<string, Template>> {
  const out: Record<string, Template> = {};
  const add = async (
    name: string,
    start: string,
    end: string,
    dayKinds: Template['dayKinds'],
    hard: boolean,
    leaderRequired = false,
  ) => {
    out[name] = await saveTemplate(deps, keeper, { unitId }, { name, start, end, dayKinds, hard, leaderRequired });
  };
  await add('白班', '08:30', '17:30', ['working'], false);
  await add('周末白班', '08:30', '17:30', ['rest'], true);
  await add('节假日白班', '08:30', '17:30', ['holiday'], true);
  await add('夜班', '17:30', '08:30', ['working', 'rest', 'holiday'], true);
  return out;
}

export type Placement = [day: string, template: string, officers: string[], leader?: string];

/** A roster laid out by hand (usernames), from the first day to the day after the last, published. */
export async function publishLayout(
  deps: Deps,
  org: DutyOrg,
  keeper: Actor,
  unitId: string,
  templates: Record<string, Template>,
  rows: Placement[],
  opts: { from?: string; to?: string; publish?: boolean } = {},
): Promise<RosterDetail> {
  const days = rows.map((r) => r[0]).sort();
  const from = opts.from ?? days[0];
  const to = opts.to ?? addDays(days[days.length - 1], 1);
  let detail = await createRoster(deps, keeper, { unitId, from, to });
  for (const [day, template, officers, leader] of rows) {
    detail = await addShift(deps, keeper, detail.roster.id, {
      day,
      templateId: templates[template].id,
      officerIds: officers.map((u) => org.ids[u]),
      leaderId: leader ? org.ids[leader] : null,
    });
  }
  return opts.publish === false ? detail : publishRoster(deps, keeper, detail.roster.id, detail.roster.version);
}

/** The roster's shift on a day by template name. */
export const shiftOf = (detail: RosterDetail, day: string, name: string) => {
  const s = detail.shifts.find((x) => x.day === day && x.name === name);
  if (!s) throw new Error(`no ${name} on ${day}`);
  return s;
};

/**
 * A fresh database with the duty org and 区科技局's published roster for 3-02 to 3-04 (2026, Monday to Wednesday):
 * 白班 赵 / 夜班 钱, 白班 孙 / 夜班 李, 白班 赵 / 夜班 钱 — no leaders (ordinary working days).
 */
export async function dutyWeek(): Promise<{ deps: TestDeps; org: DutyOrg; roster: RosterDetail }> {
  const deps = await createTestDeps();
  deps.clock.set('2026-03-01T02:00:00.000Z');
  const org = await buildDutyOrg(deps);
  const keeper = await org.actor('zheng');
  const roster = await publishLayout(deps, org, keeper, org.unitId, await standardTemplates(deps, keeper, org.unitId), [
    ['2026-03-02', '白班', ['zhao']],
    ['2026-03-02', '夜班', ['qian']],
    ['2026-03-03', '白班', ['sun']],
    ['2026-03-03', '夜班', ['li']],
    ['2026-03-04', '白班', ['zhao']],
    ['2026-03-04', '夜班', ['qian']],
  ]);
  return { deps, org, roster };
}
