// Use cases of 智能校对 on revisions (65号 三审三校制度 第五条(四), DOMAIN.md §2.5): check a revision once and keep its
// findings; refuse to submit or pass a level while a serious or error finding is unresolved; show a revision's
// findings; dismiss one with a reason (below 二审: propose it), and accept or refuse a proposal at 二审 or above. One
// table and one dismiss route for every finding: a 密级标志 / 个人信息 one (kind 'secrecy') is the 保密工作机构's, at
// its step.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Checker } from '../checks/index.ts';
import { getChecker } from '../dictionaries/service.ts';
import type { Actor } from '../org/model.ts';
import {
  canDecideDismissal,
  FINDING_DISMISSER,
  type FindingDismisser,
  findingStanding,
  type ItemView,
  ROLE_AT,
} from '../org/policy/publish.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, notFound } from '../platform/errors.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import {
  actOnFinding,
  decidesDismissals,
  dismissReason,
  type FindingAction,
  type FindingCounts,
  type Gate,
  keptFindings,
  openCounts,
  proofreadingProblem,
  type RevisionFinding,
  type Standing,
} from './findings-model.ts';
import * as findingStore from './findings-store.ts';
import type { Item } from './model.ts';
import { loadViewable, peopleNamed, type Person, reviewViewOf } from './queries.ts';
import { chainReader } from './step-api.ts';
import { coIssuersOf } from '../secrecy/chain.ts';
import { dismissesSecrecyFindings, dismissSecrecyFinding } from '../secrecy/service.ts';
import * as store from './store.ts';

/**
 * Runs the checks on a revision once and keeps what they find; `text`: the revision's body text when the caller has it.
 * A revision written before findings were kept (migration 007) is checked the first time it is needed.
 */
export async function checkRevision(
  tx: Executor,
  checker: Checker,
  item: Pick<Item, 'id' | 'revision'>,
  at: string,
  text?: string,
): Promise<FindingCounts> {
  if (!(await store.markChecked(tx, item.id, item.revision, at)))
    return openCounts(await findingStore.listFindings(tx, item.id, item.revision));
  const body = text ?? (await store.getRevision(tx, item.id, item.revision))?.bodyText ?? '';
  const found = keptFindings(checker.run(body).findings);
  await findingStore.insertFindings(
    tx,
    found.map((f) => ({ ...f, id: randomUUID(), itemId: item.id, revision: item.revision, createdAt: at })),
  );
  return openCounts(found);
}

/** 第五条(四): 422 naming how many remain and the first while a serious or error finding of the revision blocks `gate`. */
export async function assertProofread(
  tx: Executor,
  checker: Checker,
  item: Pick<Item, 'id' | 'revision'>,
  at: string,
  gate: Gate,
): Promise<void> {
  await checkRevision(tx, checker, item, at);
  const problem = proofreadingProblem(await findingStore.listFindings(tx, item.id, item.revision), gate);
  if (problem) throw problem;
}

type Named<F> = Omit<F, 'itemId' | 'revision' | 'resolvedBy' | 'proposedBy' | 'rejectedBy' | 'createdAt'>;
export interface FindingView extends Named<RevisionFinding> {
  resolvedBy: Person | null;
  proposedBy: Person | null;
  rejectedBy: Person | null;
  canDecide: boolean; // a pending proposal this actor may accept or refuse (同意忽略 / 不同意)
  dismisser: FindingDismisser; // who may dismiss it (org/policy/publish.ts FINDING_DISMISSER)
  canDismiss: boolean; // this actor may dismiss it (or propose to) now
}

