// The ledger is an RFC 9162 Merkle tree with signed checkpoints. Tests play the insider with write access to the
// database: whatever they rewrite and however well they recompute every hash with the project's own code, verify
// finds it against an earlier checkpoint — and `gongkai ledger verify` exits non-zero naming it in Chinese.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { runCli } from '../../../test/support/cli.ts';
import { createTestDeps, type TestDeps } from '../../../test/support/testdb.ts';
import { checkpointNow, ledgerPublicKey, verifyWithCheckpoints } from '../../oversight/checkpoints.ts';
import type { Executor } from '../db/types.ts';
import { checkpointsPath, ledgerKeyPath } from './keys.ts';
import { type Frontier, pushLeaf, rootOf } from './merkle.ts';
import { leafHashOf } from './model.ts';
import { appendLedger, verifyLedger } from './service.ts';

let deps: TestDeps;
before(async () => {
  deps = await createTestDeps();
});
after(async () => {
  await deps.close();
});

const actor = { id: 'u-1', name: '张明' };

async function resetLedger(): Promise<void> {
  await deps.db.deleteFrom('ledger').execute();
  await deps.db.deleteFrom('ledger_nodes').execute();
  await deps.db.deleteFrom('ledger_checkpoints').execute();
  await deps.db
    .updateTable('ledger_head')
    .set({ seq: 0, hash: rootOf({ size: 0, hashes: [] }), frontier: '[]' })
    .where('id', '=', 1)
    .execute();
  fs.rmSync(checkpointsPath(deps.config), { force: true });
}

async function append(n: number, title = '稿件'): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await deps.db.transaction().execute((tx) =>
      appendLedger(
        tx,
        {
          actor,
          role: 'staff',
          unitId: 'unit-kjj',
          action: 'publish.draft',
          subject: `item:${i}`,
          payload: { title: `${title}${i}`, n: i },
        },
        deps.clock.now(),
      ),
    );
  }
}

async function freshLedger(count: number): Promise<void> {
  await resetLedger();
  await append(count);
}

/** What an insider with the source code does after editing rows: recompute every leaf, subtree and the head. */
async function recomputeStoredTree(db: Executor): Promise<void> {
  const rows = await db.selectFrom('ledger').selectAll().orderBy('seq').execute();
  await db.deleteFrom('ledger_nodes').execute();
  let f: Frontier = { size: 0, hashes: [] };
  for (const stored of rows) {
    const row = { ...stored, seq: Number(stored.seq) };
    const leaf = leafHashOf(row);
    await db.updateTable('ledger').set({ leaf_hash: leaf }).where('seq', '=', row.seq).execute();
    const pushed = pushLeaf(f, leaf);
    if (pushed.finished.length) await db.insertInto('ledger_nodes').values(pushed.finished).execute();
    f = pushed.frontier;
  }
  await db
    .updateTable('ledger_head')
    .set({ seq: f.size, hash: rootOf(f), frontier: JSON.stringify(f.hashes) })
    .where('id', '=', 1)
    .execute();
}

async function verifyAll() {
  return verifyWithCheckpoints(deps);
}

async function cliVerifyFails(pattern: RegExp): Promise<void> {
  const res = await runCli(['ledger', 'verify'], deps.cliEnv);
  assert.equal(res.code, 1, res.stdout + res.stderr);
  assert.match(res.stderr, pattern);
}

test('完整的台账校验通过；签名密钥首次使用时生成（文件 0600，目录 0700），不在数据库里', async () => {
  await freshLedger(5);
  const made = await checkpointNow(deps);
  assert.equal(made.created, true);
  assert.equal(made.checkpoint?.size, 5);
  const result = await verifyAll();
  assert.deepEqual([result.ok, result.checked, result.checkpoints, result.problems], [true, 5, 1, []]);
  const key = ledgerKeyPath(deps.config);
  assert.equal(fs.statSync(key).mode & 0o777, 0o600);
  assert.equal(fs.statSync(path.dirname(key)).mode & 0o777, 0o700);
  const pem = fs.readFileSync(key, 'utf8');
  const body = pem.split('\n')[1];
  const dump = JSON.stringify(await deps.db.selectFrom('ledger_checkpoints').selectAll().execute());
  assert.ok(!dump.includes(body), 'the private key is not in the database');
  assert.match(ledgerPublicKey(deps), /^-----BEGIN PUBLIC KEY-----/);
});

