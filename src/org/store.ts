// Kysely queries for the organisation's structure: units (单位), sections (科室), channels (发布渠道), columns (栏目).
// Users, roles and sessions are in user-store.ts. Rows map to domain types in one place each.
// Lists are ordered by created_at: rows inserted in one batch get consecutive milliseconds (stampOf), so a list
// keeps the order the admin or the demo gave (办公室 first), which no collation of Chinese names would.
import type { Selectable } from 'kysely';
import type { ChannelsTable, ColumnsTable, Executor, SectionsTable, UnitsTable } from '../platform/db/types.ts';
import type { Channel, ChannelKind, Column, ColumnKind, Section, Unit, UnitKind } from './model.ts';

/** created_at of the i-th row of a batch. */
export const stampOf = (at: Date, i: number): string => new Date(at.getTime() + i).toISOString();

export const toUnit = (r: Selectable<UnitsTable>): Unit => ({
  id: r.id,
  name: r.name,
  fullName: r.full_name,
  kind: r.kind as UnitKind,
  docCode: r.doc_code,
  authorMayLevel1: Number(r.author_may_level1) === 1,
  districtWide: Number(r.district_wide) === 1,
});

export const toSection = (r: Selectable<SectionsTable>): Section => ({ id: r.id, unitId: r.unit_id, name: r.name });

export const toChannel = (r: Selectable<ChannelsTable>): Channel => ({
  id: r.id,
  unitId: r.unit_id,
  kind: r.kind as ChannelKind,
  name: r.name,
  url: r.url,
});

export const toColumn = (r: Selectable<ColumnsTable>): Column => ({
  id: r.id,
  channelId: r.channel_id,
  name: r.name,
  kind: r.kind as ColumnKind,
});

export async function getUnit(db: Executor, id: string): Promise<Unit | null> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUnit(row) : null;
}

export async function findUnitByName(db: Executor, name: string): Promise<Unit | null> {
  const row = await db.selectFrom('units').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toUnit(row) : null;
}

export async function listUnits(db: Executor): Promise<Unit[]> {
  // The district-wide office first, then in the order units were added.
  const rows = await db
    .selectFrom('units')
    .selectAll()
    .orderBy('district_wide', 'desc')
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  return rows.map(toUnit);
}

export async function countUnits(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUnits(db: Executor, units: Unit[], at: Date): Promise<void> {
  if (units.length === 0) return;
  await db
    .insertInto('units')
    .values(
      units.map((u, i) => ({
        id: u.id,
        name: u.name,
        full_name: u.fullName,
        kind: u.kind,
        doc_code: u.docCode,
        author_may_level1: u.authorMayLevel1 ? 1 : 0,
        district_wide: u.districtWide ? 1 : 0,
        created_at: stampOf(at, i),
      })),
    )
    .execute();
}

export async function updateUnitSettings(db: Executor, id: string, authorMayLevel1: boolean): Promise<void> {
  await db
    .updateTable('units')
    .set({ author_may_level1: authorMayLevel1 ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

export async function getSection(db: Executor, id: string): Promise<Section | null> {
  const row = await db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSection(row) : null;
}

export async function listSections(db: Executor, unitId: string): Promise<Section[]> {
  const rows = await db
    .selectFrom('sections')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  return rows.map(toSection);
}

export async function insertSections(db: Executor, sections: Section[], at: Date): Promise<void> {
  if (sections.length === 0) return;
  await db
    .insertInto('sections')
    .values(sections.map((s, i) => ({ id: s.id, unit_id: s.unitId, name: s.name, created_at: stampOf(at, i) })))
    .execute();
}

export async function getChannel(db: Executor, id: string): Promise<Channel | null> {
  const row = await db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toChannel(row) : null;
}

/** unitIds undefined: every channel; an empty list: none. */
export async function listChannels(db: Executor, unitIds?: readonly string[]): Promise<Channel[]> {
  if (unitIds && unitIds.length === 0) return [];
  let q = db.selectFrom('channels').selectAll();
  if (unitIds) q = q.where('unit_id', 'in', unitIds);
  const rows = await q.orderBy('created_at').orderBy('name').execute();
  return rows.map(toChannel);
}

export async function insertChannels(db: Executor, channels: Channel[], at: Date): Promise<void> {
  if (channels.length === 0) return;
  await db
    .insertInto('channels')
    .values(
      channels.map((c, i) => ({
        id: c.id,
        unit_id: c.unitId,
        kind: c.kind,
        name: c.name,
        url: c.url,
        created_at: stampOf(at, i),
      })),
    )
    .execute();
}

export async function getColumn(db: Executor, id: string): Promise<Column | null> {
  const row = await db.selectFrom('columns').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toColumn(row) : null;
}

export async function listColumns(db: Executor, channelIds: readonly string[]): Promise<Column[]> {
  if (channelIds.length === 0) return [];
  const rows = await db
    .selectFrom('columns')
    .selectAll()
    .where('channel_id', 'in', channelIds)
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  return rows.map(toColumn);
}

export async function insertColumns(db: Executor, columns: Column[], at: Date): Promise<void> {
  if (columns.length === 0) return;
  await db
    .insertInto('columns')
    .values(
      columns.map((c, i) => ({
        id: c.id,
        channel_id: c.channelId,
        name: c.name,
        kind: c.kind,
        created_at: stampOf(at, i),
      })),
    )
    .execute();
}
