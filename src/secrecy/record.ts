// Reading 保密审查: one item's record (opinions of every step, receipts with deadline and reminders, referral, both
// texts and the spans of a redaction, findings, co-issuers and consents, what still blocks publication, and what the
// reader may do), and the secrecy office's and co-issuing leaders' queues.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canView } from '../org/policy/publish.ts';
import {
  canConsent,
  canFileConsentDocument,
  canGiveSecrecyOpinion,
  canResume,
  consentQueueWhere,
  consentUnitOf,
  type SecrecyAbilities,
  secrecyQueueWhere,
} from '../org/policy/secrecy.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { getUsersByIds, listUnits } from '../org/service.ts';
import type { Executor } from '../platform/db/types.ts';
import type { Stage } from '../org/policy/chain.ts';
import { type ChainReader, type ChainStep, chainOf, publicationProblem, type StepItem } from './chain.ts';
import { type SecrecyFinding, type Span, unresolved } from './model.ts';
import * as store from './store.ts';

const named = <T extends object>(row: T, name: string | undefined) => ({ ...row, actorName: name ?? '' });

export interface SecrecyRecord {
  itemId: string;
  title: string;
  unitId: string;
  stage: Stage;
  revision: number;
  opinions: (store.OpinionRow & { actorName: string })[];
  receipts: (store.ReviewRow & { reminders: { kind: string; sentAt: string }[] })[];
  redaction: { revision: number; spans: Span[]; originalText: string; redactedText: string; createdAt: string } | null;
  findings: SecrecyFinding[]; // of the current revision (publish keeps them)
  coIssuers: { unitId: string; name: string; consented: boolean }[];
  consents: (store.ConsentRow & { actorName: string })[];
  /** Why the item could not be approved for publication now (zh-CN), empty when nothing blocks it. */
  blockers: string[];
  abilities: SecrecyAbilities;
}

export async function getSecrecyRecord(deps: Deps, actor: Actor, itemId: string): Promise<SecrecyRecord> {
  return recordOf(deps.db, chainOf(deps), actor, itemId);
}

export async function recordOf(db: Executor, chain: ChainReader, actor: Actor, itemId: string): Promise<SecrecyRecord> {
  const ctx = await chain.loadForStep(db, itemId);
  assertAllowed(canView(actor, { ...ctx.item, coIssuerUnitIds: ctx.coIssuerUnitIds }));
  const { item } = ctx;
  const [opinions, receipts, findings, consents, redaction, units] = await Promise.all([
    store.listOpinions(db, item.id),
    store.listReviews(db, item.id),
    ctx.findings.list(item.revision),
    store.listConsents(db, item.id),
    store.redactionOf(db, item.id, item.revision),
    listUnits(db),
  ]);
  const reminders = await store.remindersOf(
    db,
    receipts.map((r) => r.id),
  );
  const people = await getUsersByIds(db, [
    ...new Set([...opinions.map((o) => o.actorId), ...consents.map((c) => c.actorId)]),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const consentedNow = consents.filter((c) => c.revision === item.revision).map((c) => c.unitId);
  const blockers: string[] = [];
  const problem = await publicationProblem(db, item);
  if (problem) blockers.push(problem.message);
  const open = unresolved(findings, redaction?.spans ?? []);
  if (open.length) blockers.push(`存在未处理的密级标志或个人信息 ${open.length} 处`);
  return {
    itemId: item.id,
    title: item.title,
    unitId: item.unitId,
    stage: item.stage,
    revision: item.revision,
    opinions: opinions.map((o) => named(o, people.get(o.actorId)?.name)),
    receipts: receipts.map((r) => ({
      ...r,
      reminders: reminders.filter((m) => m.reviewId === r.id).map(({ kind, sentAt }) => ({ kind, sentAt })),
    })),
    redaction: redaction && {
      revision: redaction.revision,
      spans: redaction.spans,
      originalText: ctx.revision.bodyText,
      redactedText: redaction.redactedText,
      createdAt: redaction.createdAt,
    },
    findings,
    coIssuers: ctx.coIssuerUnitIds.map((u) => ({
      unitId: u,
      name: unitName.get(u) ?? '',
      consented: consentedNow.includes(u),
    })),
    consents: consents.map((c) => named(c, people.get(c.actorId)?.name)),
    blockers,
    abilities: await abilitiesOf(db, actor, ctx, consentedNow),
  };
}

async function abilitiesOf(db: Executor, actor: Actor, ctx: ChainStep, consented: string[]): Promise<SecrecyAbilities> {
  const secrecyActorIds = (await store.secrecyActorsOf(db, [ctx.item])).get(ctx.item.id) ?? [];
  const view = {
    ...ctx.item,
    approverIds: ctx.view.approverIds,
    secrecyActorIds,
    coIssuerUnitIds: ctx.coIssuerUnitIds,
  };
  const atSecrecy = ctx.item.stage === 'secrecy' && canGiveSecrecyOpinion(actor, view).allowed;
  const unsettled = !['approved', 'published', 'withheld'].includes(ctx.item.stage);
  const myUnit = consentUnitOf(actor, view);
  return {
    canGiveOpinion: atSecrecy,
    canResume: ctx.item.stage === 'referred' && canResume(actor, view).allowed,
    canDismissFindings: atSecrecy,
    canConsent: unsettled && canConsent(actor, view).allowed && myUnit !== null && !consented.includes(myUnit),
    canFileConsent: unsettled && canFileConsentDocument(actor, view).allowed,
  };
}

export interface QueueEntry {
  itemId: string;
  title: string;
  stage: Stage;
  revision: number;
  unitId: string;
  receivedOn: string | null;
  dueOn: string | null;
  dueProvisional: boolean; // 暂定 (DOMAIN.md §5)
}

const SETTLED: readonly Stage[] = ['approved', 'published', 'withheld', 'draft'];

/**
 * 待保密审查 (receipts open or referred in units where the actor is the secrecy office) and 待同意 (co-issued items
 * still in the chain that a unit the actor leads has not consented to at the current revision). Each list is scoped by
 * its policy's filter inside one store query; the items come in one more.
 */
export async function listSecrecyQueue(
  deps: Deps,
  actor: Actor,
): Promise<{ review: QueueEntry[]; consent: QueueEntry[] }> {
  const [receipts, coIssues] = await Promise.all([
    store.listReceipts(deps.db, secrecyQueueWhere(actor), ['open', 'referred']),
    store.listCoIssues(deps.db, consentQueueWhere(actor)),
  ]);
  const ids = [...receipts.map((r) => r.itemId), ...coIssues.map((c) => c.itemId)];
  const items = new Map((await chainOf(deps).itemsByIds(deps.db, ids)).map((i) => [i.id, i]));
  const entry = (i: StepItem, r: Pick<QueueEntry, 'receivedOn' | 'dueOn' | 'dueProvisional'>): QueueEntry => ({
    itemId: i.id,
    title: i.title,
    stage: i.stage,
    revision: i.revision,
    unitId: i.unitId,
    ...r,
  });
  const review = receipts.flatMap((r) => {
    const i = items.get(r.itemId);
    return i && i.revision === r.revision ? [entry(i, r)] : [];
  });
  const waiting = new Set(
    coIssues
      .filter((c) => {
        const i = items.get(c.itemId);
        return i && !SETTLED.includes(i.stage) && !c.consentedRevisions.includes(i.revision);
      })
      .map((c) => c.itemId),
  );
  const undated = { receivedOn: null, dueOn: null, dueProvisional: false };
  const consent = [...waiting].map((id) => entry(items.get(id)!, undated));
  return { review, consent };
}
