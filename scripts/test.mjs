// `npm test`: every *.test.ts on SQLite, and again on PostgreSQL when one is reachable (with CI=true an unreachable
// PostgreSQL fails the run instead of skipping that pass). `npm test -- part…` runs the files whose path
// contains a part.
//
// The two passes share one pool of worker slots, so a file waiting on PostgreSQL or a browser leaves its core to
// another file. Each file runs in its own `node --test` process (as node's runner does) with its own database, from
// JavaScript: src/ and test/ are first transpiled into .test-build/ (scripts/test-build.mjs; incremental), which saves
// the ~1 s of CPU tsx's loader costs every process. Browser tests run one at a time (GONGKAI_TEST_BROWSERS), so two
// Chromiums never compete on a small CI machine; the longest files run as shards (SHARDED below). Each file's output
// is printed whole when it ends: in full if it failed, as one line with its time if it passed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildTests } from './test-build.mjs';

const root = path.resolve(import.meta.dirname, '..');
const pgUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const only = process.argv.slice(2);
// Files spend much of their time waiting on a database, a subprocess or a browser: one more slot than cores.
const slots = Number(process.env.GONGKAI_TEST_JOBS) || os.availableParallelism() + 1;
// Browser tests (each file one Chromium) running at once.
const browserSlots = Number(process.env.GONGKAI_TEST_BROWSERS) || 1;
const fileMinutes = Number(process.env.GONGKAI_TEST_FILE_MINUTES) || 15;

function findTests(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') out.push(...findTests(p));
    else if (e.isFile() && e.name.endsWith('.test.ts')) out.push(path.relative(root, p));
  }
  return out.sort();
}

const under = (f, dir) => f.startsWith(path.join(...dir.split('/')) + path.sep);
// Run once, on the SQLite pass: tests that never touch a database (the pure 智能校对 engine), and the browser
// tests, which test the screens (the API under them is tested on both databases).
const isBrowserTest = (f) => under(f, 'test/e2e');
const isSqliteOnly = (f) => under(f, 'src/checks') || isBrowserTest(f);
// *.pg.test.ts: what only PostgreSQL does (several app nodes sharing one database through pg-boss);
// PostgreSQL pass only.
const isPostgresOnly = (f) => f.endsWith('.pg.test.ts');

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

// Each file runs in its own process group (to stop a hung file with what it started): stop them all with the runner.
const groups = new Set();
/** Run when the runner is stopped, after the files' processes are killed. */
const stopHooks = [];
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const pid of groups)
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    for (const hook of stopHooks) hook();
    process.exit(1);
  });
}

// Files that must run through tsx rather than from .test-build/ (none today): name them here with the reason.
const THROUGH_TSX = new Set([]);
const compiled = (f) => path.join('.test-build', `${f.slice(0, -3)}.js`);

