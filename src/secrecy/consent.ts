// 多机关共同形成 (保密审查制度 第九条): the lead unit discloses jointly formed information only with each co-issuing unit's
// written consent — a letter filed here (kept with its SHA-256), or the co-issuing unit's leader approving in gongkai.
// A consent is to one revision (一事一审): a changed text needs it again.
import { createHash, randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canView } from '../org/policy/publish.ts';
import { canConsent, canFileConsentDocument, consentUnitOf } from '../org/policy/secrecy.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import type { Executor } from '../platform/db/types.ts';
import { conflict, invalid } from '../platform/errors.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import { type ChainReader, type ChainStep, chainOf } from './chain.ts';
import { recordOf, type SecrecyRecord } from './record.ts';
import * as store from './store.ts';

/** Letters are scans or signed documents; 10 MB is ample for either. */
export const CONSENT_MAX_BYTES = 10 * 1024 * 1024;
const CONSENT_TYPES = /\.(pdf|ofd|jpe?g|png|docx?)$/i;
const NOTE_MAX = 500;

/** Stages after which the item's disclosure is settled: consent can no longer change it. */
const SETTLED = ['approved', 'published', 'withheld'];

export interface ConsentRequest {
  itemId: string;
  revision: number;
  unitId?: string; // the co-issuing unit; for a leader of one such unit it may be omitted
  note?: string;
}

async function openForConsent(
  tx: Executor,
  chain: ChainReader,
  actor: Actor,
  itemId: string,
  revision: number,
): Promise<ChainStep> {
  const ctx = await chain.loadForStep(tx, itemId);
  assertAllowed(canView(actor, { ...ctx.item, coIssuerUnitIds: ctx.coIssuerUnitIds }));
  if (SETTLED.includes(ctx.item.stage)) throw conflict('SETTLED', '稿件已审定、发布或免于公开，不能再登记书面同意');
  if (revision !== ctx.item.revision) throw conflict('STALE_REVISION', '稿件已修改，请对最新版本表示同意');
  return ctx;
}

async function assertFirst(tx: Executor, ctx: ChainStep, unitId: string): Promise<void> {
  const had = (await store.listConsents(tx, ctx.item.id)).some(
    (c) => c.revision === ctx.item.revision && c.unitId === unitId,
  );
  if (had) throw conflict('ALREADY_CONSENTED', '该共同发文单位已对本版本表示同意');
}

const note = (value: unknown): string => {
  const t = typeof value === 'string' ? value.trim() : '';
  if (t.length > NOTE_MAX) throw invalid('note', `说明不能超过 ${NOTE_MAX} 字`);
  return t;
};

/** The co-issuing unit's leader (分管领导) approves in gongkai: written consent by signature. */
export async function consentInApp(deps: Deps, actor: Actor, input: ConsentRequest): Promise<SecrecyRecord> {
  const text = note(input.note);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const ctx = await openForConsent(tx, chainOf(deps), actor, input.itemId, input.revision);
    assertAllowed(canConsent(actor, ctx, input.unitId));
    const unitId = consentUnitOf(actor, ctx, input.unitId) as string;
    await assertFirst(tx, ctx, unitId);
    const id = randomUUID();
    await store.insertConsent(
      tx,
      {
        id,
        itemId: ctx.item.id,
        revision: ctx.item.revision,
        unitId,
        kind: 'approval',
        actorId: actor.id,
        note: text,
        fileName: null,
        fileSha256: null,
        fileSize: null,
        createdAt: now.toISOString(),
      },
      null,
    );
    // Signed in the co-issuing unit's 台账: it is that unit's act (谁审核谁负责).
    await appendLedger(
      tx,
      {
        actor: { id: actor.id, name: actor.name },
        role: 'leader',
        unitId,
        action: 'secrecy.consent',
        subject: `item:${ctx.item.id}`,
        payload: {
          itemId: ctx.item.id,
          revision: ctx.item.revision,
          consentId: id,
          coIssuerUnitId: unitId,
          hostUnitId: ctx.item.unitId,
          kind: 'approval',
          note: text,
        },
      },
      now,
    );
    return recordOf(tx, chainOf(deps), actor, ctx.item.id);
  });
}

export interface ConsentFile {
  buffer: Buffer;
  fileName: string;
}

/** The author or the hosting unit's secrecy office files a co-issuing unit's consent letter (书面同意). */
export async function fileConsentDocument(
  deps: Deps,
  actor: Actor,
  input: ConsentRequest,
  file: ConsentFile,
): Promise<SecrecyRecord> {
  if (!input.unitId) throw invalid('unitId', '请选择出具书面同意的共同发文单位');
  if (file.buffer.length === 0) throw invalid('file', '请选择书面同意文件');
  if (file.buffer.length > CONSENT_MAX_BYTES) throw invalid('file', '书面同意文件不能超过 10 MB');
  if (!CONSENT_TYPES.test(file.fileName)) throw invalid('file', '书面同意文件须为 PDF、OFD、图片或 Word 文档');
  const text = note(input.note);
  const now = deps.clock.now();
  const sha256 = createHash('sha256').update(file.buffer).digest('hex');
  return deps.db.transaction().execute(async (tx) => {
    const ctx = await openForConsent(tx, chainOf(deps), actor, input.itemId, input.revision);
    assertAllowed(canFileConsentDocument(actor, { ...ctx.item, coIssuerUnitIds: ctx.coIssuerUnitIds }));
    const unitId = input.unitId as string;
    if (!ctx.coIssuerUnitIds.includes(unitId)) throw invalid('unitId', '所选单位不是该稿件的共同发文单位');
    await assertFirst(tx, ctx, unitId);
    const id = randomUUID();
    const fileName = file.fileName.slice(0, 200);
    await store.insertConsent(
      tx,
      {
        id,
        itemId: ctx.item.id,
        revision: ctx.item.revision,
        unitId,
        kind: 'document',
        actorId: actor.id,
        note: text,
        fileName,
        fileSha256: sha256,
        fileSize: file.buffer.length,
        createdAt: now.toISOString(),
      },
      file.buffer.toString('base64'),
    );
    await appendLedger(
      tx,
      {
        actor: { id: actor.id, name: actor.name },
        role: actor.id === ctx.item.authorId ? 'staff' : 'secrecy',
        unitId: ctx.item.unitId,
        action: 'secrecy.consent',
        subject: `item:${ctx.item.id}`,
        payload: {
          itemId: ctx.item.id,
          revision: ctx.item.revision,
          consentId: id,
          coIssuerUnitId: unitId,
          kind: 'document',
          fileName,
          sha256,
          size: file.buffer.length,
          note: text,
        },
      },
      now,
    );
    return recordOf(tx, chainOf(deps), actor, ctx.item.id);
  });
}
