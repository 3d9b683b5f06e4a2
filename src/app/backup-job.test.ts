// 定时备份: daily at 02:00 Asia/Shanghai by default; a run writes an archive, prunes by the retention rule and
// records itself in the ledger; a failed run is in the ledger and every 系统管理员 is told. Both databases.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildPublishOrg, type PublishOrg } from '../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { archiveName } from '../platform/backup/model.ts';
import { nextDue } from '../platform/jobs/model.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { listMyNotifications, listPendingMail } from '../platform/notify/service.ts';
import { backupJob, runBackupJob } from './backup-job.ts';

let deps: TestDeps;
let org: PublishOrg;
before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
});
after(() => deps.close());

test('默认每天北京时间 02:00 备份；设为 off 则不安排', () => {
  const job = backupJob(deps);
  assert.ok(job);
  const due = nextDue(job, Date.parse('2026-12-07T04:00:00Z')); // 12:00 in Shanghai
  assert.equal(new Date(due.at).toISOString(), '2026-12-07T18:00:00.000Z'); // 02:00 on the 8th in Shanghai
  assert.equal(backupJob({ config: { ...deps.config, backupCron: 'off' } }), null);
});

test('定时备份：写出备份、按保留规则删除旧备份、结果记入台账', async () => {
  const dir = path.join(deps.config.dataDir, 'backups');
  fs.mkdirSync(dir, { recursive: true });
  // Two old archives of the same day: only the newer one is kept as that day's.
  const old = [new Date('2026-02-01T01:00:00Z'), new Date('2026-02-01T02:00:00Z')].map((t) => archiveName(t, false));
  for (const n of old) fs.writeFileSync(path.join(dir, n), 'old');
  fs.writeFileSync(path.join(dir, 'README.txt'), '不是备份');
  const res = await runBackupJob(deps);
  assert.equal(res.ok, true, res.error);
  assert.deepEqual(res.pruned, [old[0]]);
  assert.ok(res.file && fs.existsSync(res.file));
  assert.deepEqual(fs.readdirSync(dir).sort(), [path.basename(res.file), old[1], 'README.txt'].sort());
  const [entry] = await listLedger(deps.db, { action: 'system.backup' });
  assert.equal(entry?.action, 'system.backup');
  assert.match(entry.payload, new RegExp(path.basename(res.file)));
});

test('定时备份失败：写入台账，系统管理员收到站内通知和邮件', async () => {
  await deps.db.updateTable('users').set({ email: 'admin@example.gov.cn' }).where('id', '=', org.ids.admin).execute();
  const blocker = path.join(deps.config.dataDir, 'not-a-dir');
  fs.writeFileSync(blocker, '');
  const failing = { ...deps, config: { ...deps.config, backupDir: path.join(blocker, 'backups') } };
  const res = await runBackupJob(failing);
  assert.equal(res.ok, false);
  const entries = await listLedger(deps.db, { action: 'system.backup_failed' });
  assert.equal(entries.length, 1);
  assert.match(entries[0].payload, /not-a-dir/);
  const mine = await listMyNotifications(deps.db, org.ids.admin);
  assert.ok(mine.items.some((n) => n.kind === 'backup.failed' && /定时备份.*失败/.test(n.body)));
  const zhang = await listMyNotifications(deps.db, org.ids.zhang);
  assert.ok(!zhang.items.some((n) => n.kind === 'backup.failed'), '只通知系统管理员');
  const mail = await listPendingMail(deps.db);
  const sent = mail.filter((m) => /定时备份失败/.test(m.mail.subject));
  assert.deepEqual(
    sent.map((m) => m.mail.to),
    [['admin@example.gov.cn']],
  );
});
