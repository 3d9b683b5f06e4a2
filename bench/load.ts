// `npm run bench:load [-- --db sqlite|postgres] [--items 1000000] [--users 100] [--seconds 300] [--rate 1]
//   [--failover]`: the server under load (issue 13 §3). Seeds the items straight into a private database, starts the
// compiled `gongkai serve` on it (a separate process, as in production), signs in the users and lets each one work
// for `--seconds` through autocannon, one connection per user at `--rate` requests a second (a person who clicks
// every second is far busier than any reviewer). 40 % of the users approve items at 二审 (writes); the others read:
// 分管领导 and 主要领导 their queue, item pages and their unit's ledger; 工作人员 their queue and items; 值班人员 and
// 带班领导 the watch overview; 督查, 区电子政务中心 and 审计管理员 the ledger and the overview. Prints p50/p99 of reads
// and writes, per page, and every error; exits 1 past the targets (p99 reads ≤ 300 ms, writes ≤ 500 ms, no error).
// `--failover` (PostgreSQL): two app nodes behind the benchmark's own round-robin (per connection), node 1 killed
// (SIGKILL) half-way; then every approval that was answered 200 must be in the database.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { Deps } from '../src/platform/deps.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/org/demo.ts';
import type { Role } from '../src/org/model.ts';
import { insertRoles, insertUsers } from '../src/org/user-store.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { urlWithSchema } from '../src/platform/db/pg-schema.ts';
import { benchDeps, LEVEL2_APPROVAL, openBenchDb, PG_URL, type QueueOrder, seedItems } from './seed.ts';
import { cpuMsOf, freePort, machineLine, median, percentile } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    items: { type: 'string', default: '1000000' },
    users: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '300' },
    rate: { type: 'string', default: '1' },
    failover: { type: 'boolean', default: false },
  },
});
const ITEMS = Number(args.items);
const USERS = Number(args.users);
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const FAILOVER = args.failover;
const ENGINE = FAILOVER ? 'postgres' : args.db!;
const TARGET = { read: 300, write: 500 };
const root = path.resolve(import.meta.dirname, '..');

type Page = 'queue' | 'item' | 'ledger' | 'overview' | 'approve';
interface Person {
  username: string;
  unitId: string;
  pages: Page[];
  /** Writers: the items waiting for them at 二审. */
  queue?: string[];
}

/** What a request was, kept in autocannon's per-request context until its response. */
interface Sent {
  page: Page;
  path: string;
}

const unitRole = (prefix: string, suffix: string) => `${prefix}.${suffix}`;

