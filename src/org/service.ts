// The org module's public API. Reads take an Executor first so callers can pass their own transaction; each
// use case is one transaction that writes its ledger entry. Accounts and roles are in user-service.ts.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Executor } from '../platform/db/types.ts';
import { conflict, invalid, notFound, unprocessable } from '../platform/errors.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import {
  assertMayManage,
  type By,
  ledgerActorOf,
  ledgerRoleOf,
  optionalText,
  optionalUrl,
  requireOneOf,
  requireText,
} from './acting.ts';
import {
  type Actor,
  CHANNEL_KINDS,
  type Channel,
  type ChannelKind,
  COLUMN_KINDS,
  type Column,
  type ColumnKind,
  type Role,
  type Section,
  UNIT_KINDS,
  type Unit,
  type UnitKind,
  type UserSummary,
} from './model.ts';
import * as store from './store.ts';
import * as users from './user-store.ts';

export type { By } from './acting.ts';
export {
  createUser,
  grantRole,
  listUsers,
  resetPassword,
  revokeRole,
  type RoleGrant,
  setPassword,
} from './user-service.ts';
export { decideRoleRequest, listRoleRequests, type RoleRequestView } from './role-requests.ts';

export const getUnit = (db: Executor, id: string): Promise<Unit | null> => store.getUnit(db, id);
export const listUnits = (db: Executor): Promise<Unit[]> => store.listUnits(db);
export const getSection = (db: Executor, id: string): Promise<Section | null> => store.getSection(db, id);
export const listSections = (db: Executor, unitId: string): Promise<Section[]> => store.listSections(db, unitId);
export const getChannel = (db: Executor, id: string): Promise<Channel | null> => store.getChannel(db, id);
export const getColumn = (db: Executor, id: string): Promise<Column | null> => store.getColumn(db, id);
export const listColumns = (db: Executor, channelId: string): Promise<Column[]> => store.listColumns(db, [channelId]);

/** One unit's channels, several units' channels, or (no argument) every channel. */
export function listChannels(db: Executor, unitId?: string | readonly string[]): Promise<Channel[]> {
  return store.listChannels(db, typeof unitId === 'string' ? [unitId] : unitId);
}

export async function getUsersByIds(db: Executor, ids: string[]): Promise<Map<string, UserSummary>> {
  return new Map((await users.getUsersByIds(db, ids)).map((u) => [u.id, u]));
}

/** E-mail addresses by user id, for enabled accounts that have one; others are simply absent. */
export async function getUserEmails(db: Executor, ids: string[]): Promise<Map<string, string>> {
  return new Map((await users.getUserEmails(db, ids)).map((u) => [u.id, u.email]));
}

/** The actor a user id acts as, with every role held; null for an unknown or disabled account. */
export async function loadActor(db: Executor, userId: string): Promise<Actor | null> {
  const row = await users.getUserRow(db, userId);
  if (!row || Number(row.disabled) === 1) return null;
  const roles = await users.rolesOfUsers(db, [row.id]);
  return {
    ...users.toUserSummary(row),
    roles: roles.map((r) => ({ role: r.role, unitId: r.unitId, sectionId: r.sectionId })),
  };
}

/** Enabled accounts holding `role` in `unitId` (and `sectionId` if given); district-wide roles match anywhere. */
export const usersHoldingRole = (
  db: Executor,
  role: Role,
  unitId: string,
  sectionId?: string,
): Promise<UserSummary[]> => users.usersHoldingRole(db, role, unitId, sectionId);

export interface UnitDetail {
  unit: Unit;
  sections: Section[];
  channels: (Channel & { columns: Column[] })[];
}

export async function getUnitDetail(db: Executor, id: string): Promise<UnitDetail> {
  const unit = await store.getUnit(db, id);
  if (!unit) throw notFound('单位');
  const [sections, channels] = await Promise.all([store.listSections(db, id), store.listChannels(db, [id])]);
  const columns = await store.listColumns(
    db,
    channels.map((c) => c.id),
  );
  return {
    unit,
    sections,
    channels: channels.map((c) => ({ ...c, columns: columns.filter((k) => k.channelId === c.id) })),
  };
}

export interface UnitInput {
  name: string;
  fullName: string;
  kind: UnitKind;
  docCode?: string | null;
  districtWide?: boolean;
  authorMayLevel1?: boolean;
}

export async function createUnit(deps: Deps, by: By, input: UnitInput): Promise<Unit> {
  assertMayManage(by);
  const unit: Unit = {
    id: randomUUID(),
    name: requireText('name', '单位简称', input.name, 50),
    fullName: requireText('fullName', '单位全称', input.fullName, 100),
    kind: requireOneOf('kind', '单位类型', input.kind, UNIT_KINDS),
    docCode: optionalText('docCode', '机关代字', input.docCode, 20),
    districtWide: input.districtWide === true,
    authorMayLevel1: input.authorMayLevel1 !== false, // 65号 is silent; allowed unless the unit turns it off
  };
  return deps.db.transaction().execute(async (tx) => {
    if (await store.findUnitByName(tx, unit.name)) throw conflict('DUPLICATE_UNIT', `单位「${unit.name}」已存在`);
    const now = deps.clock.now();
    await store.insertUnits(tx, [unit], now);
    await appendLedger(
      tx,
      {
        actor: ledgerActorOf(by),
        role: ledgerRoleOf(by),
        unitId: unit.id,
        action: 'org.unit_create',
        subject: `unit:${unit.id}`,
        payload: {
          name: unit.name,
          fullName: unit.fullName,
          kind: unit.kind,
          docCode: unit.docCode,
          districtWide: unit.districtWide,
        },
      },
      now,
    );
    return unit;
  });
}

