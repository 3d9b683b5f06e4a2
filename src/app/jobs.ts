// Every recurring job of the application, on one scheduler (src/platform/jobs): in this process on SQLite, through
// pg-boss on PostgreSQL so that with several nodes each run happens once.
import { backupJob, runBackupJob } from './backup-job.ts';
import { DECISION_REMINDER_JOB, runDecisionReminderJob } from '../decisions/reminders.ts';
import { runShiftReminderJob, SHIFT_REMINDER_JOB } from '../duty/reminders.ts';
import { CHECKPOINT_JOB, runCheckpointJob } from '../oversight/checkpoints.ts';
import { createScheduler, type Scheduler } from '../platform/jobs/index.ts';
import { OUTBOX_JOB, runOutboxJob } from '../platform/notify/worker.ts';
import { PUBLISH_JOB, runPublishJob } from '../publish/jobs.ts';
import { runSecrecyReminderJob, SECRECY_REMINDER_JOB } from '../secrecy/reminders.ts';
import { startNodeChecks } from '../watch/node-checks.ts';
import { RETENTION_JOB, runRetentionJob } from '../watch/retention.ts';
import {
  availabilityJobs,
  Confirmations,
  runAccountsJob,
  runAvailabilityJob,
  runDeliveryJob,
  runEscalationJob,
  runFullWatchJob,
  WATCH_JOBS,
} from '../watch/jobs.ts';
import type { Deps } from '../platform/deps.ts';

export async function startScheduler(deps: Deps): Promise<Scheduler> {
  const scheduler = createScheduler(deps);
  scheduler.every(PUBLISH_JOB, () => runPublishJob(deps)); // 定时发布：每分钟
  scheduler.every(OUTBOX_JOB, () => runOutboxJob(deps)); // mail leaves only after its transaction committed
  scheduler.every(SECRECY_REMINDER_JOB, () => runSecrecyReminderJob(deps)); // 保密审查 10 个工作日：剩 3 日与超期时提醒
  scheduler.every(SHIFT_REMINDER_JOB, () => runShiftReminderJob(deps)); // 值班：班次开始前提醒值班人员
  scheduler.every(DECISION_REMINDER_JOB, () => runDecisionReminderJob(deps)); // 重大行政决策：计划决策时间前、征求意见截止时提醒
  // 读网值班监测：首页每 5 分钟探测一次（网站分组错开），每小时全站巡检；异常事件的升级与通知发送
  const groups = availabilityJobs(deps.config);
  const confirmations = new Confirmations(); // re-checks of failed probes, after their group's slot
  for (const [index, job] of groups.entries()) {
    scheduler.every(job, (run) => runAvailabilityJob(deps, run, { index, of: groups.length }, confirmations));
  }
  scheduler.every(WATCH_JOBS.full, () => runFullWatchJob(deps));
  scheduler.every(WATCH_JOBS.escalate, () => runEscalationJob(deps));
  scheduler.every(WATCH_JOBS.deliver, () => runDeliveryJob(deps));
  scheduler.every(WATCH_JOBS.accounts, () => runAccountsJob(deps));
  scheduler.every(RETENTION_JOB, async () => void (await runRetentionJob(deps))); // 探测记录按日汇总，原始记录保留期满后清理
  scheduler.every(CHECKPOINT_JOB, () => runCheckpointJob(deps)); // 登记台账：每小时签署检查点（有新记录时），发给督查
  const backup = backupJob(deps); // 定时备份：默认每天 02:00，按保留规则清理旧备份；失败时通知系统管理员
  if (backup) scheduler.every(backup, async () => void (await runBackupJob(deps)));
  await scheduler.start();
  const stopJobs = scheduler.stop.bind(scheduler);
  scheduler.stop = async () => {
    await stopJobs();
    await confirmations.idle();
  };
  if (deps.engine !== 'postgres') return scheduler;
  // Several nodes: each answers the others' re-checks of a failed homepage (读网值班, src/watch/node-checks.ts).
  const nodes = startNodeChecks(deps);
  const stop = scheduler.stop.bind(scheduler);
  scheduler.stop = async () => {
    await nodes.stop();
    await stop();
  };
  return scheduler;
}