test('没有新记录时不再签署检查点；有新记录时签署，并追加到数据库外的检查点文件', async () => {
  await freshLedger(3);
  assert.equal((await checkpointNow(deps)).created, true);
  const again = await checkpointNow(deps);
  assert.deepEqual([again.created, again.checkpoint?.size], [false, 3]);
  await append(2, '又一稿');
  assert.equal((await checkpointNow(deps)).checkpoint?.size, 5);
  const lines = fs
    .readFileSync(checkpointsPath(deps.config), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => l.size),
    [3, 5],
  );
});

test('用 SQL 改动一条记录的内容（不重算哈希）：指出被篡改的那一条', async () => {
  await freshLedger(5);
  await deps.db.updateTable('ledger').set({ payload: '{"n":3,"title":"改过的标题"}' }).where('seq', '=', 3).execute();
  const result = await verifyLedger(deps.db);
  assert.equal(result.ok, false);
  assert.deepEqual([result.problem?.kind, result.problem?.seq], ['leafMismatch', 3]);
  assert.match(result.problem!.reason, /篡改/);
});

test('内容有重复的键（SQLite 的 json_extract 读第一个，程序读最后一个）：校验指出不是规范 JSON', async () => {
  await freshLedger(3);
  await deps.db
    .updateTable('ledger')
    .set({ payload: '{"n":2,"title":"稿件2","title":"别的标题"}' })
    .where('seq', '=', 2)
    .execute();
  await recomputeStoredTree(deps.db);
  const result = await verifyLedger(deps.db);
  assert.deepEqual(
    result.problems.map((p) => [p.kind, p.seq]),
    [['nonCanonical', 2]],
  );
  assert.match(result.problem!.reason, /重复的键/);
});

test('写入时拒绝不能写成规范 JSON 的内容（NaN、不成对的代理字符、日期对象），台账不变', async () => {
  await freshLedger(1);
  for (const payload of [{ x: Number.NaN }, { t: 'a\uD800b' }, { when: new Date() }]) {
    await assert.rejects(
      deps.db
        .transaction()
        .execute((tx) =>
          appendLedger(
            tx,
            { actor, role: '', unitId: '', action: 'auth.login', subject: 'user:1', payload },
            deps.clock.now(),
          ),
        ),
      { status: 400, code: 'INVALID_INPUT' },
    );
  }
  assert.deepEqual((await verifyLedger(deps.db)).checked, 1);
});

test('内部人员截掉末尾的记录并改动台账头：与先前的检查点不符（截断）', async () => {
  await freshLedger(6);
  await checkpointNow(deps);
  await deps.db.deleteFrom('ledger').where('seq', '>', 4).execute();
  await recomputeStoredTree(deps.db);
  const result = await verifyAll();
  assert.deepEqual(
    result.problems.map((p) => [p.kind, p.seq]),
    [['truncated', 6]],
  );
  await cliVerifyFails(/台账只有 4 条记录，少于检查点.*记录的 6 条：末尾的记录被删除/);
});

test('内部人员改写一条记录并用项目自己的代码重算其后所有哈希：检查点处根哈希不符', async () => {
  await freshLedger(7);
  await checkpointNow(deps);
  await append(2, '后来的稿件');
  await deps.db.updateTable('ledger').set({ actor_name: '李四' }).where('seq', '=', 3).execute();
  await recomputeStoredTree(deps.db);
  const result = await verifyAll();
  assert.deepEqual(
    result.problems.map((p) => [p.kind, p.seq]),
    [['rootMismatch', 7]],
  );
  await cliVerifyFails(/前 7 条记录与检查点.*不符：根哈希不同/);
});

test('内部人员调换两条记录的顺序并重算：被发现', async () => {
  await freshLedger(5);
  await checkpointNow(deps);
  await deps.db.updateTable('ledger').set({ seq: -2 }).where('seq', '=', 2).execute();
  await deps.db.updateTable('ledger').set({ seq: 2 }).where('seq', '=', 3).execute();
  await deps.db.updateTable('ledger').set({ seq: 3 }).where('seq', '=', -2).execute();
  await recomputeStoredTree(deps.db);
  const result = await verifyAll();
  assert.deepEqual(
    result.problems.map((p) => p.kind),
    ['rootMismatch'],
  );
  await cliVerifyFails(/调换了顺序/);
});