/** Runs one test file in its own process; resolves with its counts and whole output. */
function runFile(job) {
  const started = Date.now();
  const entry = THROUGH_TSX.has(job.file)
    ? ['--import', 'tsx', job.file]
    : ['--enable-source-maps', compiled(job.file)];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...entry.slice(0, -1), '--test', '--test-reporter=tap', entry.at(-1)], {
      cwd: root,
      env: { ...process.env, ...job.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group
    });
    groups.add(child.pid);
    const chunks = [];
    // A file that hangs (a server left open after a failed assertion) is stopped and reported, not waited on for ever.
    const timer = setTimeout(() => {
      chunks.push(Buffer.from(`\n（超过 ${fileMinutes} 分钟仍未结束，已终止）\n`));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      } // with what it started
    }, fileMinutes * 60_000);
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      groups.delete(child.pid);
      const output = Buffer.concat(chunks).toString('utf8');
      const count = (name) => Number(output.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
      resolve({
        ...job,
        code: code ?? 1,
        signal,
        output,
        pass: count('pass'),
        fail: count('fail'),
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

/** Runs every job with at most `slots` at once and one browser test at a time; longest-known first; `ended(job)` when
 *  its process is gone. */
async function runAll(jobs, ended) {
  const queue = [...jobs];
  const results = [];
  let browsers = 0;
  let running = 0;
  return new Promise((resolve) => {
    const next = () => {
      while (running < slots) {
        const i = queue.findIndex((j) => !(isBrowserTest(j.file) && browsers >= browserSlots));
        if (i < 0) break;
        const [job] = queue.splice(i, 1);
        const browser = isBrowserTest(job.file);
        if (browser) browsers += 1;
        running += 1;
        runFile(job).then((r) => {
          ended(job);
          running -= 1;
          if (browser) browsers -= 1;
          results.push(r);
          report(r, results.length, jobs.length);
          if (queue.length === 0 && running === 0) resolve(results);
          else next();
        });
      }
    };
    if (jobs.length === 0) resolve(results);
    else next();
  });
}

function report(r, done, total) {
  const ok = r.code === 0 && r.fail === 0;
  const line =
    `[${done}/${total}] ${ok ? '通过' : '失败'} ${r.label} ${r.file}`
    + `（${r.pass} 项通过，${r.fail} 项失败，${r.seconds.toFixed(1)} 秒）`;
  if (ok) {
    console.log(line);
    return;
  }
  console.log(`\n----- ${r.label} ${r.file} 的输出 -----\n${r.output}\n----- 以上 -----`);
  console.log(`${line}${r.signal ? `，进程被信号 ${r.signal} 终止` : r.code ? `，退出码 ${r.code}` : ''}`);
}

// The slow ones start first so that they do not run alone at the end: browser tests; the authorization matrix (every
// route × every role: the longest file, 7 minutes on PostgreSQL on a loaded 2-core machine, and when it started last
// the run waited for it alone); files that start servers or CLI subprocesses or append much to the ledger; the rest.
const slow = /cli|two-nodes|jobs|watch|duty|ledger|backup/;
const weight = (f) => (isBrowserTest(f) ? 0 : /authz-matrix/.test(f) ? 1 : slow.test(f) ? 2 : 3);

const all = findTests(path.join(root, 'src')).concat(
  fs.existsSync(path.join(root, 'test')) ? findTests(path.join(root, 'test')) : [],
);
const files = (only.length ? all.filter((f) => only.some((o) => f.includes(o))) : all).sort(
  (a, b) => weight(a) - weight(b),
);
// Tests that spawn `gongkai` (through test/support/cli.ts or serve.ts) run the compiled dist/ — about 0.3 s a start
// instead of 2 s through tsx — so dist/ is rebuilt first when src/ changed since the last build (tsc, no type check).
// The UI is built once before the browser tests, not by each test file at the same time.
const spawnsCli = (f) => /support\/(cli|serve)\.ts/.test(fs.readFileSync(path.join(root, f), 'utf8'));
// The demo accounts' argon2 hashes, made once for the run while dist/ builds, instead of ~3 s of CPU in every file that
// loads the demo (test/support/demo-hashes.ts; testdb.ts reads them). Each account still has its own salt.
const testBuild = await buildTests(root);
if (testBuild.compiled || testBuild.removed)
  console.log(
    `已把 ${testBuild.compiled} 个 TypeScript 文件编译到 .test-build/（删除 ${testBuild.removed} 个过时文件）`,
  );
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-test-run-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
const demoHashes = path.join(scratch, 'demo-hashes.json');
const hashed = new Promise((resolve) => {
  const child = spawn(process.execPath, [compiled('test/support/demo-hashes.ts'), demoHashes], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('close', (code) => resolve(code === 0));
});
// Migrated template databases, made once for the run (test/support/db-templates.ts): each test database starts as a
// copy of one instead of running every migration. PostgreSQL's is made only when that pass will run.
const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
const pgReachable = await postgresReachable();
const templates = new Promise((resolve) => {
  const args = ['create', scratch, runId, ...(pgReachable ? [pgUrl] : [])];
  const child = spawn(process.execPath, [compiled('test/support/db-templates.ts'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const out = [];
  child.stdout.on('data', (c) => out.push(c));
  child.on('close', (code) => resolve(code === 0 ? JSON.parse(Buffer.concat(out).toString()) : null));
});
/**
 * Drops the PostgreSQL databases whose names start with `prefix`. A file's are dropped once its process has ended — a
 * test database dropped while its file still ran would cut the connections of whatever it had left running — and
 * the run's template and leftovers at the end. One at a time, in the background of the run.
 */
let drops = Promise.resolve();
const dropDatabases = (prefix) => {
  drops = drops
    .then(async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      try {
        const found = await client.query('select datname from pg_database where starts_with(datname, $1)', [prefix]);
        for (const { datname } of found.rows) await client.query(`drop database if exists "${datname}" with (force)`);
      } finally {
        await client.end();
      }
    })
    .catch((err) => console.error(`删除测试数据库 ${prefix}* 失败：${err.message}`));
  return drops;
};
const dropRunDatabases = () => (pgReachable ? dropDatabases(`gk_test_${runId}_`) : Promise.resolve());
stopHooks.push(() => {
  if (pgReachable)
    spawnSync(process.execPath, [compiled('test/support/db-templates.ts'), 'drop', pgUrl, runId], { cwd: root });
});

if (files.some(spawnsCli) || files.some(isBrowserTest)) {
  const web = files.some(isBrowserTest) ? [] : ['--no-web'];
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', ...web], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(1);
}

if (!(await hashed)) process.exit(1);
const made = await templates;
if (!made) {
  await dropRunDatabases();
  process.exit(1);
}
const shared = {
  GONGKAI_TEST_DEMO_HASHES: demoHashes,
  GONGKAI_TEST_RUN_ID: runId,
  GONGKAI_TEST_SQLITE_TEMPLATE: made.sqlite,
  ...(made.postgres ? { GONGKAI_TEST_PG_TEMPLATE: made.postgres } : {}),
};

// The longest files run as this many processes at once, each with its share of the file's tests
// (GONGKAI_TEST_SHARD=i/n, test/support/shard.ts), so that none of them is left running alone at the end.
const SHARDED = { 'test/authz-matrix.test.ts': 2, 'test/e2e/review-chain.test.ts': 2 };
const shards = (job) => {
  const n = SHARDED[job.file.split(path.sep).join('/')] ?? 1;
  if (n === 1) return [job];
  return Array.from({ length: n }, (_, i) => ({
    ...job,
    label: `${job.label} ${i + 1}/${n}`,
    env: { ...job.env, GONGKAI_TEST_SHARD: `${i + 1}/${n}` },
  }));
};

const jobs = files
  .filter((f) => !isPostgresOnly(f))
  .map((file) => ({ file, label: 'SQLite', env: { GONGKAI_TEST_DB: 'sqlite', ...shared } }))
  .flatMap(shards);
let refused = false;
if (pgReachable) {
  const env = { GONGKAI_TEST_DB: 'postgres', GONGKAI_TEST_PG_URL: pgUrl, ...shared };
  jobs.push(
    ...files
      .filter((f) => !isSqliteOnly(f))
      .map((file) => ({ file, label: 'PostgreSQL', env }))
      .flatMap(shards),
  );
} else if (process.env.CI === 'true') {
  console.error(`PostgreSQL 不可达（${pgUrl.replace(/:[^:@/]*@/, ':***@')}），CI 中不允许跳过`);
  refused = true;
} else {
  console.log(`（PostgreSQL 不可达，已跳过 PostgreSQL 一轮：${pgUrl}）`);
}
// Interleave the passes so that both engines' slow files start early.
jobs.sort((a, b) => weight(a.file) - weight(b.file));
// Each process names its databases after its job (test/support/testdb.ts), so they can be dropped when it ends.
jobs.forEach((job, i) => {
  job.env = { ...job.env, GONGKAI_TEST_RUN_ID: `${runId}_${i}` };
});

const started = Date.now();
console.log(
  `=== ${jobs.length} 个测试进程（SQLite ${jobs.filter((j) => j.env.GONGKAI_TEST_DB === 'sqlite').length}，`
    + `PostgreSQL ${jobs.filter((j) => j.env.GONGKAI_TEST_DB === 'postgres').length}；`
    + `${jobs.filter((j) => j.env.GONGKAI_TEST_SHARD).length} 个为长文件的分片），同时运行 ${slots} 个 ===`,
);
const results = await runAll(jobs, (job) => {
  if (job.env.GONGKAI_TEST_DB === 'postgres') dropDatabases(`gk_test_${job.env.GONGKAI_TEST_RUN_ID}_`);
});
await dropRunDatabases();
const failedFiles = results.filter((r) => r.code !== 0 || r.fail > 0);
const passed = results.reduce((n, r) => n + r.pass, 0);
const failed = results.reduce((n, r) => n + r.fail, 0) + failedFiles.filter((r) => r.fail === 0).length;
const slowest = [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 8);
console.log(
  `\n最慢的文件：\n${slowest.map((r) => `  ${r.seconds.toFixed(1).padStart(6)} 秒  ${r.label} ${r.file}`).join('\n')}`,
);
if (failedFiles.length) console.log(`\n失败的文件：\n${failedFiles.map((r) => `  ${r.label} ${r.file}`).join('\n')}`);
console.log(`\n用时 ${((Date.now() - started) / 1000).toFixed(0)} 秒`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedFiles.length || refused || jobs.length === 0 ? 1 : 0);
