// The worker thread of content-pool.ts: 智能校对 on batches of page texts, off the crawler's thread.
import { parentPort, workerData } from 'node:worker_threads';
import { createChecker } from '../checks/index.ts';
import type { CheckOptions } from '../checks/model.ts';
import { reportText } from './rules/content.ts';

const checker = createChecker((workerData ?? {}) as CheckOptions);
parentPort!.on('message', (batch: { id: number; text: string }[]) => {
  parentPort!.postMessage(batch.map(({ id, text }) => ({ id, report: reportText(checker, text) })));
});
