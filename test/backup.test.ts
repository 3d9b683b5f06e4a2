// 备份与恢复, end to end through the real `gongkai` command on both databases: a backup taken during a burst of
// approvals restores into a fresh data directory / a fresh PostgreSQL database with every table's row count and the
// ledger root of the manifest, and the ledger verifies; existing data is not overwritten without --force; an archive
// with one byte changed is refused by `backup verify` and `restore`; with --include-key the archive is age-encrypted
// and a restored instance serves the same users and items.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { extract } from 'tar';
import { checkpointNow } from '../src/oversight/checkpoints.ts';
import type { Manifest } from '../src/platform/backup/model.ts';
import { openDb } from '../src/platform/db/index.ts';
import { urlWithSchema } from '../src/platform/db/pg-schema.ts';
import { ledgerHead } from '../src/platform/ledger/service.ts';
import { approveItem, draftItem, submitItem } from '../src/publish/service.ts';
import { runCli } from './support/cli.ts';
import { buildPublishOrg, disclosureAt, passSecrecy, PASSWORD, type PublishOrg } from './support/publish-fixtures.ts';
import { serveUntilReady } from './support/serve.ts';
import { createTestDeps, TEST_ENGINE, type TestDeps } from './support/testdb.ts';

const PG_URL = process.env.GONGKAI_TEST_PG_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

let deps: TestDeps;
let org: PublishOrg;
let publishedId: string;
const cleanups: (() => Promise<void> | void)[] = [];

const review = { opinion: '同意', proofreading: '', standardsAttested: true };

/** One item through the whole chain: draft, submit, 一审, 二审, 保密审查, 三审 (published). */
async function publishOne(title: string): Promise<string> {
  const zhang = await org.actor('zhang');
  const id = (await draftItem(deps, zhang, org.draft({ title }))).id;
  await submitItem(deps, zhang, { itemId: id, revision: 1 });
  await approveItem(deps, await org.actor('li'), {
    itemId: id,
    level: 1,
    revision: 1,
    ...review,
    disclosure: disclosureAt(1),
  });
  await approveItem(deps, await org.actor('wang'), {
    itemId: id,
    level: 2,
    revision: 1,
    ...review,
    disclosure: disclosureAt(2),
  });
  await passSecrecy(deps, org, id);
  await approveItem(deps, await org.actor('liu'), { itemId: id, level: 3, revision: 1, ...review });
  return id;
}

before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
  publishedId = await publishOne('备份前发布的稿件');
  await checkpointNow(deps); // the signing key and the checkpoint file beside the data
});
after(async () => {
  for (const c of cleanups.reverse()) await c();
  await deps.close();
});

const tmpDir = (what: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gongkai-${what}-`));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/** A place to restore into: a fresh data directory, and on PostgreSQL a fresh database (dropped after the file). */
async function freshTarget(schema?: string): Promise<{ env: Record<string, string>; dataDir: string; url: string }> {
  const dataDir = tmpDir('restore');
  if (TEST_ENGINE === 'sqlite') {
    return {
      dataDir,
      url: path.join(dataDir, 'gongkai.sqlite'),
      env: { GONGKAI_DATA_DIR: dataDir, DATABASE_URL: '', GONGKAI_DEMO: '0', LOG_LEVEL: 'silent' },
    };
  }
  const name = `gk_restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const base = new URL(PG_URL);
  base.pathname = `/${name}`;
  const url = schema ? urlWithSchema(base.toString(), schema) : base.toString();
  return {
    dataDir,
    url,
    env: { GONGKAI_DATA_DIR: dataDir, DATABASE_URL: url, GONGKAI_DEMO: '0', LOG_LEVEL: 'silent' },
  };
}

