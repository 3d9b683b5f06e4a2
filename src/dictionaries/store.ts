// Kysely queries for the 智能校对 dictionaries; the only file naming the dict_* tables. Lists are ordered by the time
// an entry was added, which is the order the admin typed them in.
import type { Selectable } from 'kysely';
import type { DictLeadersTable, DictLexiconTable, DictUnitsTable } from '../platform/db/tables/dictionaries.ts';
import type { Executor } from '../platform/db/types.ts';
import type { LexiconCategory, Severity } from '../checks/model.ts';
import type { Dictionaries, DictLeader, DictUnit, LeaderFields, LexiconWord, UnitFields, WordFields } from './model.ts';

const toUnit = (r: Selectable<DictUnitsTable>): DictUnit => ({
  id: r.id,
  name: r.name,
  shortNames: JSON.parse(r.short_names) as string[],
});
const toLeader = (r: Selectable<DictLeadersTable>): DictLeader => ({
  id: r.id,
  name: r.name,
  titles: JSON.parse(r.titles) as string[],
  unitId: r.unit_id,
});
const toWord = (r: Selectable<DictLexiconTable>): LexiconWord => ({
  id: r.id,
  word: r.word,
  category: r.category as LexiconCategory,
  severity: r.severity as Severity,
  note: r.note,
});

const unitRow = (f: UnitFields) => ({ name: f.name, short_names: JSON.stringify(f.shortNames) });
const leaderRow = (f: LeaderFields) => ({ name: f.name, titles: JSON.stringify(f.titles), unit_id: f.unitId });
const wordRow = (f: WordFields) => ({ word: f.word, category: f.category, severity: f.severity, note: f.note });

/** The number every dictionary write bumps: one indexed row, cheap enough to read before every check. */
export async function dictionaryVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('dict_version').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Called in the transaction of every write; the row lock also serialises concurrent dictionary writes. */
export async function bumpVersion(db: Executor, at: Date): Promise<void> {
  await db
    .updateTable('dict_version')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at.toISOString() }))
    .where('id', '=', 1)
    .execute();
}

export async function loadDictionaries(db: Executor): Promise<Dictionaries> {
  const [units, leaders, lexicon] = await Promise.all([
    db.selectFrom('dict_units').selectAll().orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('dict_leaders').selectAll().orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('dict_lexicon').selectAll().orderBy('created_at').orderBy('id').execute(),
  ]);
  return { units: units.map(toUnit), leaders: leaders.map(toLeader), lexicon: lexicon.map(toWord) };
}

export async function getUnit(db: Executor, id: string): Promise<DictUnit | null> {
  const r = await db.selectFrom('dict_units').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toUnit(r) : null;
}
export async function getLeader(db: Executor, id: string): Promise<DictLeader | null> {
  const r = await db.selectFrom('dict_leaders').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toLeader(r) : null;
}
export async function getWord(db: Executor, id: string): Promise<LexiconWord | null> {
  const r = await db.selectFrom('dict_lexicon').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toWord(r) : null;
}

/** The id of another entry with the same key (unit name, leader name, word), for the 409 on duplicates. */
export async function findUnitNamed(db: Executor, name: string): Promise<string | null> {
  return (await db.selectFrom('dict_units').select('id').where('name', '=', name).executeTakeFirst())?.id ?? null;
}
export async function findLeaderNamed(db: Executor, name: string): Promise<string | null> {
  return (await db.selectFrom('dict_leaders').select('id').where('name', '=', name).executeTakeFirst())?.id ?? null;
}
export async function findWord(db: Executor, word: string): Promise<string | null> {
  return (await db.selectFrom('dict_lexicon').select('id').where('word', '=', word).executeTakeFirst())?.id ?? null;
}

export async function countLeadersOfUnit(db: Executor, unitId: string): Promise<number> {
  const r = await db
    .selectFrom('dict_leaders')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('unit_id', '=', unitId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertUnit(db: Executor, u: DictUnit, at: Date): Promise<void> {
  const now = at.toISOString();
  await db
    .insertInto('dict_units')
    .values({ id: u.id, ...unitRow(u), created_at: now, updated_at: now })
    .execute();
}
export async function insertLeader(db: Executor, l: DictLeader, at: Date): Promise<void> {
  const now = at.toISOString();
  await db
    .insertInto('dict_leaders')
    .values({ id: l.id, ...leaderRow(l), created_at: now, updated_at: now })
    .execute();
}
export async function insertWord(db: Executor, w: LexiconWord, at: Date): Promise<void> {
  const now = at.toISOString();
  await db
    .insertInto('dict_lexicon')
    .values({ id: w.id, ...wordRow(w), created_at: now, updated_at: now })
    .execute();
}

export async function updateUnit(db: Executor, u: DictUnit, at: Date): Promise<void> {
  await db
    .updateTable('dict_units')
    .set({ ...unitRow(u), updated_at: at.toISOString() })
    .where('id', '=', u.id)
    .execute();
}
export async function updateLeader(db: Executor, l: DictLeader, at: Date): Promise<void> {
  await db
    .updateTable('dict_leaders')
    .set({ ...leaderRow(l), updated_at: at.toISOString() })
    .where('id', '=', l.id)
    .execute();
}
export async function updateWord(db: Executor, w: LexiconWord, at: Date): Promise<void> {
  await db
    .updateTable('dict_lexicon')
    .set({ ...wordRow(w), updated_at: at.toISOString() })
    .where('id', '=', w.id)
    .execute();
}

const TABLE = { units: 'dict_units', leaders: 'dict_leaders', lexicon: 'dict_lexicon' } as const;

export async function deleteEntry(db: Executor, kind: keyof typeof TABLE, id: string): Promise<void> {
  await db.deleteFrom(TABLE[kind]).where('id', '=', id).execute();
}
