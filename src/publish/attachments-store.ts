// Kysely queries of an item's attachments (item_attachments). The only file that names that table; lists never read
// the content column.
import type { Selectable } from 'kysely';
import type { ItemAttachmentsTable } from '../platform/db/tables/publish.ts';
import type { Executor } from '../platform/db/types.ts';

export interface Attachment {
  id: string;
  itemId: string;
  revisionAdded: number;
  revisionRemoved: number | null;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdBy: string;
  createdAt: string;
  removedBy: string | null;
  removedAt: string | null;
}

const META = [
  'id',
  'item_id',
  'revision_added',
  'revision_removed',
  'filename',
  'media_type',
  'size',
  'sha256',
  'created_by',
  'created_at',
  'removed_by',
  'removed_at',
] as const;

type MetaRow = Pick<Selectable<ItemAttachmentsTable>, (typeof META)[number]>;

const toAttachment = (r: MetaRow): Attachment => ({
  id: r.id,
  itemId: r.item_id,
  revisionAdded: Number(r.revision_added),
  revisionRemoved: r.revision_removed === null ? null : Number(r.revision_removed),
  fileName: r.filename,
  mediaType: r.media_type,
  size: Number(r.size),
  sha256: r.sha256,
  createdBy: r.created_by,
  createdAt: r.created_at,
  removedBy: r.removed_by,
  removedAt: r.removed_at,
});

export async function insertAttachment(
  db: Executor,
  a: Omit<Attachment, 'revisionRemoved' | 'removedBy' | 'removedAt'>,
  content: Buffer,
): Promise<void> {
  await db
    .insertInto('item_attachments')
    .values({
      id: a.id,
      item_id: a.itemId,
      revision_added: a.revisionAdded,
      revision_removed: null,
      filename: a.fileName,
      media_type: a.mediaType,
      size: a.size,
      sha256: a.sha256,
      content,
      created_by: a.createdBy,
      created_at: a.createdAt,
      removed_by: null,
      removed_at: null,
    })
    .execute();
}

/** The item's attachments in upload order; `withRemoved`: also those removed (for the history). */
export async function listAttachments(db: Executor, itemId: string, withRemoved = false): Promise<Attachment[]> {
  let q = db.selectFrom('item_attachments').select(META).where('item_id', '=', itemId);
  if (!withRemoved) q = q.where('revision_removed', 'is', null);
  return (await q.orderBy('created_at').orderBy('id').execute()).map(toAttachment);
}

export async function getAttachment(db: Executor, itemId: string, id: string): Promise<Attachment | null> {
  const row = await db
    .selectFrom('item_attachments')
    .select(META)
    .where('item_id', '=', itemId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAttachment(row) : null;
}

export async function getContent(db: Executor, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom('item_attachments').select('content').where('id', '=', id).executeTakeFirst();
  return row ? Buffer.from(row.content) : null;
}

/** Removes a present attachment from `revision` on, keeping the file; false if someone removed it first. */
export async function markRemoved(
  db: Executor,
  id: string,
  revision: number,
  by: string,
  at: string,
): Promise<boolean> {
  const res = await db
    .updateTable('item_attachments')
    .set({ revision_removed: revision, removed_by: by, removed_at: at })
    .where('id', '=', id)
    .where('revision_removed', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Deletes a present attachment outright; false if someone removed it first. */
export async function deleteAttachment(db: Executor, id: string): Promise<boolean> {
  const res = await db
    .deleteFrom('item_attachments')
    .where('id', '=', id)
    .where('revision_removed', 'is', null)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}
