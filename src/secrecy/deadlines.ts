// 暂定期限的重算 (DOMAIN.md §5): when the State Council's schedule of a year is imported, every stored deadline of this
// module that was counted on the provisional calendar (Monday–Friday) is counted again — the 10-working-day 保密审查
// answer (第十三条) and the 质疑申请 answer (条例 第三十三条, with its extension). Each recomputed deadline gets its ledger
// entry; whoever's deadline moved is told (in-app; the asker of a 质疑申请 by e-mail). Runs in the importer's transaction.
import { usersHoldingRole } from '../org/service.ts';
import { type Calendar, workingDeadline, type WorkingDate } from '../platform/calendar/model.ts';
import type { Executor } from '../platform/db/types.ts';
import { appendLedger, type LedgerActor } from '../platform/ledger/service.ts';
import { enqueueMail, notifyUsers } from '../platform/notify/service.ts';
import type { ChainReader } from './chain.ts';
import { deadlineInForce, firstDeadline } from './challenge-model.ts';
import * as challenges from './challenge-store.ts';
import { ART13_OPINION_WORKING_DAYS } from './model.ts';
import * as store from './store.ts';

export interface RecomputedDeadline {
  kind: 'secrecy' | 'challenge';
  id: string; // the receipt or the case
  subject: string; // item:… or challenge:…
  unitId: string;
  from: string;
  to: WorkingDate;
  notified: string[]; // user ids told in-app
}

export interface Recomputer {
  actor: LedgerActor;
  role: string;
}

const shown = (d: WorkingDate) => `${d.date}${d.provisional ? '（仍为暂定）' : ''}`;

async function handlers(tx: Executor, unitId: string): Promise<string[]> {
  const people = [
    ...(await usersHoldingRole(tx, 'secrecy', unitId)),
    ...(await usersHoldingRole(tx, 'leader', unitId)),
  ];
  return [...new Set(people.map((p) => p.id))];
}

/** Counts again every 暂定 deadline on `cal` (which now holds the imported year); returns what was recomputed. */
export async function recomputeProvisionalDeadlines(
  tx: Executor,
  chain: ChainReader,
  cal: Calendar,
  by: Recomputer,
  now: Date,
): Promise<RecomputedDeadline[]> {
  const run: Run = { tx, cal, by, now };
  return [...(await recomputeReviews(run, chain)), ...(await recomputeChallenges(run))];
}

/** One recomputation: the importer's transaction, the calendar holding the imported year, who imports it, when. */
interface Run {
  tx: Executor;
  cal: Calendar;
  by: Recomputer;
  now: Date;
}

async function recomputeReviews({ tx, cal, by, now }: Run, chain: ChainReader): Promise<RecomputedDeadline[]> {
  const out: RecomputedDeadline[] = [];
  const reviews = await store.listProvisionalReviews(tx);
  const items = new Map(
    (
      await chain.itemsByIds(
        tx,
        reviews.map((r) => r.itemId),
      )
    ).map((i) => [i.id, i]),
  );
  for (const r of reviews) {
    const to = workingDeadline(cal, r.receivedOn, ART13_OPINION_WORKING_DAYS);
    if (to.provisional && to.date === r.dueOn) continue; // the imported year is not the one this deadline waits for
    await store.setReviewDue(tx, r.id, to.date, to.provisional);
    const waiting = r.state === 'open' || r.state === 'referred';
    const notified = to.date !== r.dueOn && waiting ? await handlers(tx, r.unitId) : [];
    const title = items.get(r.itemId)?.title ?? '';
    if (notified.length) {
      await notifyUsers(
        tx,
        notified,
        {
          kind: 'secrecy.deadlineMoved',
          title: `保密审查期限已按节假日安排重算：${title}`,
          subject: `item:${r.itemId}`,
          body:
            `稿件《${title}》于 ${r.receivedOn} 送保密审查。按新导入的节假日安排，提出审查意见的期限由 `
            + `${r.dueOn}（暂定）改为 ${shown(to)}。`,
        },
        now,
      );
    }
    await appendLedger(
      tx,
      {
        actor: by.actor,
        role: by.role,
        unitId: r.unitId,
        action: 'secrecy.deadline.recompute',
        subject: `item:${r.itemId}`,
        payload: {
          reviewId: r.id,
          receivedOn: r.receivedOn,
          dueOn: { from: r.dueOn, to: to.date },
          provisional: to.provisional,
          notified,
        },
      },
      now,
    );
    out.push({ kind: 'secrecy', id: r.id, subject: `item:${r.itemId}`, unitId: r.unitId, from: r.dueOn, to, notified });
  }
  return out;
}

async function recomputeChallenges({ tx, cal, by, now }: Run): Promise<RecomputedDeadline[]> {
  const out: RecomputedDeadline[] = [];
  for (const c of await challenges.listProvisionalChallenges(tx)) {
    const to = deadlineInForce(cal, c.receivedOn, c.extension?.days ?? null);
    if (to.provisional && to.date === c.dueOn) continue;
    await challenges.setChallengeDue(tx, c.id, firstDeadline(cal, c.receivedOn), to);
    const moved = to.date !== c.dueOn && c.state === 'open';
    const notified = moved ? await handlers(tx, c.unitId) : [];
    const change = `答复期限由 ${c.dueOn}（暂定）改为 ${shown(to)}`;
    if (notified.length) {
      await notifyUsers(
        tx,
        notified,
        {
          kind: 'challenge.deadlineMoved',
          title: `质疑申请 ${c.caseNo} 的答复期限已重算`,
          subject: `challenge:${c.id}`,
          body: `按新导入的节假日安排，质疑申请 ${c.caseNo} 的${change}。`,
        },
        now,
      );
    }
    const mail = {
      subject: `${c.caseNo} 答复期限调整告知`,
      text: `${c.asker.name}：\n\n国务院办公厅公布节假日安排后，您的质疑申请（${c.caseNo}）的${change}。`,
    };
    const mailed =
      moved && c.asker.email ? (await enqueueMail(tx, { to: [c.asker.email], ...mail }, now)) !== null : false;
    await appendLedger(
      tx,
      {
        actor: by.actor,
        role: by.role,
        unitId: c.unitId,
        action: 'challenge.deadline.recompute',
        subject: `challenge:${c.id}`,
        payload: {
          caseNo: c.caseNo,
          receivedOn: c.receivedOn,
          dueOn: { from: c.dueOn, to: to.date },
          provisional: to.provisional,
          notified,
          mailed,
        },
      },
      now,
    );
    out.push({
      kind: 'challenge',
      id: c.id,
      subject: `challenge:${c.id}`,
      unitId: c.unitId,
      from: c.dueOn,
      to,
      notified,
    });
  }
  return out;
}
