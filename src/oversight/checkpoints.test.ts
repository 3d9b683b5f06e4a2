// An inspector holding the public key and a checkpoint verifies the ledger over HTTP: each entry's inclusion proof and
// the consistency of two checkpoints — with leaves recomputed here from the entries as the 台账 screen shows them, and
// the RFC 9162 verification functions (no stored hash is trusted). Checkpoints are mailed to the district's 督查.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { type DemoApp, type DemoSession, openDemoApp } from '../../test/support/demo-app.ts';
import { type Checkpoint, checkSignature } from '../platform/ledger/checkpoint.ts';
import { verifyConsistency, verifyInclusion } from '../platform/ledger/merkle.ts';
import { appendLedger, SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import { checkpointNow } from './checkpoints.ts';

let demo: DemoApp;
let inspector: DemoSession;
before(async () => {
  demo = await openDemoApp();
  inspector = await demo.loginAs('inspector');
});
after(() => demo.close());

const get = (s: DemoSession | null, url: string) => demo.app.inject({ method: 'GET', url, ...(s ? s : {}) });

/** JSON with keys sorted at every depth: enough of RFC 8785 for these entries, written without the project's code. */
function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

interface Entry {
  seq: number;
  at: string;
  actor: { id: string; name: string } | null;
  role: string;
  unitId: string;
  action: string;
  subject: string;
  payload: unknown;
}

function leafOf(e: Entry): string {
  const actor = e.actor ?? SYSTEM_ACTOR;
  const bytes = sortedJson({
    seq: e.seq,
    at: e.at,
    actor_id: actor.id,
    actor_name: actor.name,
    role: e.role,
    unit_id: e.unitId,
    action: e.action,
    subject: e.subject,
    payload: e.payload,
  });
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from([0]), Buffer.from(bytes)]))
    .digest('hex');
}

test('公钥公开可取；检查点发给督查；每条记录的包含证明与两个检查点之间的一致性证明都能独立验证', async () => {
  const pem = await get(null, '/api/ledger/public-key');
  assert.equal(pem.statusCode, 200);
  assert.match(pem.body, /^-----BEGIN PUBLIC KEY-----\n/);

  const first = (await checkpointNow(demo.deps)).checkpoint!;
  await demo.deps.db.transaction().execute((tx) =>
    appendLedger(
      tx,
      {
        actor: SYSTEM_ACTOR,
        role: '',
        unitId: '',
        action: 'demo.load',
        subject: 'demo',
        payload: { note: '又一条', list: [1, { b: 2, a: '甲' }] },
      },
      demo.deps.clock.now(),
    ),
  );
  await checkpointNow(demo.deps);

  const listed = await get(inspector, '/api/ledger/checkpoints');
  assert.equal(listed.statusCode, 200, listed.body);
  const [latest, earlier] = listed.json().checkpoints as Checkpoint[];
  assert.deepEqual([earlier.size, latest.size], [first.size, first.size + 1]);
  for (const c of [earlier, latest]) assert.equal(checkSignature(pem.body, c), true);

  const entries: Entry[] = [];
  for (let cursor = ''; ; ) {
    const page = (await get(inspector, `/api/ledger?limit=200${cursor}`)).json();
    entries.push(...page.entries);
    if (!page.nextCursor) break;
    cursor = `&cursor=${page.nextCursor}`;
  }
  assert.equal(entries.length, latest.size);
  for (const e of entries) {
    const p = (await get(inspector, `/api/ledger/proof?seq=${e.seq}&size=${latest.size}`)).json();
    assert.equal(p.leafHash, leafOf(e), `leaf ${e.seq}`);
    assert.equal(verifyInclusion(e.seq - 1, latest.size, leafOf(e), p.proof, latest.root), true, `proof ${e.seq}`);
  }
  const c = (await get(inspector, `/api/ledger/consistency?from=${earlier.size}&to=${latest.size}`)).json();
  assert.equal(verifyConsistency(earlier.size, latest.size, earlier.root, latest.root, c.proof), true);

  const mails = await demo.deps.db.selectFrom('outbox').select('payload').execute();
  const sent = mails.map((m) => JSON.parse(m.payload)).filter((m) => m.subject.startsWith('【登记台账检查点】'));
  assert.equal(sent.length, 2);
  assert.ok(sent[0].text.includes(earlier.signature) || sent[1].text.includes(earlier.signature));
});

test('证明的参数：序号大于树大小 400；树大小超过台账 404；工作人员不能取证明', async () => {
  const { size } = (await get(inspector, '/api/ledger/checkpoints')).json().checkpoints[0];
  assert.equal((await get(inspector, `/api/ledger/proof?seq=${size + 1}&size=${size}`)).statusCode, 400);
  assert.equal((await get(inspector, `/api/ledger/proof?seq=1&size=${size + 1000}`)).statusCode, 404);
  assert.equal((await get(inspector, `/api/ledger/consistency?from=${size}&to=${size - 1}`)).statusCode, 400);
  assert.equal((await get(inspector, '/api/ledger/proof?seq=0&size=1')).statusCode, 400);
  const staff = await demo.loginAs('kjj.staff');
  assert.equal((await get(staff, `/api/ledger/proof?seq=1&size=${size}`)).statusCode, 403);
});