export interface Findings {
  itemId: string;
  revision: number;
  current: boolean; // the item's current revision (only its findings can be acted on)
  canDismiss: boolean; // the actor may dismiss (or propose to dismiss) this revision's open 智能校对 findings now
  decides: boolean; // the actor's dismissal of a serious or error finding counts at once (二审 or above)
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

interface FindingInput {
  itemId: string;
  findingId: string;
}

/**
 * 忽略 with a reason: a warning, or any finding dismissed by a reviewer at 二审 or above, is dismissed at once; a serious
 * or error finding dismissed by the author or at 一审 becomes a proposal (建议忽略) for 二审 to decide (DOMAIN §2.5).
 */
export async function dismissFinding(
  deps: Deps,
  actor: Actor,
  input: FindingInput & { reason: unknown },
): Promise<Findings> {
  const reason = dismissReason(input.reason);
  if (reason instanceof AppError) throw reason;
  return act(deps, actor, input, (as, at) => ({ kind: 'dismiss', by: actor.id, as, reason, at }));
}

/** A finding of kind 'secrecy' goes to the secrecy step's rule (第七条: 409 off its step, 403 unless its office). */
async function dismissBySecrecyOffice(
  tx: Executor,
  actor: Actor,
  item: Item,
  finding: RevisionFinding,
  a: FindingAction,
  now: Date,
): Promise<Findings> {
  if (a.kind !== 'dismiss') throw conflict('NOT_PROPOSED', '该校对发现没有待确认的忽略建议');
  await dismissSecrecyFinding(tx, chainReader, actor, { itemId: item.id, findingId: finding.id }, a.reason, now);
  return findingsOf(tx, actor, item, item.revision);
}

/** 同意忽略: the reviewer at 二审 or above accepts a proposal, which then counts as their dismissal with its reason. */
export async function acceptDismissal(deps: Deps, actor: Actor, input: FindingInput): Promise<Findings> {
  return act(deps, actor, input, (as, at) => ({ kind: 'accept', by: actor.id, as, at }));
}

/** 不同意: the reviewer at 二审 or above refuses a proposal, with a reason; the finding blocks again until fixed
 *  or dismissed. */
export async function rejectDismissal(
  deps: Deps,
  actor: Actor,
  input: FindingInput & { reason: unknown },
): Promise<Findings> {
  const reason = dismissReason(input.reason, '不同意忽略');
  if (reason instanceof AppError) throw reason;
  return act(deps, actor, input, (as, at) => ({ kind: 'reject', by: actor.id, as, reason, at }));
}

const LEDGER_ACTION: Record<string, string> = {
  dismissed: 'publish.finding_dismiss',
  proposed: 'publish.finding_propose',
  accept: 'publish.finding_accept',
  reject: 'publish.finding_reject',
};

async function act(
  deps: Deps,
  actor: Actor,
  input: FindingInput,
  action: (as: Standing, at: string) => FindingAction,
): Promise<Findings> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const item = await loadViewable(tx, actor, input.itemId);
    const finding = await findingStore.getFinding(tx, input.findingId);
    if (!finding || finding.itemId !== item.id) throw notFound('校对发现');
    if (FINDING_DISMISSER[finding.kind] === 'secrecyOffice') {
      return dismissBySecrecyOffice(tx, actor, item, finding, action('author', now.toISOString()), now);
    }
    const view = await reviewViewOf(tx, item);
    const standing = findingStanding(actor, view);
    const a = action(standing.as ?? 'author', now.toISOString());
    // 忽略: the finding's state first (stale revision, already handled: 409), then who may (403). A proposal's decision:
    // who may decide first, so that nobody below 二审 learns more than "not yours to decide".
    if (a.kind !== 'dismiss') assertAllowed(canDecideDismissal(actor, view, finding.proposedBy));
    const next = actOnFinding(finding, item.revision, a);
    if (next instanceof AppError) throw next;
    assertAllowed(standing);
    if (!(await findingStore.saveFinding(tx, finding, next)))
      throw conflict('ALREADY_RESOLVED', '该校对发现已被他人处理，请刷新后查看');
    const as = standing.as as Standing;
    const role = as === 'author' ? 'staff' : ROLE_AT[Number(as.slice(-1)) as 1 | 2 | 3 | 4];
    // Not the finding's text: it may be personal data.
    await appendLedger(
      tx,
      {
        actor: { id: actor.id, name: actor.name },
        role,
        unitId: item.unitId,
        action: LEDGER_ACTION[a.kind === 'dismiss' ? next.status : a.kind],
        subject: `item:${item.id}`,
        payload: {
          itemId: item.id,
          revision: item.revision,
          findingId: finding.id,
          rule: finding.rule,
          category: finding.category,
          severity: finding.severity,
          line: finding.line,
          as,
          ...(a.kind === 'accept'
            ? { reason: finding.proposalReason, proposedBy: finding.proposedBy, proposedAs: finding.proposedAs }
            : { reason: a.reason }),
        },
      },
      now,
    );
    return findingsOf(tx, actor, item, item.revision, view);
  });
}

