// Schema of the admin-edited 智能校对 dictionaries (src/org/dictionaries.ts): district units, leaders with titles,
// custom lexicon words, and the version row every write bumps (the checker cache key on every node).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dict_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('short_names', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dict_leaders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('titles', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('dict_units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dict_leaders_unit').on('dict_leaders').column('unit_id').execute();

  await db.schema
    .createTable('dict_lexicon')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('word', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dict_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('dict_version')
    .values({ id: 1, version: 0, updated_at: new Date(0).toISOString() })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['dict_version', 'dict_lexicon', 'dict_leaders', 'dict_units'])
    await db.schema.dropTable(t).execute();
}