async function readManifest(archive: string): Promise<Manifest> {
  const dir = tmpDir('manifest');
  await extract({ file: archive, cwd: dir, filter: (p) => p === 'manifest.json' });
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/** Every table's row count and the ledger head of the database at `url`. */
async function countsAt(url: string, tables: string[]) {
  const db = openDb({ url, poolSize: 1 });
  try {
    const counts: Record<string, number> = {};
    for (const t of tables) {
      const row = await db.db
        .selectFrom(t as 'ledger')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      counts[t] = Number(row.n);
    }
    return { tables: counts, ledger: await ledgerHead(db.db) };
  } finally {
    await db.close();
  }
}

const archiveIn = (dir: string) => {
  const names = fs.readdirSync(dir).filter((n) => n.startsWith('gongkai-backup-'));
  assert.equal(names.length, 1, `目录里应正好有一份备份：${names.join('、')}`);
  return path.join(dir, names[0]);
};

let archive: string;
let manifest: Manifest;

test('审批高峰中备份：恢复到全新的目录/数据库后，每张表的行数与台账根哈希同清单一致，台账校验通过', {
  timeout: 300_000,
}, async () => {
  const out = tmpDir('out');
  const before = await ledgerHead(deps.db);
  let done = false;
  let published = 0;
  const worker = async (w: number) => {
    for (let i = 0; !done || i < 1; i++) {
      await publishOne(`高峰稿件 ${w}-${i}`);
      published++;
      // As between HTTP requests: on SQLite every query resolves at once, and without a turn of the event loop the
      // backup process's exit would never be seen.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const burst = Promise.all([0, 1, 2].map(worker));
  const made = await runCli(['backup', '--out', out], deps.cliEnv).finally(() => {
    done = true;
  });
  await burst;
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stdout, /备份完成/);
  assert.match(made.stderr, /正在/); // progress of the long steps
  assert.ok(published >= 3);
  archive = archiveIn(out);
  manifest = await readManifest(archive);
  assert.equal(manifest.engine, TEST_ENGINE);
  assert.equal(manifest.includesPrivateKey, false);
  assert.ok(manifest.ledger.size >= before.size, '备份应包含开始前已提交的全部台账记录');
  assert.ok(manifest.tables.items >= 1 && manifest.tables.ledger === manifest.ledger.size);
  assert.deepEqual(manifest.files.map((f) => f.name).sort(), [
    'checkpoints.jsonl',
    'config.json',
    TEST_ENGINE === 'sqlite' ? 'database.sqlite' : 'database.pgdump',
    'ledger-public.pem',
  ]);
  for (const f of manifest.files) assert.match(f.sha256, /^[0-9a-f]{64}$/);

  const verified = await runCli(['backup', 'verify', archive], deps.cliEnv);
  assert.equal(verified.code, 0, verified.stderr);
  assert.match(verified.stdout, /备份完好/);

  const target = await freshTarget(manifest.schema);
  const restored = await runCli(['restore', archive], target.env);
  assert.equal(restored.code, 0, restored.stderr);
  assert.match(restored.stdout, /恢复完成/);
  assert.match(restored.stdout, new RegExp(`台账完整：共 ${manifest.ledger.size} 条记录`));
  const found = await countsAt(target.url, Object.keys(manifest.tables));
  assert.deepEqual(found.tables, manifest.tables);
  assert.deepEqual(found.ledger, manifest.ledger);

  // The operator's own check afterwards: the restored checkpoint file and public key.
  const pub = path.join(target.dataDir, 'keys', 'ledger-ed25519.pub.pem');
  const check = await runCli(['ledger', 'verify', '--public-key', pub], target.env);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, new RegExp(`台账完整：共 ${manifest.ledger.size} 条记录，与 [1-9]\\d* 个签名检查点一致`));

  // Existing data is not overwritten without --force, and is left as it was.
  const again = await runCli(['restore', archive], target.env);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /目标已有数据，未做任何改动/);
  assert.match(again.stderr, /--force/);
  assert.deepEqual((await countsAt(target.url, ['ledger'])).ledger, manifest.ledger);
  const forced = await runCli(['restore', archive, '--force'], target.env);
  assert.equal(forced.code, 0, forced.stderr);
  assert.deepEqual((await countsAt(target.url, Object.keys(manifest.tables))).tables, manifest.tables);
});

test('改动一个字节的备份：backup verify 与 restore 都拒绝，并用中文说明已损坏；恢复目标不被改动', async () => {
  assert.ok(archive, '需要上一个测试做出的备份');
  const bytes = fs.readFileSync(archive);
  const dir = tmpDir('corrupt');
  for (const at of [4, Math.floor(bytes.length / 2), bytes.length - 3]) {
    const bad = Buffer.from(bytes);
    bad[at] ^= 0x01;
    const file = path.join(dir, `bad-${at}.tar.gz`);
    fs.writeFileSync(file, bad);
    const v = await runCli(['backup', 'verify', file], deps.cliEnv);
    assert.equal(v.code, 2, `第 ${at} 字节被改动的备份应被拒绝：${v.stdout}`);
    assert.match(v.stderr, /备份文件已损坏，不能使用/);
    const target = await freshTarget(manifest.schema);
    const r = await runCli(['restore', file], target.env);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /备份文件已损坏，不能使用/);
    assert.ok(!fs.existsSync(path.join(target.dataDir, 'checkpoints.jsonl')));
    if (TEST_ENGINE === 'sqlite') assert.ok(!fs.existsSync(target.url));
  }
});

test('--include-key：整份备份用口令加密（age），口令不对则拒绝；恢复后私钥就位，服务启动并提供同样的用户与稿件', {
  timeout: 300_000,
}, async () => {
  const out = tmpDir('keyed');
  const pass = { GONGKAI_BACKUP_PASSPHRASE: 'correct-horse-电池-staple' };
  const made = await runCli(['backup', '--out', out, '--include-key'], { ...deps.cliEnv, ...pass });
  assert.equal(made.code, 0, made.stderr);
  const file = archiveIn(out);
  assert.match(file, /\.tar\.gz\.age$/);
  assert.equal(fs.readFileSync(file).subarray(0, 22).toString(), 'age-encryption.org/v1\n');
  const wrong = await runCli(['backup', 'verify', file], { ...deps.cliEnv, GONGKAI_BACKUP_PASSPHRASE: 'wrong' });
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /口令不对/);

  const target = await freshTarget(TEST_ENGINE === 'postgres' ? 'public' : undefined);
  const restored = await runCli(['restore', file], { ...target.env, ...pass });
  assert.equal(restored.code, 0, restored.stderr);
  const key = path.join(target.dataDir, 'keys', 'ledger-ed25519.pem');
  assert.equal(
    fs.readFileSync(key, 'utf8'),
    fs.readFileSync(path.join(deps.config.dataDir, 'keys', 'ledger-ed25519.pem'), 'utf8'),
  );
  assert.equal(fs.statSync(key).mode & 0o777, 0o600);
  // Restored into the fresh database's public schema: the archive's schema is renamed on PostgreSQL.
  const check = await runCli(['ledger', 'verify'], target.env);
  assert.equal(check.code, 0, check.stderr);

  const { base, stop } = await serveUntilReady(target.env);
  try {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zhang', password: PASSWORD }),
    });
    assert.equal(login.status, 200, await login.clone().text());
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const item = await fetch(`${base}/api/items/${publishedId}`, { headers: { cookie } });
    assert.equal(item.status, 200);
    const body = (await item.json()) as { title: string; stage: string };
    assert.deepEqual([body.title, body.stage], ['备份前发布的稿件', 'published']);
  } finally {
    await stop();
  }
});
