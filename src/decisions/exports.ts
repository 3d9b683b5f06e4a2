// The 目录's files and its 印发 notice as a draft item (issue 17): the .xlsx for everyone who reads the 目录, the
// notice .docx for the unit keeping it, and the notice turned into a draft of that unit — which then goes through
// 三审三校 and 保密审查 like any other item (publish/service.ts draftItem: nothing here approves or publishes).
import type { Actor } from '../org/model.ts';
import { canDraftCatalogNotice, canReadDecisions } from '../org/policy/decisions.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { getUnit, listChannels, listColumns, listSections } from '../org/service.ts';
import { toShanghaiDate } from '../platform/calendar/model.ts';
import type { Deps } from '../platform/deps.ts';
import type { Executor } from '../platform/db/types.ts';
import { gongwenDocx } from '../platform/documents/gongwen-docx.ts';
import { titledTableXlsx } from '../platform/documents/xlsx.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { addAttachment } from '../publish/attachments-service.ts';
import { draftItem } from '../publish/service.ts';
import type { CatalogEntry } from './catalog.ts';
import { catalogNotice, catalogTable, noticeHtml } from './notice.ts';
import { ledger } from './service.ts';
import * as store from './store.ts';

export interface FileOut {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The 目录 as its current version stands (withdrawn items gone), as the public page shows it. */
async function currentCatalog(db: Executor, catalogId: string) {
  const catalog = await store.getCatalog(db, catalogId);
  if (!catalog) throw notFound('重大行政决策事项目录');
  const versions = await store.listVersions(db, catalogId);
  const entries: CatalogEntry[] = versions.find((v) => v.version === catalog.version)?.entries ?? [];
  return { catalog, entries };
}

export async function catalogXlsx(deps: Deps, actor: Actor, catalogId: string): Promise<FileOut> {
  assertAllowed(canReadDecisions(actor));
  const { catalog, entries } = await currentCatalog(deps.db, catalogId);
  const content = await titledTableXlsx(catalogTable(catalog, entries));
  return { fileName: `${catalog.title}.xlsx`, mediaType: XLSX, content };
}

async function noticeOf(deps: Deps, actor: Actor, catalogId: string) {
  const { catalog, entries } = await currentCatalog(deps.db, catalogId);
  assertAllowed(canDraftCatalogNotice(actor, catalog.unitId));
  const unit = await getUnit(deps.db, catalog.unitId);
  if (!unit) throw notFound('编制目录的单位');
  return { catalog, entries, notice: catalogNotice(catalog, unit, entries, toShanghaiDate(deps.clock.now())) };
}

export async function catalogNoticeDocx(deps: Deps, actor: Actor, catalogId: string): Promise<FileOut> {
  const { notice } = await noticeOf(deps, actor, catalogId);
  return { fileName: `${notice.title}.docx`, mediaType: DOCX, content: await gongwenDocx(notice) };
}

export interface NoticeItemInput {
  sectionId?: string;
  channels?: { channelId: string; columnId?: string | null }[];
}

/** Where the draft goes when the request does not say: the drafter's section in the unit, the unit's website in its
 *  政策文件 column (as 63号 was published). */
async function placement(deps: Deps, actor: Actor, unitId: string, input: NoticeItemInput) {
  const own = actor.roles.find((r) => r.role === 'staff' && r.unitId === unitId && r.sectionId)?.sectionId;
  const sectionId = input.sectionId ?? own ?? (await listSections(deps.db, unitId))[0]?.id;
  if (!sectionId) throw invalid('sectionId', '请选择起草科室');
  if (input.channels) return { sectionId, channels: input.channels };
  const site = (await listChannels(deps.db, unitId)).find((c) => c.kind === 'website');
  const columns = site ? await listColumns(deps.db, site.id) : [];
  const column = columns.find((c) => c.kind === '政策文件') ?? columns[0];
  if (!site || !column) throw invalid('channels', '本单位没有可发布的网站栏目，请选择发布渠道');
  return { sectionId, channels: [{ channelId: site.id, columnId: column.id }] };
}

/** The notice as a draft item of the unit keeping the 目录, the .docx and .xlsx attached; returns the item's id. */
export async function draftNoticeItem(
  deps: Deps,
  actor: Actor,
  catalogId: string,
  input: NoticeItemInput,
): Promise<{ itemId: string }> {
  const { catalog, entries, notice } = await noticeOf(deps, actor, catalogId);
  const where = await placement(deps, actor, catalog.unitId, input);
  const item = await draftItem(deps, actor, {
    title: notice.title,
    unitId: catalog.unitId,
    ...where,
    itemType: 'original',
    major: true, // 63号 is a 重大事项: the 主要领导 signs it after 三审
    body: { format: 'html', content: noticeHtml(notice) },
  });
  const files = [
    { fileName: `${notice.title}.docx`, buffer: await gongwenDocx(notice) },
    { fileName: `${catalog.title}.xlsx`, buffer: await titledTableXlsx(catalogTable(catalog, entries)) },
  ];
  for (const f of files) await addAttachment(deps, actor, item.id, f);
  await deps.db.transaction().execute(async (tx) => {
    const payload = { catalogId, itemId: item.id, title: notice.title, version: catalog.version };
    await ledger(tx, actor, 'notice_item', `decision-catalog:${catalogId}`, payload, deps.clock.now());
  });
  return { itemId: item.id };
}