/** The cast: `users` people over the demo units, 40 % of them section heads approving (extra ones are added). */
async function cast(deps: Deps): Promise<{ writers: Person[]; readers: Person[]; orders: QueueOrder[] }> {
  const db = deps.db;
  const units = await db.selectFrom('units').select(['id', 'name']).orderBy('created_at').execute();
  const people = await db
    .selectFrom('users')
    .innerJoin('role_assignments', 'role_assignments.user_id', 'users.id')
    .select([
      'users.id',
      'users.username',
      'users.password_hash',
      'role_assignments.role',
      'role_assignments.unit_id',
      'role_assignments.section_id',
    ])
    .execute();
  const sections = await db.selectFrom('sections').select(['id', 'unit_id']).orderBy('created_at').execute();
  const prefixOf = (unitId: string) =>
    people.find((p) => p.unit_id === unitId && p.role === 'staff')!.username.split('.')[0];
  const hash = people[0].password_hash; // one argon2 hash of the demo password for the added people (a bench database)
  const added: { id: string; username: string; unitId: string; role: Role; sectionId: string | null }[] = [];
  const writerCount = Math.round(USERS * 0.4);
  const writers: Person[] = [];
  const orders: QueueOrder[] = [];
  const perWriter = Math.ceil(RATE * SECONDS * 1.2) + 20;
  for (let k = 0; writers.length < writerCount; k++) {
    const unit = units[k % units.length];
    const round = Math.floor(k / units.length);
    const unitSections = sections.filter((s) => s.unit_id === unit.id);
    const demo = people.find((p) => p.unit_id === unit.id && p.role === 'sectionHead')!;
    let who = { id: demo.id, username: demo.username, sectionId: demo.section_id! };
    if (round > 0) {
      const username = unitRole(prefixOf(unit.id), `section${round + 1}`);
      who = { id: randomUUID(), username, sectionId: unitSections[round % unitSections.length].id };
      added.push({ id: who.id, username, unitId: unit.id, role: 'sectionHead', sectionId: who.sectionId });
    }
    const author = people.find((p) => p.unit_id === unit.id && p.role === 'staff')!;
    orders.push({ unitId: unit.id, sectionId: who.sectionId, authorId: author.id, count: perWriter });
    writers.push({ username: who.username, unitId: unit.id, pages: ['approve'] });
  }
  const pagesOf: Partial<Record<Role, Page[]>> = {
    leader: ['queue', 'item', 'ledger'],
    principal: ['queue', 'item', 'ledger'],
    staff: ['queue', 'item'],
    dutyOfficer: ['overview'],
    dutyLeader: ['overview'],
    inspector: ['ledger', 'overview', 'item'],
    egovCenter: ['overview', 'ledger'],
    auditAdmin: ['ledger'],
  };
  const readers: Person[] = people
    .filter((p) => pagesOf[p.role as Role])
    .map((p) => ({ username: p.username, unitId: p.unit_id, pages: pagesOf[p.role as Role]! }))
    .slice(0, USERS - writerCount);
  for (let k = 0; readers.length < USERS - writerCount; k++) {
    const unit = units[k % units.length];
    const username = unitRole(prefixOf(unit.id), `leader${Math.floor(k / units.length) + 2}`);
    added.push({ id: randomUUID(), username, unitId: unit.id, role: 'leader', sectionId: null });
    readers.push({ username, unitId: unit.id, pages: pagesOf.leader! });
  }
  const now = deps.clock.now();
  await insertUsers(
    db,
    added.map((a) => ({
      id: a.id,
      username: a.username,
      name: `压测${a.username}`,
      unitId: a.unitId,
      passwordHash: hash,
    })),
    now,
  );
  await insertRoles(
    db,
    added.map((a) => ({ id: randomUUID(), userId: a.id, role: a.role, unitId: a.unitId, sectionId: a.sectionId })),
    now,
  );
  return { writers, readers, orders };
}

