// Use cases of 附件 (attachments): the author adds or removes files while the item is theirs to change (草稿、退回修改);
// whoever may view the item lists and downloads them. One transaction each, with its ledger entry; the files live in
// the database, so every node serves them. A change bumps the item's version: it cannot slip past a concurrent submit.
import { createHash, randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canEdit } from '../org/policy/publish.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, notFound } from '../platform/errors.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import { attachmentRevision, checkAttachment, neverReviewed } from './attachments-model.ts';
import * as attachmentStore from './attachments-store.ts';
import { type Item, isEditable, notEditable } from './model.ts';
import { type AttachmentEntry, attachmentEntries, lastReturnedRevision, loadItem, loadViewable } from './queries.ts';
import type { UploadedFile } from './service.ts';
import * as store from './store.ts';

export interface Attachments {
  itemId: string;
  attachments: AttachmentEntry[]; // those the item has now, in upload order
  canChange: boolean; // the actor may add and remove files now
}

const race = () => conflict('RACE', '稿件已被他人处理，请刷新后查看');

/** The item, the actor's right to change it (the author, while editable), and the revision a change belongs to. */
async function openForChange(
  tx: Executor,
  actor: Actor,
  itemId: string,
  now: Date,
): Promise<{ item: Item; revision: number }> {
  const item = await loadItem(tx, itemId);
  assertAllowed(canEdit(actor, item));
  if (!isEditable(item.stage)) throw notEditable(item.stage);
  if (!(await store.moveStage(tx, item, item.stage, now))) throw race();
  return { item, revision: attachmentRevision(item, await lastReturnedRevision(tx, item.id)) };
}

const ledgerOf = (actor: Actor, item: Item, action: string, payload: Record<string, unknown>) => ({
  actor: { id: actor.id, name: actor.name },
  role: 'staff',
  unitId: item.unitId,
  action,
  subject: `item:${item.id}`,
  payload: { itemId: item.id, ...payload },
});

export async function addAttachment(
  deps: Deps,
  actor: Actor,
  itemId: string,
  file: UploadedFile,
): Promise<AttachmentEntry> {
  const mb = deps.config.maxUploadMb;
  if (file.buffer.length > mb * 1024 * 1024) throw new AppError(413, 'TOO_LARGE', `附件不能超过 ${mb} MB`);
  const checked = checkAttachment(file.fileName, file.buffer);
  if (checked instanceof AppError) throw checked;
  const sha256 = createHash('sha256').update(file.buffer).digest('hex');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const { item, revision } = await openForChange(tx, actor, itemId, now);
    const added = {
      id: randomUUID(),
      itemId: item.id,
      revisionAdded: revision,
      fileName: checked.fileName,
      mediaType: checked.mediaType,
      size: file.buffer.length,
      sha256,
      createdBy: actor.id,
      createdAt: now.toISOString(),
    };
    await attachmentStore.insertAttachment(tx, added, file.buffer);
    await appendLedger(
      tx,
      ledgerOf(actor, item, 'publish.attachment_add', {
        revision,
        attachmentId: added.id,
        fileName: added.fileName,
        mediaType: added.mediaType,
        size: added.size,
        sha256,
      }),
      now,
    );
    const [entry] = await attachmentEntries(tx, [
      { ...added, revisionRemoved: null, removedBy: null, removedAt: null },
    ]);
    return entry;
  });
}

/**
 * Removes a file from the item. One no reviewer has seen is deleted; one a submitted revision had is kept, marked
 * removed from the revision being prepared, so that the history still shows what each revision was reviewed with.
 */
export async function removeAttachment(
  deps: Deps,
  actor: Actor,
  itemId: string,
  attachmentId: string,
): Promise<Attachments> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const { item, revision } = await openForChange(tx, actor, itemId, now);
    const found = await attachmentStore.getAttachment(tx, item.id, attachmentId);
    if (!found) throw notFound('附件');
    if (found.revisionRemoved !== null) throw conflict('ALREADY_REMOVED', '该附件已删除');
    const kept = !neverReviewed(item.stage, found.revisionAdded, revision);
    const done = kept
      ? await attachmentStore.markRemoved(tx, found.id, revision, actor.id, now.toISOString())
      : await attachmentStore.deleteAttachment(tx, found.id);
    if (!done) throw race();
    await appendLedger(
      tx,
      ledgerOf(actor, item, 'publish.attachment_remove', {
        revision,
        attachmentId: found.id,
        fileName: found.fileName,
        sha256: found.sha256,
        kept,
      }),
      now,
    );
    return attachmentsOf(tx, actor, { ...item, version: item.version + 1 });
  });
}

export async function listItemAttachments(deps: Deps, actor: Actor, itemId: string): Promise<Attachments> {
  const item = await loadViewable(deps.db, actor, itemId);
  return attachmentsOf(deps.db, actor, item);
}

export interface Download {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/** Any file the item ever had (removed ones too: the history links them), for whoever may view the item. */
export async function downloadAttachment(
  deps: Deps,
  actor: Actor,
  itemId: string,
  attachmentId: string,
): Promise<Download> {
  const item = await loadViewable(deps.db, actor, itemId);
  const found = await attachmentStore.getAttachment(deps.db, item.id, attachmentId);
  const content = found && (await attachmentStore.getContent(deps.db, found.id));
  if (!found || !content) throw notFound('附件');
  return { fileName: found.fileName, mediaType: found.mediaType, content };
}

async function attachmentsOf(db: Executor, actor: Actor, item: Item): Promise<Attachments> {
  return {
    itemId: item.id,
    attachments: await attachmentEntries(db, await attachmentStore.listAttachments(db, item.id)),
    canChange: isEditable(item.stage) && canEdit(actor, item).allowed,
  };
}
