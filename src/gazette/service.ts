// 政府公报 use cases: the 公报室 creates an issue, finds published 公文 and places them in its sections, orders
// them; each write is one transaction with its ledger entry. Reading a .docx into GB/T 9704 elements is import.ts.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../org/model.ts';
import { canEditGazette, canViewGazetteDrafts } from '../org/policy/gazette.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import type { Deps } from '../platform/deps.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, invalid, notFound } from '../platform/errors.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import { type PublishedHit, publishedDocument, searchPublished } from '../publish/service.ts';
import { QIJIANG_COLOPHON, QIJIANG_MASTHEAD } from './demo.ts';
import { importOfficialText } from './import.ts';
import {
  checkOrder,
  type Entry,
  type Issue,
  type IssueFields,
  type IssueInput,
  issueFields,
  issueLabel,
  issuersOf,
} from './model.ts';
import * as store from './store.ts';
import type { TypesetIssue } from './typeset.ts';

export { importOfficialDocx, importOfficialText } from './import.ts';
export type { Entry, ImportedDocument, Issue, IssueInput, OfficialDocument } from './model.ts';
export { DEFAULT_SECTIONS, issueLabel } from './model.ts';
export { demoIssue } from './demo.ts';
export { issueHtml } from './html.ts';
export { type PaperSize, type Typeset, type TypesetIssue, typesetIssue } from './typeset.ts';

export type IssueSummary = IssueFields & { id: string; label: string; entries: number };

const ledger = (
  tx: Executor,
  actor: Actor,
  action: string,
  issueId: string,
  payload: Record<string, unknown>,
  at: Date,
) =>
  appendLedger(
    tx,
    {
      actor: { id: actor.id, name: actor.name },
      role: 'gazette',
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
  return (await store.getIssue(deps.db, id))!;
}

export async function listIssues(deps: Deps, actor: Actor): Promise<IssueSummary[]> {
  assertAllowed(canViewGazetteDrafts(actor));
  return (await store.listIssues(deps.db)).map((i) => ({ ...i, label: issueLabel(i) }));
}

export async function getIssue(deps: Deps, actor: Actor, id: string): Promise<Issue> {
  assertAllowed(canViewGazetteDrafts(actor));
  const issue = await store.getIssue(deps.db, id);
  if (!issue) throw notFound('公报期次');
  return issue;
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
    const issue = await store.getIssue(tx, issueId);
    if (!issue) throw notFound('公报期次');
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
    };
    const now = deps.clock.now();
    await store.insertEntry(tx, issueId, entry, now);
    await store.touchIssue(tx, issueId, now);
    const { id, itemId, revision, section, title, docNumber } = entry;
    await ledger(tx, actor, 'entry_add', issueId, { entryId: id, itemId, revision, section, title, docNumber }, now);
  });
  return (await store.getIssue(deps.db, issueId))!;
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
    const issue = await store.getIssue(tx, issueId);
    if (!issue) throw notFound('公报期次');
    const problem = checkOrder(issue, order);
    if (problem) throw problem;
    for (const [i, o] of order.entries()) await store.placeEntry(tx, o.id, o.section, i + 1);
    const now = deps.clock.now();
    await store.touchIssue(tx, issueId, now);
    await ledger(tx, actor, 'entry_order', issueId, { order: order.map((o) => [o.id, o.section]) }, now);
  });
  return (await store.getIssue(deps.db, issueId))!;
}

export async function removeEntry(deps: Deps, actor: Actor, issueId: string, entryId: string): Promise<Issue> {
  assertAllowed(canEditGazette(actor));
  await deps.db.transaction().execute(async (tx) => {
    if (!(await store.deleteEntry(tx, issueId, entryId))) throw notFound('本期中的公文');
    const now = deps.clock.now();
    await store.touchIssue(tx, issueId, now);
    await ledger(tx, actor, 'entry_remove', issueId, { entryId }, now);
  });
  return (await store.getIssue(deps.db, issueId))!;
}

/** An issue as the typesetter takes it, its sections in order with their documents. `ref`: 总期号 or id. 'system':
 *  the operator at the terminal (`gongkai gazette build`), as the other administrative commands act. */
export async function issueForPrint(deps: Deps, actor: Actor | 'system', ref: string): Promise<TypesetIssue> {
  if (actor !== 'system') assertAllowed(canViewGazetteDrafts(actor));
  const id = /^\d+$/.test(ref) ? await store.findIssueByTotal(deps.db, Number(ref)) : ref;
  const issue = id ? await store.getIssue(deps.db, id) : null;
  if (!issue) throw notFound(`公报期次“${ref}”`);
  return {
    masthead: QIJIANG_MASTHEAD,
    label: issue.label,
    year: issue.year,
    number: issue.number,
    publishDate: issue.publishDate,
    foreword: issue.forewordTitle ? { title: issue.forewordTitle, text: issue.foreword ?? '' } : null,
    sections: issue.sections.map((name) => ({
      name,
      documents: issue.entries.filter((e) => e.section === name).map((e) => e.document),
    })),
    colophon: QIJIANG_COLOPHON,
  };
}