/** `gongkai serve` (compiled) on the bench database; resolves once /api/health answers. */
async function startNode(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'gongkai.js'), 'serve'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      GONGKAI_DEMO: '0',
      LOG_LEVEL: 'warn',
      GONGKAI_LOGIN_RATE_PER_MINUTE: '10000',
    },
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gongkai serve 退出码 ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Round-robin per connection over the nodes still accepting connections (the benchmark's load balancer). */
function roundRobin(ports: number[]): Promise<net.Server> {
  let next = 0;
  const server = net.createServer((client) => {
    const attempt = (tries: number) => {
      const port = ports[next++ % ports.length];
      const upstream = net.connect(port, '127.0.0.1');
      upstream.once('connect', () => {
        client.pipe(upstream).pipe(client);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      });
      upstream.once('error', () => {
        if (upstream.readyState === 'closed' && tries < ports.length) attempt(tries + 1);
        else client.destroy();
      });
    };
    attempt(1);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function signIn(base: string, username: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`${username} 登录失败：${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': csrfToken };
}

async function main(): Promise<void> {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(1);
  const opened = await openBenchDb(ENGINE);
  const deps = benchDeps(opened);
  await migrateToLatest(deps.db, opened.schema);
  await loadDemo(deps);
  const { writers, readers, orders } = await cast(deps);
  const ownItems = orders.reduce((n, o) => n + o.count, 0);
  console.log(
    `数据库 ${opened.engine}；写入 ${ITEMS.toLocaleString()} 条稿件（其中 ${ownItems.toLocaleString()} 条待二审）…`,
  );
  const seedStart = performance.now();
  const queues = await seedItems(deps.db, opened.engine, Math.max(0, ITEMS - ownItems), orders);
  writers.forEach((w, i) => {
    w.queue = queues[i];
  });
  console.log(`写入用时 ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  // Item pages: a sample of each unit's items (their staff member wrote them; leaders and the inspector may read them).
  const sample = new Map<string, string[]>();
  for (const unitId of new Set([...readers, ...writers].map((p) => p.unitId))) {
    const rows = await deps.db
      .selectFrom('items')
      .select('id')
      .where('unit_id', '=', unitId)
      .where('stage', '=', 'published')
      .limit(500)
      .execute();
    sample.set(
      unitId,
      rows.map((r) => r.id),
    );
  }

  const env: Record<string, string> =
    opened.engine === 'postgres'
      ? { DATABASE_URL: urlWithSchema(PG_URL, opened.schema!) }
      : { GONGKAI_DATA_DIR: opened.dir!, DATABASE_URL: '' };
  const ports = FAILOVER ? [await freePort(), await freePort()] : [await freePort()];
  const nodes: ChildProcess[] = [];
  for (const port of ports) nodes.push(await startNode(port, env));
  const balancer = FAILOVER ? await roundRobin(ports) : null;
  const base = `http://127.0.0.1:${balancer ? (balancer.address() as net.AddressInfo).port : ports[0]}`;
  const sessions = new Map<string, Record<string, string>>();
  for (const p of [...writers, ...readers]) sessions.set(p.username, await signIn(base, p.username));
  console.log(
    `${nodes.length} 个节点，${writers.length + readers.length} 名用户（${writers.length} 名审核、${readers.length} 名浏览），`
      + `每人每秒 ${RATE} 次，${SECONDS} 秒…`,
  );

  const latencies: Record<Page, number[]> = { queue: [], item: [], ledger: [], overview: [], approve: [] };
  const failures = new Map<string, number>();
  const acknowledged: string[] = [];
  const fail = (what: string) => failures.set(what, (failures.get(what) ?? 0) + 1);
  const pathOf = (person: Person, page: Page, i: number): string => {
    const items = sample.get(person.unitId)!;
    switch (page) {
      case 'queue':
        return '/api/review-queue?limit=20';
      case 'item':
        return `/api/items/${items[i % items.length]}`;
      case 'ledger':
        return '/api/ledger?limit=50';
      case 'overview':
        return '/api/watch/overview';
      case 'approve':
        return `/api/items/${person.queue![i + 1]}/approve`; // [0]: the warm-up's
    }
  };
  // Warm-up, not measured: each person opens each of their pages once (a writer approves its first item), so that
  // the modules loaded on first use (the calendar, 智能校对 on entering 保密审查) are loaded before the clock starts.
  for (const person of [...writers, ...readers]) {
    for (const page of person.pages) {
      const write = page === 'approve';
      const res = await fetch(`${base}${write ? `/api/items/${person.queue![0]}/approve` : pathOf(person, page, 0)}`, {
        method: write ? 'POST' : 'GET',
        body: write ? JSON.stringify(LEVEL2_APPROVAL) : undefined,
        headers: { ...sessions.get(person.username)!, ...(write ? { 'content-type': 'application/json' } : {}) },
      });
      if (res.status !== 200) throw new Error(`${person.username} ${page}：${res.status} ${await res.text()}`);
    }
  }
  const cpuBefore = nodes.map((n) => cpuMsOf(n.pid!));
  const runs = [...writers, ...readers].map((person, n) => {
    let sent = 0;
    let last: Page = person.pages[0];
    const write = person.pages[0] === 'approve';
    return new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections: 1,
          connectionRate: RATE,
          duration: SECONDS,
          timeout: 30,
          requests: [
            {
              method: write ? 'POST' : 'GET',
              body: write ? JSON.stringify(LEVEL2_APPROVAL) : undefined,
              headers: { ...sessions.get(person.username)!, ...(write ? { 'content-type': 'application/json' } : {}) },
              setupRequest: (req, context) => {
                const at = context as Sent;
                const i = sent++ + n; // each reader starts at another page
                at.page = person.pages[i % person.pages.length];
                at.path = pathOf(person, at.page, write ? i - n : i);
                return { ...req, path: at.path };
              },
              onResponse: (status, body, context) => {
                const at = context as Sent;
                last = at.page;
                if (status === 200 && write) acknowledged.push(at.path.split('/')[3]);
                if (status !== 200) fail(`${status} ${at.page}：${String(body).slice(0, 160)}`);
              },
            },
          ],
        },
        (err, result) => (err ? reject(err) : resolve(result)),
      );
      // Emitted right after onResponse for the same request: `last` is its page.
      instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
        latencies[last].push(ms);
      });
    });
  });
  let killedAt = '';
  const killer = FAILOVER
    ? setTimeout(
        () => {
          nodes[0].kill('SIGKILL');
          killedAt = new Date().toISOString();
          console.log(`已强制停止节点 1（${killedAt}）`);
        },
        (SECONDS * 1000) / 2,
      )
    : null;
  const results = await Promise.all(runs);
  if (killer) clearTimeout(killer);
  const errors = results.reduce((n, r) => n + r.errors + r.timeouts, 0);
  // The server's own CPU per request (the node that ran throughout): what the machine's load does not stretch.
  const survivor = nodes.length - 1;
  const cpuMs = cpuMsOf(nodes[survivor].pid!) - cpuBefore[survivor];

  // Every approval answered 200 is in the database: its 二审 step.
  const found = new Set<string>();
  for (let i = 0; i < acknowledged.length; i += 500) {
    const rows = await deps.db
      .selectFrom('review_steps')
      .select('item_id')
      .where('level', '=', 2)
      .where('item_id', 'in', acknowledged.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.item_id);
  }
  const lost = acknowledged.filter((id) => !found.has(id)).length;
  for (const node of nodes) node.kill('SIGTERM');
  await Promise.all(
    nodes.map((n) =>
      n.exitCode === null && n.signalCode === null ? new Promise((resolve) => n.once('exit', resolve)) : null,
    ),
  );
  balancer?.close();
  await opened.close();

  const reads = [...latencies.queue, ...latencies.item, ...latencies.ledger, ...latencies.overview];
  const line = (name: string, s: number[]) =>
    `  ${name}：${s.length} 次，p50 ${median(s).toFixed(1)} ms，p99 ${percentile(s, 0.99).toFixed(1)} ms，`
    + `最长 ${Math.max(...s).toFixed(0)} ms`;
  console.log(
    `\n${machineLine()}，负载 ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const killed = FAILOVER ? `（节点 1 于 ${killedAt} 停止）` : '';
  console.log(`数据库 ${opened.engine}，稿件 ${ITEMS.toLocaleString()} 条，${nodes.length} 个节点${killed}`);
  console.log(line('读（合计）', reads));
  for (const page of ['queue', 'item', 'ledger', 'overview'] as const) {
    if (latencies[page].length) console.log(line(`  ${page}`, latencies[page]));
  }
  console.log(line('写（二审通过）', latencies.approve));
  console.log(
    `读 ${reads.length} 次（${((100 * reads.length) / (reads.length + latencies.approve.length)).toFixed(0)} %），`
      + `连接错误和超时 ${errors} 次，非 200 应答 ${[...failures.values()].reduce((a, b) => a + b, 0)} 次`,
  );
  for (const [what, count] of failures) console.log(`  ${count} × ${what}`);
  console.log(`已确认的审核通过 ${acknowledged.length} 次，数据库中缺少 ${lost} 次`);
  const served = results.reduce((n, r) => n + r.requests.total, 0);
  if (!FAILOVER)
    console.log(`服务进程 CPU：${(cpuMs / 1000).toFixed(1)} s，平均每次请求 ${(cpuMs / served).toFixed(1)} ms`);
  const met = percentile(reads, 0.99) <= TARGET.read && percentile(latencies.approve, 0.99) <= TARGET.write;
  if (lost || (!FAILOVER && (errors || failures.size || !met))) process.exitCode = 1;
}

await main();