test('内部人员换掉整张表：重新写入一棵看起来完整的新树，仍与检查点不符', async () => {
  await freshLedger(8);
  await checkpointNow(deps);
  await deps.db.deleteFrom('ledger').execute();
  await deps.db.deleteFrom('ledger_nodes').execute();
  await deps.db
    .updateTable('ledger_head')
    .set({ seq: 0, hash: rootOf({ size: 0, hashes: [] }), frontier: '[]' })
    .execute();
  await append(9, '伪造的稿件');
  const result = await verifyAll();
  assert.deepEqual(
    result.problems.map((p) => [p.kind, p.seq]),
    [['rootMismatch', 8]],
  );
  assert.equal((await verifyLedger(deps.db)).ok, true, 'without a checkpoint the forged tree looks whole');
  await cliVerifyFails(/前 8 条记录与检查点/);
});

test('伪造检查点（改了根哈希或大小）：签名无效；换用别的公钥：签名无效', async () => {
  await freshLedger(4);
  const { checkpoint } = await checkpointNow(deps);
  const file = checkpointsPath(deps.config);
  fs.appendFileSync(file, `${JSON.stringify({ ...checkpoint, size: 3 })}\n`);
  const result = await verifyAll();
  assert.deepEqual(
    result.problems.map((p) => [p.kind, p.seq]),
    [['badSignature', 3]],
  );
  const other = `${deps.config.dataDir}/other.pem`;
  const { generateKeyPairSync } = await import('node:crypto');
  fs.writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
  const res = await runCli(['ledger', 'verify', '--public-key', other], deps.cliEnv);
  assert.equal(res.code, 1);
  assert.match(res.stderr, /签名无效/);
});

test('并发追加从不分叉：20 个事务同时写入，序号连续、树完整', async () => {
  await freshLedger(0);
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      deps.db.transaction().execute(async (tx) => {
        await sql`select 1`.execute(tx); // give the other transactions a chance to interleave
        await appendLedger(
          tx,
          { actor, role: 'staff', unitId: 'unit-kjj', action: 'auth.login', subject: `user:${i}`, payload: {} },
          deps.clock.now(),
        );
      }),
    ),
  );
  const result = await verifyLedger(deps.db);
  assert.deepEqual([result.ok, result.checked], [true, 20]);
});

test('gongkai ledger checkpoint 输出 JSON；gongkai ledger verify 完整时退出码 0', async () => {
  await freshLedger(4);
  const made = await runCli(['ledger', 'checkpoint'], deps.cliEnv);
  assert.equal(made.code, 0, made.stderr);
  const cp = JSON.parse(made.stdout);
  assert.deepEqual([cp.size, cp.created], [4, true]);
  assert.match(cp.note, /^gongkai-ledger\/v1\n4\n[0-9a-f]{64}\n/);
  const ok = await runCli(['ledger', 'verify'], deps.cliEnv);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /共 4 条记录，与 1 个签名检查点一致/);
});

test('崩溃后诚实的台账仍能通过校验：另一进程连续写入时被 kill -9', async () => {
  await freshLedger(3);
  await checkpointNow(deps);
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/ledger-burst.ts'], {
    cwd: path.resolve(import.meta.dirname, '../../..'),
    env: { ...process.env, ...deps.cliEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    let commits = 0;
    child.stdout.on('data', (d: Buffer) => {
      commits += (d.toString().match(/committed/g) ?? []).length;
      if (commits >= 40) resolve();
    });
    child.on('exit', () => reject(new Error(`写入进程提前退出：${stderr}`)));
  });
  child.kill('SIGKILL');
  await exited;
  const result = await verifyAll();
  assert.deepEqual(result.problems, []);
  assert.ok(result.checked >= 43, String(result.checked));
  assert.equal((await checkpointNow(deps)).created, true);
  const res = await runCli(['ledger', 'verify'], deps.cliEnv);
  assert.equal(res.code, 0, res.stderr);
});