export async function createSection(deps: Deps, by: By, input: { unitId: string; name: string }): Promise<Section> {
  assertMayManage(by);
  const name = requireText('name', '科室名称', input.name, 50);
  return deps.db.transaction().execute(async (tx) => {
    if (!(await store.getUnit(tx, input.unitId))) throw notFound('单位');
    const existing = await store.listSections(tx, input.unitId);
    if (existing.some((s) => s.name === name)) throw conflict('DUPLICATE_SECTION', `本单位已有科室「${name}」`);
    const section: Section = { id: randomUUID(), unitId: input.unitId, name };
    const now = deps.clock.now();
    await store.insertSections(tx, [section], now);
    await appendLedger(
      tx,
      {
        actor: ledgerActorOf(by),
        role: ledgerRoleOf(by),
        unitId: section.unitId,
        action: 'org.section_create',
        subject: `section:${section.id}`,
        payload: { name },
      },
      now,
    );
    return section;
  });
}

export interface ChannelInput {
  unitId: string;
  kind: ChannelKind;
  name: string;
  url?: string | null;
}

export async function createChannel(deps: Deps, by: By, input: ChannelInput): Promise<Channel> {
  assertMayManage(by);
  const draft = {
    kind: requireOneOf('kind', '渠道类型', input.kind, CHANNEL_KINDS),
    name: requireText('name', '渠道名称', input.name, 50),
    url: optionalUrl('url', input.url),
  };
  return deps.db.transaction().execute(async (tx) => {
    if (!(await store.getUnit(tx, input.unitId))) throw invalid('unitId', '所选主管主办单位不存在');
    const existing = await store.listChannels(tx, [input.unitId]);
    if (existing.some((c) => c.kind === draft.kind && c.name === draft.name)) {
      throw conflict('DUPLICATE_CHANNEL', `本单位已有同类渠道「${draft.name}」`);
    }
    const channel: Channel = { id: randomUUID(), unitId: input.unitId, ...draft };
    const now = deps.clock.now();
    await store.insertChannels(tx, [channel], now);
    await appendLedger(
      tx,
      {
        actor: ledgerActorOf(by),
        role: ledgerRoleOf(by),
        unitId: channel.unitId,
        action: 'org.channel_create',
        subject: `channel:${channel.id}`,
        payload: { kind: channel.kind, name: channel.name, url: channel.url },
      },
      now,
    );
    return channel;
  });
}

export async function createColumn(
  deps: Deps,
  by: By,
  input: { channelId: string; name: string; kind: ColumnKind },
): Promise<Column> {
  assertMayManage(by);
  const name = requireText('name', '栏目名称', input.name, 50);
  const kind = requireOneOf('kind', '栏目类型', input.kind, COLUMN_KINDS);
  return deps.db.transaction().execute(async (tx) => {
    const channel = await store.getChannel(tx, input.channelId);
    if (!channel) throw notFound('发布渠道');
    // DOMAIN §1: columns (栏目) belong to websites; new-media accounts publish to their one feed.
    if (channel.kind !== 'website') throw unprocessable('NOT_WEBSITE', '只有政府网站可以设置栏目');
    const existing = await store.listColumns(tx, [channel.id]);
    if (existing.some((c) => c.name === name)) throw conflict('DUPLICATE_COLUMN', `该网站已有栏目「${name}」`);
    const column: Column = { id: randomUUID(), channelId: channel.id, name, kind };
    const now = deps.clock.now();
    await store.insertColumns(tx, [column], now);
    await appendLedger(
      tx,
      {
        actor: ledgerActorOf(by),
        role: ledgerRoleOf(by),
        unitId: channel.unitId,
        action: 'org.column_create',
        subject: `column:${column.id}`,
        payload: { channelId: channel.id, name, kind },
      },
      now,
    );
    return column;
  });
}

/** author_may_level1: whether an item's author may also do its 一审 (65号 is silent; each unit decides). */
export async function setUnitSettings(
  deps: Deps,
  by: By,
  input: { unitId: string; authorMayLevel1: boolean },
): Promise<Unit> {
  assertMayManage(by);
  if (typeof input.authorMayLevel1 !== 'boolean') throw invalid('authorMayLevel1', '请选择是否允许起草人进行一审');
  return deps.db.transaction().execute(async (tx) => {
    const unit = await store.getUnit(tx, input.unitId);
    if (!unit) throw notFound('单位');
    const now = deps.clock.now();
    await store.updateUnitSettings(tx, unit.id, input.authorMayLevel1);
    await appendLedger(
      tx,
      {
        actor: ledgerActorOf(by),
        role: ledgerRoleOf(by),
        unitId: unit.id,
        action: 'org.unit_settings',
        subject: `unit:${unit.id}`,
        payload: { authorMayLevel1: { from: unit.authorMayLevel1, to: input.authorMayLevel1 } },
      },
      now,
    );
    return { ...unit, authorMayLevel1: input.authorMayLevel1 };
  });
}
