// One app node of `npm run bench:watch-scale` (its own process, like `gongkai serve`): the scheduler with the homepage
// probe groups and the full watch run, on the database in DATABASE_URL / GONGKAI_DATA_DIR, for SCALE_MINUTES minutes.
// Prints one JSON line: the probes this node ran and its peak RSS.
import { readFileSync } from 'node:fs';
import { openRuntime } from '../src/app/runtime.ts';
import { createScheduler } from '../src/platform/jobs/index.ts';
import { availabilityJobs, Confirmations, groupOf, runAvailabilityJob, runFullWatchJob } from '../src/watch/jobs.ts';
import { listWatchTargets } from '../src/watch/service.ts';

const minutes = Number(process.env.SCALE_MINUTES ?? 6);
const fullEveryMs = Number(process.env.SCALE_FULL_MS ?? 0);
const rt = await openRuntime({ logLevel: 'error' });
const { deps } = rt;
// Compressed time keeps the groups of the real 5-minute interval (30 of about 17 sites, each fitting one round of
// probes), not the fewer of the compressed one (SCALE_GROUPS).
const groups = Number(process.env.SCALE_GROUPS ?? 0);
const jobs = groups ? availabilityJobs(deps.config, groups) : availabilityJobs(deps.config);
const sites = (await listWatchTargets(deps)).sites.filter((s) => s.active);
const sizes = jobs.map((_, k) => sites.filter((s) => groupOf(s.id, jobs.length) === k).length);
const scheduler = createScheduler(deps);
const confirmations = new Confirmations(); // as src/app/jobs.ts: re-checks after their group's slot
let probes = 0;
let fullRuns = 0;
for (const [index, job] of jobs.entries()) {
  scheduler.every(job, async (run) => {
    await runAvailabilityJob(deps, run, { index, of: jobs.length }, confirmations);
    probes += sizes[index];
  });
}
if (fullEveryMs) {
  scheduler.every({ name: 'watch.sites', title: '网站巡检', when: { intervalMs: fullEveryMs } }, async () => {
    await runFullWatchJob(deps);
    fullRuns++;
  });
}
let peakRss = 0;
const sample = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 1000);
await scheduler.start();
process.stdout.write(`${JSON.stringify({ ready: Date.now() })}\n`);
await new Promise((resolve) => setTimeout(resolve, minutes * 60_000));
clearInterval(sample);
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
peakRss = Math.max(peakRss, hwm ? Number(hwm[1]) * 1024 : 0);
process.stdout.write(
  `${JSON.stringify({ pid: process.pid, probes, fullRuns, peakRssMb: Math.round(peakRss / 1048576) })}\n`,
);
// A full run under way may take minutes more: the node stops scheduling and leaves after at most 20 s.
await Promise.race([
  scheduler
    .stop()
    .then(() => confirmations.idle())
    .then(() => rt.close()),
  new Promise((resolve) => setTimeout(resolve, 20_000)),
]);
process.exit(0);
