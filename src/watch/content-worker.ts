// The worker thread of content-pool.ts: 智能校对 on batches of page texts, off the crawler's thread, one batch at a
// time through `runPages` (each page its own document, the per-call costs paid once per batch).
import { parentPort, workerData } from 'node:worker_threads';
import { createChecker } from '../checks/index.ts';
import type { CheckOptions } from '../checks/model.ts';
import { reportPages } from './rules/content.ts';

const checker = createChecker((workerData ?? {}) as CheckOptions);
parentPort!.on('message', (batch: { id: number; text: string }[]) => {
  const reports = reportPages(
    checker,
    batch.map((b) => b.text),
  );
  parentPort!.postMessage(batch.map(({ id }, i) => ({ id, report: reports[i] })));
});
