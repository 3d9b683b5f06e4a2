// 决策过程记录和材料 (条例: 决策过程记录和材料归档制度; issue 17): one item's record — each step with
// its date, outcome and document reference, the 预公开 window and published draft, every comment and its answer, the
// 合法性审查 opinion, the reminders sent, and the 登记台账 entries about it with their leaf hashes — as a ZIP with an
// index.html in Chinese; a whole 目录's as one ZIP with a folder per item. The comments' names and contacts are in it
// only for those who may read the originals (the 承办单位, canHandleComments); others get the screened text.
import type JSZip from 'jszip';
import type { Actor } from '../org/model.ts';
import { canExportCatalogRecords, canExportRecords, canHandleComments } from '../org/policy/decisions.ts';
import { assertAllowed, isAllowed } from '../org/policy/verdict.ts';
import type { Deps } from '../platform/deps.ts';
import type { Executor } from '../platform/db/types.ts';
import { titledTableXlsx } from '../platform/documents/xlsx.ts';
import { notFound } from '../platform/errors.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { publishedDocument } from '../publish/service.ts';
import { ANSWER_NAME } from './consultation.ts';
import type { FileOut } from './exports.ts';
import { decisionActionName } from './labels.ts';
import { catalogTable } from './notice.ts';
import { recordIndexHtml, type ItemRecord, catalogIndexHtml } from './records-html.ts';
import * as store from './store.ts';
import { listReminders } from './year-store.ts';

const ZIP = 'application/zip';

async function gather(db: Executor, actor: Actor, item: store.ItemRow): Promise<ItemRecord> {
  const originals = isAllowed(canHandleComments(actor, item));
  const c = item.procedure.consultation;
  const draft = c?.draftItemId ? await publishedDocument(db, c.draftItemId).catch(() => null) : null;
  const comments = (await store.listComments(db, item.id)).map((x) => ({
    seq: x.seq,
    receivedAt: x.receivedAt,
    name: originals ? x.name : null,
    contact: originals ? x.contact : null,
    text: originals ? x.body : x.publicBody,
    answer: x.answer ? ANSWER_NAME[x.answer] : '未答复',
    reason: x.answerReason ?? '',
    answeredAt: x.answeredAt,
  }));
  const ledger = (await listLedger(db, { subject: `decision:${item.id}` })).map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor_name,
    action: r.action,
    actionName: decisionActionName(r.action),
    payload: r.payload,
    leafHash: r.leaf_hash,
  }));
  return { item, originals, draft, comments, reminders: await listReminders(db, item.id), ledger };
}

/** The files of one item's record, under `dir` ('' at the top). */
function addRecord(zip: JSZip, dir: string, r: ItemRecord) {
  zip.file(`${dir}index.html`, recordIndexHtml(r));
  const { procedure, ...facts } = r.item;
  zip.file(
    `${dir}决策过程.json`,
    JSON.stringify({ ...facts, procedure, comments: r.comments, reminders: r.reminders }, null, 2),
  );
  zip.file(`${dir}台账记录.json`, JSON.stringify(r.ledger, null, 2));
  if (r.draft) zip.file(`${dir}征求意见稿.txt`, `${r.draft.title}\n\n${r.draft.text}\n`);
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);

export async function itemRecordsZip(deps: Deps, actor: Actor, itemId: string): Promise<FileOut> {
  const item = await store.getItem(deps.db, itemId);
  if (!item) throw notFound('决策事项');
  assertAllowed(canExportRecords(actor, item));
  const { default: JSZipClass } = await import('jszip');
  const zip = new JSZipClass();
  addRecord(zip, '', await gather(deps.db, actor, item));
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { fileName: `决策过程记录和材料-${safeName(item.title)}.zip`, mediaType: ZIP, content };
}

export async function catalogRecordsZip(deps: Deps, actor: Actor, catalogId: string): Promise<FileOut> {
  const catalog = await store.getCatalog(deps.db, catalogId);
  if (!catalog) throw notFound('重大行政决策事项目录');
  assertAllowed(canExportCatalogRecords(actor, catalog.unitId));
  const { default: JSZipClass } = await import('jszip');
  const zip = new JSZipClass();
  const items = await store.listItems(deps.db, catalogId); // withdrawn ones too: their record is kept
  const folders: { dir: string; item: store.ItemRow }[] = [];
  for (const item of items) {
    const dir = `${String(item.seq).padStart(2, '0')}-${safeName(item.title)}/`;
    addRecord(zip, dir, await gather(deps.db, actor, item));
    folders.push({ dir, item });
  }
  const versions = await store.listVersions(deps.db, catalogId);
  const entries = versions.find((v) => v.version === catalog.version)?.entries ?? [];
  zip.file('目录.xlsx', await titledTableXlsx(catalogTable(catalog, entries)));
  zip.file('index.html', catalogIndexHtml(catalog, folders, versions));
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  return { fileName: `决策过程记录和材料-${safeName(catalog.title)}.zip`, mediaType: ZIP, content };
}
