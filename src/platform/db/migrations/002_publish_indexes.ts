// Indexes for the 三审三校 lists: a reviewer's queue (oldest waiting first, keyset-paged) per unit and per
// section (二审 is by section), and an author's own items. They supersede the shorter indexes of 001.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('items_queue').on('items').columns(['unit_id', 'stage', 'updated_at', 'id']).execute();
  await db.schema
    .createIndex('items_section_queue')
    .on('items')
    .columns(['section_id', 'stage', 'updated_at', 'id'])
    .execute();
  await db.schema.createIndex('items_author_updated').on('items').columns(['author_id', 'updated_at', 'id']).execute();
  await db.schema.dropIndex('items_unit_stage').execute(); // a prefix of items_queue
  await db.schema.dropIndex('items_author').execute(); // a prefix of items_author_updated
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('items_unit_stage').on('items').columns(['unit_id', 'stage']).execute();
  await db.schema.createIndex('items_author').on('items').column('author_id').execute();
  for (const name of ['items_queue', 'items_section_queue', 'items_author_updated']) {
    await db.schema.dropIndex(name).execute();
  }
}
