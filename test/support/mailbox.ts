// The person's mailbox as tests see it: the outbox rows the server queued (a real part, read from the test database).
// One-time passwords reach tests only this way, never through the API the administrator uses.
import type { Executor } from '../../src/platform/db/types.ts';

/** Every one-time password mailed to `email`, in no particular order. */
export async function mailedPasswords(db: Executor, email: string): Promise<string[]> {
  const rows = await db.selectFrom('outbox').select('payload').execute();
  return rows
    .map((r) => JSON.parse(r.payload) as { to: string[]; text: string })
    .filter((m) => m.to.includes(email))
    .map((m) => /一次性密码：(\S+)/.exec(m.text)?.[1])
    .filter((p): p is string => !!p);
}

/** The one-time password mailed to `email`; fails unless exactly one was sent there (`known` ones left out). */
export async function mailedPassword(db: Executor, email: string, known: readonly string[] = []): Promise<string> {
  const fresh = (await mailedPasswords(db, email)).filter((p) => !known.includes(p));
  if (fresh.length !== 1) throw new Error(`expected one new one-time password to ${email}, found ${fresh.length}`);
  return fresh[0];
}
