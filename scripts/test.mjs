// `npm test`: every *.test.ts on SQLite, then again on PostgreSQL when one is reachable.
// With CI=true an unreachable PostgreSQL fails the run instead of skipping that pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const pgUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const only = process.argv.slice(2);

function findTests(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') out.push(...findTests(p));
    else if (e.isFile() && e.name.endsWith('.test.ts')) out.push(path.relative(root, p));
  }
  return out.sort();
}

// Run once, on the SQLite pass: tests that never touch a database (the pure 智能校对 engine), and the browser
// tests, which test the screens (the API under them is tested on both databases).
const isSqliteOnly = (f) => f.startsWith(path.join('src', 'checks') + path.sep) || f.startsWith(path.join('test', 'e2e') + path.sep);
// *.pg.test.ts: what only PostgreSQL does (several app nodes sharing one database through pg-boss); PostgreSQL pass only.
const isPostgresOnly = (f) => f.endsWith('.pg.test.ts');
const isBrowserTest = (f) => f.startsWith(path.join('test', 'e2e') + path.sep);

function run(files, env, label) {
  if (files.length === 0) return 0;
  console.log(`\n=== ${label}: ${files.length} 个测试文件 ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
    cwd: root, stdio: 'inherit', env: { ...process.env, ...env },
  });
  return r.status ?? 1;
}

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

const all = findTests(path.join(root, 'src')).concat(fs.existsSync(path.join(root, 'test')) ? findTests(path.join(root, 'test')) : []);
const files = only.length ? all.filter((f) => only.some((o) => f.includes(o))) : all;
// Tests that spawn `gongkai` (through test/support/cli.ts) run the compiled dist/ — about 0.3 s a start instead of
// 2 s through tsx — so dist/ is rebuilt first when src/ changed since the last build (tsc, no type check). The UI is
// built once before the browser tests, not by each test file at the same time.
const spawnsCli = (f) => fs.readFileSync(path.join(root, f), 'utf8').includes('support/cli.ts');
if (files.some(spawnsCli) || files.some(isBrowserTest)) {
  const web = files.some(isBrowserTest) ? [] : ['--no-web'];
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', ...web], {
    cwd: root, stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(1);
}
let failed = run(files.filter((f) => !isPostgresOnly(f)), { GONGKAI_TEST_DB: 'sqlite' }, 'SQLite');
if (await postgresReachable()) {
  failed |= run(files.filter((f) => !isSqliteOnly(f)), { GONGKAI_TEST_DB: 'postgres', GONGKAI_TEST_PG_URL: pgUrl }, 'PostgreSQL');
} else if (process.env.CI === 'true') {
  console.error(`PostgreSQL 不可达（${pgUrl.replace(/:[^:@/]*@/, ':***@')}），CI 中不允许跳过`);
  failed = 1;
} else {
  console.log(`\n（PostgreSQL 不可达，已跳过 PostgreSQL 一轮：${pgUrl}）`);
}
process.exit(failed ? 1 : 0);
