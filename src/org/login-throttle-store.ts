// Queries of the failed-login throttle (login-throttle.ts); the only file that names its tables.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../platform/db/types.ts';
import type { Burst, PairState } from './login-throttle.ts';

/** How long a failure is remembered: a pair's delays and the burst counts start afresh after a quiet day. */
const KEEP_MS = 24 * 3600_000;

/** The pair's failures, leaving out the attempt being decided (and counting any other attempt under way). */
export async function pairStateExcept(
  db: Executor,
  username: string,
  source: string,
  attemptId: string,
): Promise<PairState> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('at').as('last')])
    .where('username', '=', username)
    .where('source', '=', source)
    .where('id', '!=', attemptId)
    .executeTakeFirst();
  return { failures: Number(row?.n ?? 0), lastFailureAt: (row?.last as string | null | undefined) ?? null };
}

/** Writes an attempt down as a failure until it succeeds; forgets failures older than a day. Returns its id. */
export async function claimAttempt(db: Executor, username: string, source: string, now: Date): Promise<string> {
  const id = randomUUID();
  await db
    .deleteFrom('login_failures')
    .where('at', '<', new Date(now.getTime() - KEEP_MS).toISOString())
    .execute();
  await db.insertInto('login_failures').values({ id, username, source, at: now.toISOString() }).execute();
  return id;
}

/** An attempt refused unheard is not a failure. */
export async function dropAttempt(db: Executor, attemptId: string): Promise<void> {
  await db.deleteFrom('login_failures').where('id', '=', attemptId).execute();
}

/** A success clears the pair: the next wrong password from there starts with the free ones again. */
export async function clearPair(db: Executor, username: string, source: string): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', username).where('source', '=', source).execute();
}

/** Failures since `since` for the account (from any address) and from the address (for any account). */
export async function recentCounts(db: Executor, username: string, source: string, since: string) {
  const count = async (column: 'username' | 'source', value: string) =>
    Number(
      (
        await db
          .selectFrom('login_failures')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(column, '=', value)
          .where('at', '>=', since)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { forAccount: await count('username', username), fromSource: await count('source', source) };
}

/** Claims the alert for this burst's window; false when it was already sent (by this node or another). */
export async function claimAlert(db: Executor, b: Burst, now: Date): Promise<boolean> {
  const res = await db
    .insertInto('login_alerts')
    .values({
      kind: b.kind,
      target: b.target,
      window_start: b.windowStart,
      failures: b.failures,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['kind', 'target', 'window_start']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
}
