// 重大行政决策 use cases: import a year's 目录, carry each item through its statutory procedure, the 合法性审查
// opinion, and the gate 提请常务会议审议 — one transaction each, with its ledger entry. A refused submission is
// recorded too (issue 17: "the refusal and the later submission are in the ledger").
import { randomUUID } from 'node:crypto';
import type { Actor } from '../org/model.ts';
import { canEditCatalog, canReadDecisions, canReviewLegality, canRunProcedure } from '../org/policy/decisions.ts';
import { assertAllowed, isAllowed } from '../org/policy/verdict.ts';
import { listUnits } from '../org/service.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { toShanghaiDate } from '../platform/calendar/model.ts';
import type { Deps } from '../platform/deps.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, invalid, notFound, unprocessable } from '../platform/errors.ts';
import { publishedDocument } from '../publish/service.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import { parseCatalogText } from './catalog.ts';
import { type Action, apply, currentStep, gateMissing, newProcedure, type Procedure, type StepKey } from './model.ts';
import * as store from './store.ts';

export type { CatalogEntry } from './catalog.ts';
export type { Action, LegalityOpinion, Procedure, StepKey } from './model.ts';

export const ledger = (
  tx: Executor,
  actor: Pick<Actor, 'id' | 'name' | 'unitId'>,
  action: string,
  subject: string,
  payload: Record<string, unknown>,
  at: Date,
) =>
  appendLedger(
    tx,
    {
      actor: { id: actor.id, name: actor.name },
      role: '',
      unitId: actor.unitId,
      action: `decisions.${action}`,
      subject,
      payload,
    },
    at,
  );

const isUniqueViolation = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

export interface CatalogImport {
  unitId: string;
  year: number;
  title?: string;
  text: string;
}

/** Imports a year's 目录 from the table pasted from its 印发 notice; 承办单位 are matched to units by name. */
export async function importCatalog(deps: Deps, actor: Actor, input: CatalogImport): Promise<store.CatalogRow> {
  assertAllowed(canEditCatalog(actor, input.unitId));
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw invalid('year', '年度不正确');
  const entries = parseCatalogText(input.text, input.year);
  if (entries instanceof AppError) throw entries;
  const units = new Map((await listUnits(deps.db)).map((u) => [u.name, u.id]));
  if (![...units.values()].includes(input.unitId)) throw notFound('单位');
  const catalog = {
    id: randomUUID(),
    unitId: input.unitId,
    year: input.year,
    title: input.title?.trim() || `${input.year}年度重大行政决策事项目录`,
    version: 1,
  };
  try {
    await deps.db.transaction().execute(async (tx) => {
      const now = deps.clock.now();
      await store.insertCatalog(tx, catalog, actor.id, now);
      await store.insertVersion(tx, { catalogId: catalog.id, version: 1, entries, reason: '导入' }, actor.id, now);
      for (const e of entries) {
        const leadUnitId = units.get(e.leadUnit) ?? null;
        const base = { ...e, id: randomUUID(), catalogId: catalog.id, leadUnitId, revision: 1 };
        await store.insertItem(tx, { ...base, procedure: newProcedure(), updatedAt: now.toISOString() });
      }
      await ledger(
        tx,
        actor,
        'catalog_import',
        `decision-catalog:${catalog.id}`,
        { ...catalog, items: entries.length },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict('CATALOG_EXISTS', `该单位${input.year}年度的目录已存在，请通过调整程序修改`);
    throw err;
  }
  return catalog;
}

export interface ItemView extends Omit<store.ItemRow, 'procedure'> {
  procedure: Procedure;
  currentStep: StepKey | null;
  gateMissing: string[];
  abilities: { runProcedure: boolean; reviewLegality: boolean };
}

const viewOf = (actor: Actor, item: store.ItemRow): ItemView => ({
  ...item,
  currentStep: currentStep(item.procedure),
  gateMissing: gateMissing(item.procedure),
  abilities: {
    runProcedure: isAllowed(canRunProcedure(actor, item)),
    reviewLegality: isAllowed(canReviewLegality(actor)),
  },
});

export async function listCatalogs(deps: Deps, actor: Actor): Promise<store.CatalogRow[]> {
  assertAllowed(canReadDecisions(actor));
  return store.listCatalogs(deps.db);
}

export async function getCatalog(deps: Deps, actor: Actor, id: string) {
  assertAllowed(canReadDecisions(actor));
  const catalog = await store.getCatalog(deps.db, id);
  if (!catalog) throw notFound('重大行政决策事项目录');
  const items = (await store.listItems(deps.db, id)).filter((i) => !i.withdrawnAt); // the current version
  return { ...catalog, items: items.map((i) => viewOf(actor, i)) };
}

export async function getDecision(deps: Deps, actor: Actor, id: string): Promise<ItemView> {
  assertAllowed(canReadDecisions(actor));
  const item = await store.getItem(deps.db, id);
  if (!item) throw notFound('决策事项');
  return viewOf(actor, item);
}

/** The ledger action of each step of the procedure (Chinese names in src/oversight/labels.ts). */
const LEDGER_ACTION: Record<Action['kind'], string> = {
  complete: 'step_complete',
  notApplicable: 'step_not_applicable',
  openConsultation: 'consultation_open',
  comment: 'comment',
  answer: 'comment_answer',
  publishReport: 'consultation_report',
  requestLegality: 'legality_request',
  opinion: 'legality_opinion',
  submit: 'submit',
};

/** 预公开: the draft and its explanation went out through 三审三校 + 保密审查, by the 承办单位 or the 目录's unit. */
async function assertPublishedDraft(tx: Executor, item: store.ItemRow, draftItemId: string | null | undefined) {
  if (!draftItemId) throw invalid('draftItemId', '请选择经三审三校和保密审查后发布的征求意见稿（含起草说明）');
  const doc = await publishedDocument(tx, draftItemId).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) return null;
    throw err;
  });
  if (!doc) throw unprocessable('DRAFT_NOT_PUBLISHED', '征求意见稿尚未经三审三校和保密审查发布');
  if (doc.unitId !== item.leadUnitId && doc.unitId !== item.catalogUnitId)
    throw unprocessable('DRAFT_OTHER_UNIT', '征求意见稿须由承办单位发布');
}

