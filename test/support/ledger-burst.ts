// A burst of ledger appends from a separate process, for the crash test: four writers append as fast as they can,
// each in its own transaction, printing "committed <seq>" after each commit, until the process is killed.
import { openRuntime } from '../../src/app/runtime.ts';
import { appendLedger, SYSTEM_ACTOR } from '../../src/platform/ledger/service.ts';

const rt = await openRuntime({ logLevel: 'silent' });
const { db, clock } = rt.deps;
async function writer(w: number): Promise<never> {
  for (let i = 0; ; i++) {
    const entry = {
      actor: SYSTEM_ACTOR,
      role: '',
      unitId: '',
      action: 'publish.approve',
      subject: `item:burst-${w}-${i}`,
      payload: { writer: w, i, note: '突发写入' },
    };
    const row = await db.transaction().execute((tx) => appendLedger(tx, entry, clock.now()));
    process.stdout.write(`committed ${row.seq}\n`);
  }
}
await Promise.all([0, 1, 2, 3].map(writer));
