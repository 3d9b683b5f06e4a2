// 政府公报 use cases: the 公报室 creates an issue, finds published 公文 and places them in its sections, orders
// them; each write is one transaction with its ledger entry. Reading a .docx into GB/T 9704 elements is import.ts.
import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../org/model.ts';
import {
  canEditGazette,
  canEditGazetteSettings,
  canReadGazetteSettings,
  canViewGazetteDrafts,
} from '../org/policy/gazette.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import type { Deps } from '../platform/deps.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, invalid, notFound } from '../platform/errors.ts';
import { appendLedger, SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import { listSections, listChannels, listColumns } from '../org/service.ts';
import {
  draftGazetteIssue,
  editItem,
  type ItemDetail,
  itemsByIds,
  type PublishedHit,
  publishedDocument,
  searchPublished,
  submitItem,
} from '../publish/service.ts';
import { documentText, issueHtml, issueText } from './html.ts';
import { importOfficialDocx, importOfficialText } from './import.ts';
import {
  checkOrder,
  DEFAULT_SETTINGS,
  type GazetteSettings,
  settingsFields,
  formatFindings,
  gazetteRefusal,
  type Entry,
  type Issue,
  type IssueFields,
  type IssueInput,
  type IssueStatus,
  isIssueEditable,
  issueFields,
  issueLabel,
  issueStatus,
  issuersOf,
  type StoredIssue,
} from './model.ts';
import * as store from './store.ts';
import { headingLevel, readDate } from './parse.ts';
import type { OfficialDocument } from './parse.ts';
import { type PaperSize, type Typeset, type TypesetIssue, typesetIssue } from './typeset.ts';
import type { Finding } from '../checks/index.ts';

export { importOfficialDocx, importOfficialText } from './import.ts';
export type { Entry, ImportedDocument, Issue, IssueInput, IssueStatus, OfficialDocument } from './model.ts';
export type { GazetteSettings } from './model.ts';
export { DEFAULT_SECTIONS, ENTRY_SOURCES, ISSUE_STATUS_NAME, ISSUE_STATUSES, issueLabel } from './model.ts';
export { demoIssue } from './demo.ts';
export { issueHtml };
export { type PaperSize, type Typeset, type TypesetIssue, typesetIssue };

/** The deployment's 刊名 and 版权页 as the 公报室 last saved them; the seed's (綦江区) until then. */
export async function gazetteSettings(db: Executor): Promise<GazetteSettings & { updatedAt: string | null }> {
  return (await store.getSettings(db)) ?? { ...DEFAULT_SETTINGS, updatedAt: null };
}

export async function getSettings(deps: Deps, actor: Actor) {
  assertAllowed(canReadGazetteSettings(actor));
  return { ...(await gazetteSettings(deps.db)), canEdit: canEditGazetteSettings(actor).allowed };
}

/** The 公报室 (or the 系统管理员) sets the 刊名, the online edition's title and the 版权页; every issue typeset from
 *  now on prints them, and /gongbao shows them. Checked field by field; the ledger keeps the old and new values. */
export async function updateSettings(deps: Deps, actor: Actor, input: GazetteSettings) {
  assertAllowed(canEditGazetteSettings(actor));
  const next = settingsFields(input);
  if (next instanceof AppError) throw next;
  await deps.db.transaction().execute(async (tx) => {
    const { updatedAt: _, ...before } = await gazetteSettings(tx);
    const now = deps.clock.now();
    await store.saveSettings(tx, next, actor.id, now);
    await appendLedger(
      tx,
      {
        actor: { id: actor.id, name: actor.name },
        role: actor.roles.some((r) => r.role === 'gazette') ? 'gazette' : 'sysAdmin',
        unitId: '',
        action: 'gazette.settings_update',
        subject: 'gazette:settings',
        payload: { before, after: next },
      },
      now,
    );
  });
  return getSettings(deps, actor);
}

export type IssueSummary = IssueFields & {
  id: string;
  label: string;
  entries: number;
  itemId: string | null;
  status: IssueStatus;
  publishedAt: string | null;
};

/** Each issue with where its item stands in 三审三校 (one read of the items for all of them). */
async function withStatus<T extends { itemId: string | null }>(
  db: Executor,
  issues: T[],
): Promise<(T & { status: IssueStatus; publishedAt: string | null })[]> {
  const items = new Map(
    (
      await itemsByIds(
        db,
        issues.flatMap((i) => (i.itemId ? [i.itemId] : [])),
      )
    ).map((i) => [i.id, i]),
  );
  return issues.map((i) => {
    const item = i.itemId ? items.get(i.itemId) : undefined;
    return { ...i, status: issueStatus(item?.stage ?? null), publishedAt: item?.publishedAt ?? null };
  });
}

async function loadIssue(db: Executor, id: string): Promise<Issue> {
  const issue = await store.getIssue(db, id);
  if (!issue) throw notFound('公报期次');
  return (await withStatus(db, [issue]))[0];
}

/** The issue, if the 公报室 may still change it (not while it is in review or once released). */
async function editable(db: Executor, id: string): Promise<Issue> {
  const issue = await loadIssue(db, id);
  if (!isIssueEditable(issue.status)) {
    throw conflict('ISSUE_LOCKED', `本期公报${issue.status === 'published' ? '已发布' : '正在审核'}，不能修改`);
  }
  return issue;
}

/** `actor` 'system': the operator at the terminal (`gongkai gazette import --issue`), as the ledger names it. */
const ledger = (
  tx: Executor,
  actor: Actor | 'system',
  action: string,
  issueId: string,
  payload: Record<string, unknown>,
  at: Date,
) =>
  appendLedger(
    tx,
    {
      actor: actor === 'system' ? SYSTEM_ACTOR : { id: actor.id, name: actor.name },
      role: actor === 'system' ? 'system' : 'gazette',
      unitId: '',
      action: `gazette.${action}`,
      subject: `gazette:${issueId}`,
      payload,
    },
    at,
  );

const isUniqueViolation = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

export async function createIssue(deps: Deps, actor: Actor, input: IssueInput): Promise<Issue> {
  assertAllowed(canEditGazette(actor));
  const fields = issueFields(input);
  if (fields instanceof AppError) throw fields;
  const id = randomUUID();
  try {
    await deps.db.transaction().execute(async (tx) => {
      const now = deps.clock.now();
      await store.insertIssue(tx, { ...fields, id }, actor.id, now);
      await ledger(tx, actor, 'issue_create', id, { label: issueLabel(fields), sections: fields.sections }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('ISSUE_EXISTS', `${issueLabel(fields)}已存在（期号或总期号重复）`);
    throw err;
  }
  return loadIssue(deps.db, id);
}

export async function listIssues(deps: Deps, actor: Actor): Promise<IssueSummary[]> {
  assertAllowed(canViewGazetteDrafts(actor));
  return withStatus(
    deps.db,
    (await store.listIssues(deps.db)).map((i) => ({ ...i, label: issueLabel(i) })),
  );
}

export async function getIssue(deps: Deps, actor: Actor, id: string): Promise<Issue> {
  assertAllowed(canViewGazetteDrafts(actor));
  return loadIssue(deps.db, id);
}

/** Published items whose title contains `q`, to be placed in an issue. */
export async function findPublished(deps: Deps, actor: Actor, q: string): Promise<PublishedHit[]> {
  assertAllowed(canEditGazette(actor));
  if (!q.trim()) throw invalid('q', '请输入要查找的公文标题');
  return searchPublished(deps.db, q, 20);
}

/** Places a published item at the end of a section: its published text, parsed into GB/T 9704 elements. A 公文
 *  carrying a 密级 is refused (422), an item already in the issue is a conflict (409). */
export async function addEntry(
  deps: Deps,
  actor: Actor,
  issueId: string,
  input: { itemId: string; section: string },
): Promise<Issue> {
  assertAllowed(canEditGazette(actor));
  await deps.db.transaction().execute(async (tx) => {
    const issue = await editable(tx, issueId);
    if (!issue.sections.includes(input.section)) throw invalid('section', `本期没有栏目“${input.section}”`);
    if (issue.entries.some((e) => e.itemId === input.itemId)) throw conflict('ALREADY_IN_ISSUE', '该公文已在本期中');
    const published = await publishedDocument(tx, input.itemId);
    const { document } = importOfficialText(published.text);
    const entry: Entry = {
      id: randomUUID(),
      itemId: published.itemId,
      revision: published.revision,
      section: input.section,
      position: await store.nextPosition(tx, issueId, input.section),
      title: document.title || published.title,
      docNumber: document.docNumber,
      issuers: issuersOf(document),
      docDate: document.dateIso,
      document,
      source: 'published',
      sourceFile: null,
      importedBy: null,
    };
    const now = deps.clock.now();
    await placeNew(tx, issue, entry, now);
    const { id, itemId, revision, section, title, docNumber } = entry;
    await ledger(tx, actor, 'entry_add', issueId, { entryId: id, itemId, revision, section, title, docNumber }, now);
  });
  return loadIssue(deps.db, issueId);
}

/** A new entry written, indexed for search, its issue touched. */
async function placeNew(tx: Executor, issue: Issue, entry: Entry, now: Date): Promise<void> {
  await store.insertEntry(tx, issue.id, entry, now);
  await store.indexEntry(tx, {
    entry_id: entry.id,
    issue_id: issue.id,
    year: issue.year,
    issuers: entry.issuers.join('、'),
    doc_number: entry.docNumber ?? '',
    title: entry.title,
    content: documentText(entry.document),
  });
  await store.touchIssue(tx, issue.id, now);
}

/**
 * Places a 公文 read from a Word file at the end of a section: its GB/T 9704 elements as parsed (editable afterwards
 * like any entry). A document carrying a 密级 is refused (422), one whose 发文字号 is already in the issue is a
 * conflict (409). The entry keeps its source (the file's name, who read it in) and the ledger the file's SHA-256;
 * the text is reviewed with the whole issue when the issue goes through 三审三校.
 */
export async function addWordEntry(
  deps: Deps,
  actor: Actor | 'system',
  ref: string,
  input: { section?: string; file: { buffer: Buffer; fileName: string } },
): Promise<{ issue: Issue; entryId: string; formatFindings: Finding[] }> {
  if (actor !== 'system') assertAllowed(canEditGazette(actor));
  const read = await importOfficialDocx(input.file.buffer);
  const { document } = read;
  const issueId = await issueIdOf(deps.db, ref);
  const entryId = randomUUID();
  await deps.db.transaction().execute(async (tx) => {
    const issue = await editable(tx, issueId);
    const section = input.section ?? issue.sections[0];
    if (!issue.sections.includes(section)) throw invalid('section', `本期没有栏目“${section}”`);
    if (document.docNumber && issue.entries.some((e) => e.docNumber === document.docNumber)) {
      throw conflict('ALREADY_IN_ISSUE', `发文字号为“${document.docNumber}”的公文已在本期中`);
    }
    const entry: Entry = {
      id: entryId,
      itemId: null,
      revision: 0,
      section,
      position: await store.nextPosition(tx, issueId, section),
      title: document.title,
      docNumber: document.docNumber,
      issuers: issuersOf(document),
      docDate: document.dateIso,
      document,
      source: 'word',
      sourceFile: input.file.fileName,
      importedBy: actor === 'system' ? SYSTEM_ACTOR.id : actor.id,
    };
    const now = deps.clock.now();
    await placeNew(tx, issue, entry, now);
    await ledger(
      tx,
      actor,
      'entry_import',
      issueId,
      {
        entryId: entry.id,
        source: 'word',
        fileName: input.file.fileName,
        sha256: createHash('sha256').update(input.file.buffer).digest('hex'),
        section: entry.section,
        title: entry.title,
        docNumber: entry.docNumber,
      },
      now,
    );
  });
  return { issue: await loadIssue(deps.db, issueId), entryId, formatFindings: read.formatFindings };
}

/**
 * The 公报室 corrects an entry's GB/T 9704 elements (the parser's reading of the published text, or a wrong 标题):
 * the dates are read again from what was typed, a 密级 is refused as when placing it, and the search index follows.
 * Returns the issue and the 公文格式 findings of the corrected text.
 */
export async function editEntry(
  deps: Deps,
  actor: Actor,
  issueId: string,
  entryId: string,
  input: OfficialDocument,
): Promise<{ issue: Issue; formatFindings: Finding[] }> {
  assertAllowed(canEditGazette(actor));
  const trim = (x: string | null | undefined) => x?.trim() || null;
  const date = trim(input.date);
  const printDate = trim(input.printDate);
  const document: OfficialDocument = {
    ...input,
    title: input.title.trim(),
    docNumber: trim(input.docNumber),
    // 结构层次 follow the text as typed (一、（一）1.（1）), as when the document was read.
    body: input.body.map((b) => ({ level: headingLevel(b.text.trim()), text: b.text.trim() })).filter((b) => b.text),
    date,
    dateIso: date ? readDate(date) : null,
    printDate,
    printDateIso: printDate ? readDate(printDate) : null,
    indexNumber: trim(input.indexNumber),
  };
  if (!document.title) throw invalid('title', '标题不能为空');
  if (date && !document.dateIso) throw invalid('date', `成文日期“${date}”无法识别，应写作 2022年11月25日`);
  if (printDate && !document.printDateIso) {
    throw invalid('printDate', `印发日期“${printDate}”无法识别，应写作 2022年11月25日`);
  }
  const text = documentText(document);
  const refusal = gazetteRefusal(document, text);
  if (refusal) throw refusal;
  await deps.db.transaction().execute(async (tx) => {
    const issue = await editable(tx, issueId);
    const old = issue.entries.find((e) => e.id === entryId);
    if (!old) throw notFound('本期中的公文');
    const entry: Entry = {
      ...old,
      title: document.title,
      docNumber: document.docNumber,
      issuers: issuersOf(document),
      docDate: document.dateIso,
      document,
    };
    await store.updateEntryDocument(tx, entry);
    await store.unindexEntry(tx, entryId);
    await store.indexEntry(tx, {
      entry_id: entryId,
      issue_id: issueId,
      year: issue.year,
      issuers: entry.issuers.join('、'),
      doc_number: entry.docNumber ?? '',
      title: entry.title,
      content: text,
    });
    const now = deps.clock.now();
    await store.touchIssue(tx, issueId, now);
    await ledger(tx, actor, 'entry_edit', issueId, { entryId, title: entry.title, docNumber: entry.docNumber }, now);
  });
  return { issue: await loadIssue(deps.db, issueId), formatFindings: formatFindings(text) };
}

/** The whole order at once: every entry with its section, in print order. */
export async function orderEntries(
  deps: Deps,
  actor: Actor,
  issueId: string,
  order: { id: string; section: string }[],
): Promise<Issue> {
  assertAllowed(canEditGazette(actor));
  await deps.db.transaction().execute(async (tx) => {
    const issue = await editable(tx, issueId);
    const problem = checkOrder(issue, order);
    if (problem) throw problem;
    for (const [i, o] of order.entries()) await store.placeEntry(tx, o.id, o.section, i + 1);
    const now = deps.clock.now();
    await store.touchIssue(tx, issueId, now);
    await ledger(tx, actor, 'entry_order', issueId, { order: order.map((o) => [o.id, o.section]) }, now);
  });
  return loadIssue(deps.db, issueId);
}

export async function removeEntry(deps: Deps, actor: Actor, issueId: string, entryId: string): Promise<Issue> {
  assertAllowed(canEditGazette(actor));
  await deps.db.transaction().execute(async (tx) => {
    await editable(tx, issueId);
    if (!(await store.deleteEntry(tx, issueId, entryId))) throw notFound('本期中的公文');
    await store.unindexEntry(tx, entryId);
    const now = deps.clock.now();
    await store.touchIssue(tx, issueId, now);
    await ledger(tx, actor, 'entry_remove', issueId, { entryId }, now);
  });
  return loadIssue(deps.db, issueId);
}

/** An issue's id from its 总期号 or its id; 404 when there is none. */
async function issueIdOf(db: Executor, ref: string): Promise<string> {
  const id = /^\d+$/.test(ref) ? await store.findIssueByTotal(db, Number(ref)) : ref;
  if (!id || !(await store.getIssue(db, id))) throw notFound(`公报期次“${ref}”`);
  return id;
}

/** An issue as the typesetter takes it, its sections in order with their documents. `ref`: 总期号 or id. 'system':
 *  the operator at the terminal (`gongkai gazette build`), as the other administrative commands act. */
export async function issueForPrint(deps: Deps, actor: Actor | 'system', ref: string): Promise<TypesetIssue> {
  if (actor !== 'system') assertAllowed(canViewGazetteDrafts(actor));
  const issue = await store.getIssue(deps.db, await issueIdOf(deps.db, ref));
  if (!issue) throw notFound(`公报期次“${ref}”`);
  return forPrint(deps.db, issue);
}

/** An issue being compiled, typeset as it stands (the 公报室 and the 督查): its PDF, pages and 目录 page numbers. */
export async function typesetDraft(deps: Deps, actor: Actor, id: string, paper: PaperSize): Promise<Typeset> {
  assertAllowed(canViewGazetteDrafts(actor));
  const issue = await store.getIssue(deps.db, id);
  if (!issue) throw notFound('公报期次');
  return typesetIssue(await forPrint(deps.db, issue), paper);
}

/** The same issue as one HTML page. */
export async function draftHtml(deps: Deps, actor: Actor, id: string): Promise<{ label: string; html: string }> {
  assertAllowed(canViewGazetteDrafts(actor));
  const issue = await store.getIssue(deps.db, id);
  if (!issue) throw notFound('公报期次');
  return { label: issue.label, html: issueHtml(await forPrint(deps.db, issue)) };
}

async function forPrint(db: Executor, issue: StoredIssue): Promise<TypesetIssue> {
  const { masthead, supervisor, sponsor, publisher, address, postcode, phone } = await gazetteSettings(db);
  return {
    masthead,
    label: issue.label,
    year: issue.year,
    number: issue.number,
    publishDate: issue.publishDate,
    foreword: issue.forewordTitle ? { title: issue.forewordTitle, text: issue.foreword ?? '' } : null,
    sections: issue.sections.map((name) => ({
      name,
      documents: issue.entries.filter((e) => e.section === name).map((e) => e.document),
    })),
    colophon: { supervisor, sponsor, publisher, address, postcode, phone },
  };
}

export interface SubmitInput {
  /** The 科室 of the 公报室's unit whose head does 二审; default its first. */
  sectionId?: string;
  /** Where the released issue goes; default the unit's first website and its first column. */
  channels?: { channelId: string; columnId?: string | null }[];
}

async function defaultPlacement(deps: Deps, unitId: string, input: SubmitInput) {
  const sectionId = input.sectionId ?? (await listSections(deps.db, unitId))[0]?.id;
  if (!sectionId) throw invalid('sectionId', '本单位没有科室，无法报送三审三校');
  if (input.channels) return { sectionId, channels: input.channels };
  const site = (await listChannels(deps.db, unitId)).find((c) => c.kind === 'website');
  if (!site) throw invalid('channels', '本单位没有政府网站渠道，请选择发布渠道');
  const column = (await listColumns(deps.db, site.id))[0];
  return { sectionId, channels: [{ channelId: site.id, columnId: column?.id ?? null }] };
}

/**
 * The 公报室 sends the issue into 三审三校 (一审, 二审, 保密审查, 三审) as an item of type 'gazette' whose text is
 * the whole issue; after a return, the changed issue is a new revision of the same item. Once its item is published
 * the issue is on the online edition (/gongbao); until then, and while in review, it cannot be changed.
 */
export async function submitIssue(deps: Deps, actor: Actor, issueId: string, input: SubmitInput): Promise<Issue> {
  assertAllowed(canEditGazette(actor));
  const issue = await editable(deps.db, issueId);
  if (issue.entries.length === 0) throw invalid('entries', '本期还没有编入公文，不能报审');
  const text = issueText(await forPrint(deps.db, issue));
  const title = `政府公报 ${issue.label}`;
  const unitId = actor.roles.find((r) => r.role === 'gazette')?.unitId ?? actor.unitId;
  let item: ItemDetail;
  if (!issue.itemId) {
    item = await draftGazetteIssue(
      deps,
      actor,
      { title, unitId, ...(await defaultPlacement(deps, unitId, input)) },
      text,
    );
    await deps.db.transaction().execute(async (tx) => {
      await store.setIssueItem(tx, issueId, item.id);
      await ledger(tx, actor, 'issue_submit', issueId, { itemId: item.id, label: issue.label }, deps.clock.now());
    });
  } else {
    const current = (await itemsByIds(deps.db, [issue.itemId]))[0];
    item = await editItem(deps, actor, {
      itemId: issue.itemId,
      revision: current.revision,
      title,
      sectionId: current.sectionId,
      channels: input.channels ?? (await defaultPlacement(deps, unitId, input)).channels,
      itemType: 'gazette',
      major: false,
      body: { format: 'text', content: text },
    });
    await deps.db.transaction().execute(async (tx) => {
      await ledger(tx, actor, 'issue_submit', issueId, { itemId: item.id, label: issue.label }, deps.clock.now());
    });
  }
  await submitItem(deps, actor, { itemId: item.id, revision: item.revision });
  return loadIssue(deps.db, issueId);
}

// ---- The online edition (/gongbao): released issues only, no login. ----

export type ReleasedIssue = Issue & { status: 'published'; publishedAt: string };

async function released(db: Executor): Promise<Map<string, string>> {
  const submitted = await store.submittedIssues(db);
  const items = await itemsByIds(
    db,
    submitted.map((s) => s.itemId),
  );
  const published = new Map(items.filter((i) => i.stage === 'published').map((i) => [i.id, i.publishedAt ?? '']));
  return new Map(submitted.flatMap((s) => (published.has(s.itemId) ? [[s.id, published.get(s.itemId)!]] : [])));
}

/** Released issues, newest first. */
export async function releasedIssues(deps: Deps): Promise<IssueSummary[]> {
  const ids = await released(deps.db);
  const all = await store.listIssues(deps.db);
  return all
    .filter((i) => ids.has(i.id))
    .map((i) => ({ ...i, label: issueLabel(i), status: 'published' as const, publishedAt: ids.get(i.id)! }));
}

/** One released issue by its 总期号; 404 for any other (being compiled, in review, unknown). */
export async function releasedIssue(deps: Deps, totalNumber: number): Promise<ReleasedIssue> {
  const id = await store.findIssueByTotal(deps.db, totalNumber);
  const issue = id ? await loadIssue(deps.db, id) : null;
  if (issue?.status !== 'published') throw notFound(`第${totalNumber}期公报`);
  return issue as ReleasedIssue;
}

export const releasedIssueForPrint = async (deps: Deps, totalNumber: number) =>
  forPrint(deps.db, await releasedIssue(deps, totalNumber));

export interface SearchQuery {
  q?: string;
  year?: number;
  issuer?: string;
  docNumber?: string;
}

export interface SearchHit {
  totalNumber: number;
  label: string;
  /** 1-based place of the document in its issue (its page is /gongbao/{totalNumber}/{n}). */
  n: number;
  title: string;
  docNumber: string | null;
  issuers: string;
  year: number;
}

const WILDCARDS = /[%_\\]/g;

/** Full-text search of the released issues: any substring of two or more characters, filtered by year, 发文机关 and
 *  发文字号. */
export async function searchGazette(deps: Deps, query: SearchQuery, limit = 50): Promise<SearchHit[]> {
  const text = (query.q ?? '').replace(WILDCARDS, '').trim();
  const issuer = (query.issuer ?? '').replace(WILDCARDS, '').trim() || null;
  const docNumber = (query.docNumber ?? '').replace(WILDCARDS, '').trim() || null;
  if (text && [...text].length < 2) throw invalid('q', '检索词至少两个字');
  if (!text && !issuer && !docNumber && !query.year) throw invalid('q', '请输入检索词或选择筛选条件');
  const issues = await releasedIssues(deps);
  const byId = new Map(issues.map((i) => [i.id, i]));
  const rows = await store.search(
    deps.db,
    deps.engine,
    { issueIds: [...byId.keys()], text: text || null, year: query.year ?? null, issuer, docNumber },
    limit,
  );
  const places = new Map<string, Map<string, number>>();
  const placeOf = async (issueId: string, entryId: string) => {
    if (!places.has(issueId)) {
      const issue = (await store.getIssue(deps.db, issueId))!;
      places.set(issueId, new Map(issue.entries.map((e, i) => [e.id, i + 1])));
    }
    return places.get(issueId)!.get(entryId) ?? 0;
  };
  const hits: SearchHit[] = [];
  for (const r of rows) {
    const issue = byId.get(r.issue_id)!;
    hits.push({
      totalNumber: issue.totalNumber,
      label: issue.label,
      n: await placeOf(r.issue_id, r.entry_id),
      title: r.title,
      docNumber: r.doc_number || null,
      issuers: r.issuers,
      year: r.year,
    });
  }
  return hits;
}
