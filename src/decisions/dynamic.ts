// 目录的动态管理 (63号 四): add, change (e.g. the planned month) or withdraw an item by a proposal with its reasons,
// approved by the unit keeping the 目录 (区政府办公室; a withdrawal by its 主要领导). Each approval makes a new version
// of the 目录 (every version is kept); versions can be compared. One transaction each, with its ledger entry.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../org/model.ts';
import { canDecideCatalogChange, canProposeCatalogChange, canReadDecisions } from '../org/policy/decisions.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { listUnits } from '../org/service.ts';
import type { Deps } from '../platform/deps.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, invalid, notFound } from '../platform/errors.ts';
import { type CatalogDiff, type CatalogEntry, checkEntries, diffEntries, parseMonth } from './catalog.ts';
import { newProcedure } from './model.ts';
import { ledger } from './service.ts';
import * as store from './store.ts';

export type ProposalInput =
  | { kind: 'add'; entry: CatalogEntry; reason: string }
  | { kind: 'change'; itemId: string; entry: CatalogEntry; reason: string }
  | { kind: 'withdraw'; itemId: string; reason: string };

const KIND_NAME = { add: '增加', change: '调整', withdraw: '撤销' } as const;

function cleanEntry(e: CatalogEntry, year: number): CatalogEntry {
  const plannedMonth = parseMonth(e.plannedMonth);
  if (!plannedMonth || Number(plannedMonth.slice(0, 4)) !== year)
    throw invalid('entry.plannedMonth', `计划决策时间应为${year}年内的月份，如“${year}年6月”`);
  const entry = { ...e, category: e.category.trim(), title: e.title.trim(), leadUnit: e.leadUnit.trim(), plannedMonth };
  if (!entry.category || !entry.title || !entry.leadUnit) throw invalid('entry', '请填写类别、决策事项和承办单位');
  return { ...entry, note: e.note.trim() };
}

const current = async (db: Executor, catalogId: string) =>
  (await store.listItems(db, catalogId)).filter((i) => !i.withdrawnAt);

export async function propose(deps: Deps, actor: Actor, catalogId: string, input: ProposalInput) {
  const reason = input.reason.trim();
  if (!reason) throw invalid('reason', '请说明调整的理由和依据');
  const catalog = await store.getCatalog(deps.db, catalogId);
  if (!catalog) throw notFound('重大行政决策事项目录');
  const units = new Map((await listUnits(deps.db)).map((u) => [u.name, u.id]));
  const items = await current(deps.db, catalogId);
  const item = input.kind === 'add' ? null : items.find((i) => i.id === input.itemId);
  if (input.kind !== 'add' && !item) throw notFound('目录中的决策事项');
  const entry = input.kind === 'withdraw' ? null : cleanEntry(input.entry, catalog.year);
  if (input.kind === 'add' && items.some((i) => i.seq === entry!.seq))
    throw invalid('entry.seq', `序号${entry!.seq}已存在`);
  if (input.kind === 'change' && entry!.seq !== item!.seq) throw invalid('entry.seq', '调整不改变序号');
  const leadUnitId = item?.leadUnitId ?? (entry ? (units.get(entry.leadUnit) ?? null) : null);
  assertAllowed(canProposeCatalogChange(actor, { catalogUnitId: catalog.unitId, leadUnitId }));
  const now = deps.clock.now();
  const proposal: store.ProposalRow = {
    id: randomUUID(),
    catalogId,
    kind: input.kind,
    itemId: item?.id ?? null,
    entry,
    reason,
    status: 'pending',
    proposedBy: actor.id,
    proposedAt: now.toISOString(),
    decidedBy: null,
    decidedAt: null,
    version: null,
  };
  await deps.db.transaction().execute(async (tx) => {
    await store.insertProposal(tx, proposal);
    const payload = { kind: input.kind, title: entry?.title ?? item?.title, reason };
    await ledger(tx, actor, 'catalog_propose', `decision-catalog:${catalogId}`, payload, now);
  });
  return proposal;
}