async function findingsOf(
  db: Executor,
  actor: Actor,
  item: Item,
  revision: number,
  view?: ItemView,
): Promise<Findings> {
  const findings = await findingStore.listFindings(db, item.id, revision);
  const person = await peopleNamed(
    db,
    findings.flatMap((f) => [f.resolvedBy, f.proposedBy, f.rejectedBy]).filter((id): id is string => id !== null),
  );
  const named = (id: string | null) => (id ? person(id) : null);
  const current = revision === item.revision;
  const policyView = view ?? (await reviewViewOf(db, item));
  const standing = findingStanding(actor, policyView);
  const secrecyOffice =
    current
    && findings.some((f) => f.kind === 'secrecy' && f.status === 'open')
    && (await dismissesSecrecyFindings(db, actor, {
      item,
      view: policyView,
      coIssuerUnitIds: (await coIssuersOf(db, [item.id])).get(item.id) ?? [],
    }));
  const mayDismiss = (f: Pick<RevisionFinding, 'kind' | 'status'>): boolean =>
    current
    && f.status === 'open'
    && (FINDING_DISMISSER[f.kind] === 'secrecyOffice' ? secrecyOffice : standing.allowed);
  return {
    itemId: item.id,
    revision,
    current,
    canDismiss: current && standing.allowed,
    decides: current && !!standing.as && decidesDismissals(standing.as),
    findings: findings.map(({ itemId: _, revision: __, createdAt: ___, resolvedBy, proposedBy, rejectedBy, ...f }) => ({
      ...f,
      resolvedBy: named(resolvedBy),
      proposedBy: named(proposedBy),
      rejectedBy: named(rejectedBy),
      canDecide: current && f.status === 'proposed' && canDecideDismissal(actor, policyView, proposedBy).allowed,
      dismisser: FINDING_DISMISSER[f.kind],
      canDismiss: mayDismiss(f),
    })),
  };
}

export interface Dismissal {
  finding: Pick<
    RevisionFinding,
    'id' | 'rule' | 'category' | 'severity' | 'line' | 'column' | 'text' | 'suggestion' | 'message' | 'kind'
  >;
  reason: string;
  proposed: { by: Person; as: Standing; at: string } | null; // null: dismissed directly
  dismissed: { by: Person; as: Standing | null; at: string };
}

/**
 * Every dismissed finding of a revision with who proposed and who dismissed or accepted it (for the 审签单), in text
 * order: 智能校对 findings, and the 密级标志 / 个人信息 ones the 保密工作机构 dismissed (kind 'secrecy', `as` null).
 */
export async function listDismissals(deps: Deps, actor: Actor, itemId: string, revision: number): Promise<Dismissal[]> {
  await loadViewable(deps.db, actor, itemId);
  const findings = (await findingStore.listFindings(deps.db, itemId, revision)).filter((f) => f.status === 'dismissed');
  const person = await peopleNamed(
    deps.db,
    findings.flatMap((f) => [f.resolvedBy, f.proposedBy]).filter((id): id is string => !!id),
  );
  return findings.map((f) => ({
    finding: {
      id: f.id,
      rule: f.rule,
      category: f.category,
      severity: f.severity,
      line: f.line,
      column: f.column,
      text: f.text,
      suggestion: f.suggestion,
      message: f.message,
      kind: f.kind,
    },
    reason: f.reason ?? '',
    proposed:
      f.proposedBy && f.proposedAs && f.proposedAt
        ? { by: person(f.proposedBy), as: f.proposedAs, at: f.proposedAt }
        : null,
    dismissed: { by: person(f.resolvedBy ?? ''), as: f.resolvedAs, at: f.resolvedAt ?? '' },
  }));
}
