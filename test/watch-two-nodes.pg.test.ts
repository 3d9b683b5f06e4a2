// Several app nodes on one PostgreSQL (ARCHITECTURE.md, deployment): two `gongkai serve` processes watch the same
// site, and each homepage probe slot is run by exactly one of them — counted both in the database and by the site.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { startGovSite, type GovSite } from './fixtures/gov-site/server.ts';
import { watchWorld, type WatchWorld } from './support/watch-fixtures.ts';
import { GONGKAI_BIN } from './support/cli.ts';
import { freePort } from './support/net.ts';
import { ensureWebBuild } from '../src/app/web-build.ts';
import { CLOAKING_FETCHES } from '../src/watch/hidden-scan.ts';
import { addSite, removeSite } from '../src/watch/service.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

let w: WatchWorld;
let gov: GovSite;
let siteId: string;
before(async () => {
  await ensureWebBuild(); // built once here, not by both servers at the same time
  w = await watchWorld({ watchAllowPrivate: '1' }); // the fixture site on 127.0.0.1 may be registered
  gov = await startGovSite();
  const egov = await w.org.actor('egov');
  await removeSite(w.deps, egov, w.site.id); // the fixture world's site is on the internet: not probed here
  siteId = (
    await addSite(w.deps, egov, {
      unitId: w.org.unitId,
      name: '綦江区人民政府网（测试站）',
      url: gov.url,
      kind: 'portal',
    })
  ).id;
});
after(async () => {
  await gov?.close();
  await w?.deps.close();
});

function startServer(port: number): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [GONGKAI_BIN, 'serve'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ...w.deps.cliEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      GONGKAI_WATCH_ALLOW_PRIVATE: '1',
      GONGKAI_WATCH_PROBE_SECONDS: '2',
      GONGKAI_WATCH_CONFIRM_SECONDS: '0',
    },
  });
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function waitUntilServing(port: number): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`端口 ${port} 上的服务没有启动`);
}

test('两个 serve 进程共用一个 PostgreSQL：首页探测每一轮只由其中一个进程执行一次', { timeout: 120_000 }, async () => {
  const ports = [await freePort(), await freePort()];
  const nodes = ports.map(startServer);
  try {
    await Promise.all(ports.map(waitUntilServing));
    const since = new Date().toISOString();
    // Wait for what the nodes record, not for a time: three probe slots run since both answered (2-second slots;
    // each node starts its scheduler once it listens, later on a loaded machine).
    const probesSince = () =>
      w.deps.db
        .selectFrom('watch_runs')
        .select('started_at')
        .where('site_id', '=', siteId)
        .where('monitor', '=', 'availability')
        .where('started_at', '>=', since)
        .execute();
    let runs = await probesSince();
    for (let i = 0; i < 360 && runs.length < 3; i++) {
      await sleep(250);
      runs = await probesSince();
    }
    for (const n of nodes) assert.equal(n.child.exitCode, null, '两个服务进程都应一直运行');
    const slots = new Set(runs.map((r) => String(r.started_at)));
    assert.ok(runs.length >= 3, `90 秒内只探测了 ${runs.length} 次`);
    assert.equal(slots.size, runs.length, `有探测轮次被执行了不止一次：${JSON.stringify(runs)}`);
  } finally {
    for (const n of nodes) n.child.kill('SIGTERM');
    const codes = await Promise.all(nodes.map((n) => n.exited));
    assert.deepEqual(codes, [0, 0], '收到 SIGTERM 后两个服务进程都应正常退出');
  }
  // The site saw one GET of its homepage per recorded probe (and per hourly full run, should one have fallen in the
  // window, with the cloaking check's requests as a browser and as each spider): no node probed without the other
  // knowing.
  const probes = await w.deps.db.selectFrom('watch_probes').select('id').where('site_id', '=', siteId).execute();
  const fullRuns = await w.deps.db
    .selectFrom('watch_runs')
    .select('id')
    .where('site_id', '=', siteId)
    .where('monitor', '=', 'links')
    .execute();
  assert.equal(gov.hits.get('/'), probes.length + fullRuns.length * (1 + CLOAKING_FETCHES));
});
