// 智能校对 of crawled pages on a worker thread, so that proofreading 5,000 pages does not slow the crawl: the
// crawler's thread parses pages and keeps requests flowing while the second core proofreads. Texts are sent in
// batches (one message per event-loop turn). If the worker cannot run, the texts are checked on this thread.
import { Worker } from 'node:worker_threads';
import { createChecker, type Checker } from '../checks/index.ts';
import type { CheckOptions } from '../checks/model.ts';
import { reportText, type TextReport } from './rules/content.ts';

export interface ContentPool {
  check(text: string): Promise<TextReport>;
  close(): Promise<void>;
}

// Compiled (dist/), the worker is plain JavaScript; run as TypeScript, it starts through the .mjs that registers tsx.
const WORKER_FILE = import.meta.url.endsWith('.ts') ? './content-worker.mjs' : './content-worker.js';
const WORKER = new URL(WORKER_FILE, import.meta.url);

export function startContentPool(options: CheckOptions = {}): ContentPool {
  const waiting = new Map<number, { text: string; resolve: (r: TextReport) => void }>();
  let batch: { id: number; text: string }[] = [];
  let nextId = 0;
  let local: Checker | undefined;
  let worker: Worker | undefined = new Worker(WORKER, { workerData: options });
  worker.unref();
  const fallBack = () => {
    worker = undefined;
    local ??= createChecker(options);
    for (const [id, w] of waiting) {
      waiting.delete(id);
      w.resolve(reportText(local, w.text));
    }
  };
  worker.on('message', (results: { id: number; report: TextReport }[]) => {
    for (const { id, report } of results) {
      waiting.get(id)?.resolve(report);
      waiting.delete(id);
    }
  });
  worker.on('error', fallBack);
  worker.on('exit', () => {
    if (waiting.size) fallBack();
  });
  const flush = () => {
    if (worker && batch.length) worker.postMessage(batch);
    batch = [];
  };
  return {
    check(text) {
      if (!worker) return Promise.resolve(reportText((local ??= createChecker(options)), text));
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, { text, resolve });
        if (batch.push({ id, text }) === 1) setImmediate(flush);
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}
