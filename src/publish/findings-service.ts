// Use cases of 智能校对 on revisions (65号 三审三校制度 第五条(四)): check a revision once and keep its findings, refuse to
// submit or approve while a serious or error finding is open, show a revision's findings, dismiss one with a reason.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../app/deps.ts';
import type { Checker } from '../checks/index.ts';
import { getChecker } from '../org/dictionaries.ts';
import type { Actor } from '../org/model.ts';
import { canDismissFindings, type ItemView, ROLE_AT } from '../org/policy/publish.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, notFound } from '../platform/errors.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import {
  dismissProblem, dismissReason, type FindingCounts, keptFindings, openCounts, proofreadingProblem, type RevisionFinding,
} from './findings-model.ts';
import * as findingStore from './findings-store.ts';
import { isEditable, type Item, levelOf } from './model.ts';
import { loadViewable, peopleNamed, type Person, reviewViewOf } from './queries.ts';
import * as store from './store.ts';

/**
 * Runs the checks on a revision once and keeps what they find; `text`: the revision's body text when the caller has it.
 * A revision written before findings were kept (migration 007) is checked the first time it is needed.
 */
export async function checkRevision(tx: Executor, checker: Checker, item: Pick<Item, 'id' | 'revision'>, at: string, text?: string): Promise<FindingCounts> {
  if (!(await store.markChecked(tx, item.id, item.revision, at))) return openCounts(await findingStore.listFindings(tx, item.id, item.revision));
  const body = text ?? (await store.getRevision(tx, item.id, item.revision))?.bodyText ?? '';
  const found = keptFindings(checker.run(body).findings);
  await findingStore.insertFindings(tx, found.map((f) => ({ ...f, id: randomUUID(), itemId: item.id, revision: item.revision, createdAt: at })));
  return openCounts(found);
}

/** 第五条(四): 422 naming the count and the first finding while a serious or error finding of the revision is open. */
export async function assertProofread(tx: Executor, checker: Checker, item: Pick<Item, 'id' | 'revision'>, at: string): Promise<void> {
  await checkRevision(tx, checker, item, at);
  const problem = proofreadingProblem(await findingStore.listFindings(tx, item.id, item.revision));
  if (problem) throw problem;
}

export interface FindingView extends Omit<RevisionFinding, 'itemId' | 'revision' | 'resolvedBy' | 'createdAt'> {
  resolvedBy: Person | null;
}

export interface Findings {
  itemId: string;
  revision: number;
  current: boolean; // the item's current revision (only its findings can be dismissed)
  canDismiss: boolean; // the actor may dismiss this revision's open findings now
  findings: FindingView[];
}

/** A revision's findings (the current one unless `revision` names another), for whoever may view the item. */
export async function getFindings(deps: Deps, actor: Actor, itemId: string, revision?: number): Promise<Findings> {
  const checker = await getChecker(deps);
  const at = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (tx) => {
    const item = await loadViewable(tx, actor, itemId);
    const number = revision ?? item.revision;
    if (number > item.revision) throw notFound(`第 ${number} 版`);
    await checkRevision(tx, checker, { id: item.id, revision: number }, at);
    return findingsOf(tx, actor, item, number);
  });
}

/** Dismissing a finding with a reason (忽略): the author while drafting, or the reviewer at the waiting level. */
export async function dismissFinding(deps: Deps, actor: Actor, input: { itemId: string; findingId: string; reason: unknown }): Promise<Findings> {
  const reason = dismissReason(input.reason);
  if (reason instanceof AppError) throw reason;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const item = await loadViewable(tx, actor, input.itemId);
    const finding = await findingStore.getFinding(tx, input.findingId);
    if (!finding || finding.itemId !== item.id) throw notFound('校对发现');
    const wrong = dismissProblem(finding, item.revision);
    if (wrong) throw wrong;
    const view = await reviewViewOf(tx, item);
    assertAllowed(canDismissFindings(actor, view));
    if (!(await findingStore.dismissFinding(tx, finding.id, actor.id, reason, now.toISOString()))) {
      throw conflict('ALREADY_RESOLVED', '该校对发现已被他人忽略，请刷新后查看');
    }
    const level = levelOf(item.stage);
    const role = isEditable(item.stage) || level === null ? 'staff' : ROLE_AT[level];
    // Not the finding's text: it may be personal data.
    await appendLedger(tx, { actor: { id: actor.id, name: actor.name }, role, unitId: item.unitId, action: 'publish.finding_dismiss',
      subject: `item:${item.id}`, payload: { itemId: item.id, revision: item.revision, findingId: finding.id, rule: finding.rule,
        category: finding.category, severity: finding.severity, line: finding.line, reason } }, now);
    return findingsOf(tx, actor, item, item.revision, view);
  });
}

async function findingsOf(db: Executor, actor: Actor, item: Item, revision: number, view?: ItemView): Promise<Findings> {
  const findings = await findingStore.listFindings(db, item.id, revision);
  const person = await peopleNamed(db, findings.flatMap((f) => (f.resolvedBy ? [f.resolvedBy] : [])));
  const current = revision === item.revision;
  const canDismiss = current && canDismissFindings(actor, view ?? await reviewViewOf(db, item)).allowed;
  return {
    itemId: item.id, revision, current, canDismiss,
    findings: findings.map(({ itemId: _, revision: __, createdAt: ___, resolvedBy, ...f }) => ({ ...f,
      resolvedBy: resolvedBy ? person(resolvedBy) : null })),
  };
}