/** Approves (applying it and making a new version) or rejects a pending proposal. */
export async function decide(deps: Deps, actor: Actor, proposalId: string, approve: boolean) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const p = await store.getProposal(tx, proposalId);
    if (!p) throw notFound('目录调整申请');
    const catalog = (await store.getCatalog(tx, p.catalogId))!;
    assertAllowed(canDecideCatalogChange(actor, catalog.unitId, p.kind));
    if (p.status !== 'pending') throw conflict('DECIDED', '该申请已处理');
    let version: number | null = null;
    if (approve) {
      const units = new Map((await listUnits(tx)).map((u) => [u.name, u.id]));
      const items = await current(tx, p.catalogId);
      if (p.kind === 'add') {
        const e = p.entry!;
        if (items.some((i) => i.seq === e.seq)) throw conflict('SEQ_TAKEN', `序号${e.seq}已被占用`);
        await store.insertItem(tx, {
          ...e,
          id: randomUUID(),
          catalogId: p.catalogId,
          leadUnitId: units.get(e.leadUnit) ?? null,
          revision: 1,
          procedure: newProcedure(),
          updatedAt: now.toISOString(),
        });
      } else {
        const item = items.find((i) => i.id === p.itemId);
        if (!item) throw conflict('ITEM_GONE', '该事项已不在目录中');
        if (p.kind === 'change') await store.updateEntry(tx, item.id, p.entry!, units.get(p.entry!.leadUnit) ?? null);
        else await store.withdrawItem(tx, item.id, now.toISOString());
      }
      const entries = (await current(tx, p.catalogId)).map(
        ({ seq, category, title, leadUnit, plannedMonth, note }) => ({
          seq,
          category,
          title,
          leadUnit,
          plannedMonth,
          note,
        }),
      );
      const checked = checkEntries(entries);
      if (checked instanceof AppError) throw checked;
      version = catalog.version + 1;
      const reason = `${KIND_NAME[p.kind]}：${p.reason}`;
      await store.insertVersion(tx, { catalogId: p.catalogId, version, entries, reason }, actor.id, now);
      await store.setCatalogVersion(tx, p.catalogId, version);
    }
    const status = approve ? 'approved' : 'rejected';
    if (!(await store.decideProposal(tx, p.id, { status, by: actor.id, at: now.toISOString(), version })))
      throw conflict('DECIDED', '该申请已处理');
    const payload = { proposalId: p.id, kind: p.kind, approved: approve, version };
    await ledger(tx, actor, 'catalog_decide', `decision-catalog:${p.catalogId}`, payload, now);
    return { ...p, status, decidedBy: actor.id, decidedAt: now.toISOString(), version } as store.ProposalRow;
  });
}

export async function listProposals(deps: Deps, actor: Actor, catalogId: string) {
  assertAllowed(canReadDecisions(actor));
  return store.listProposals(deps.db, catalogId);
}

export async function listVersions(deps: Deps, actor: Actor | null, catalogId: string) {
  if (actor) assertAllowed(canReadDecisions(actor));
  const versions = await store.listVersions(deps.db, catalogId);
  if (versions.length === 0) throw notFound('重大行政决策事项目录');
  return versions;
}

export async function diffVersions(deps: Deps, actor: Actor, catalogId: string, from: number, to: number) {
  const versions = await listVersions(deps, actor, catalogId);
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  if (!a || !b) throw notFound('目录版本');
  return diffEntries(a.entries, b.entries) satisfies CatalogDiff;
}

/** The public 目录 page: every 目录 as its current version stands (withdrawn items are gone from it). */
export async function publicCatalogs(deps: Deps) {
  const catalogs = await store.listCatalogs(deps.db);
  return Promise.all(
    catalogs.map(async (c) => {
      const versions = await store.listVersions(deps.db, c.id);
      return { ...c, entries: versions.find((v) => v.version === c.version)?.entries ?? [] };
    }),
  );
}