export interface Acted {
  item: ItemView;
  warnings: string[];
}

/** One step of the procedure by the 承办单位 (or, for the opinion, the 合法性审查机构). Dates default to today and
 *  may not lie in the future. A refused 提请审议 is written to the ledger, then refused (422 with what is missing). */
export async function act(deps: Deps, actor: Actor, id: string, action: Action, revision?: number): Promise<Acted> {
  const today = toShanghaiDate(deps.clock.now());
  if ('on' in action && action.on > today) throw invalid('on', '日期不能晚于今天');
  let refusal: AppError | null = null;
  const result = await deps.db.transaction().execute(async (tx) => {
    const item = await store.getItem(tx, id);
    if (!item) throw notFound('决策事项');
    assertAllowed(action.kind === 'opinion' ? canReviewLegality(actor) : canRunProcedure(actor, item));
    if (revision !== undefined && revision !== item.revision)
      throw conflict('STALE_REVISION', '该事项已被他人更新，请刷新后重试');
    if (action.kind === 'openConsultation') await assertPublishedDraft(tx, item, action.draftItemId);
    const applied = apply(item.procedure, action, await loadCalendar(tx));
    const now = deps.clock.now();
    const subject = `decision:${item.id}`;
    if (applied instanceof AppError) {
      if (action.kind !== 'submit' || applied.code !== 'GATE_CLOSED') throw applied;
      await ledger(
        tx,
        actor,
        'gate_refused',
        subject,
        { title: item.title, missing: gateMissing(item.procedure) },
        now,
      );
      refusal = applied;
      return null;
    }
    if (!(await store.saveProcedure(tx, item, applied.next, now)))
      throw conflict('RACE', '该事项已被他人更新，请刷新后重试');
    const payload = {
      title: item.title,
      ...action,
      ...(applied.warnings.length ? { warnings: applied.warnings } : {}),
    };
    await ledger(tx, actor, LEDGER_ACTION[action.kind], subject, payload, now);
    return applied.warnings;
  });
  if (refusal) throw refusal;
  return { item: await getDecision(deps, actor, id), warnings: result ?? [] };
}
