// 智能校对 of crawled pages on a worker thread, so that proofreading 5,000 pages does not slow the crawl: the
// crawler's thread parses pages and keeps requests flowing while the second core proofreads. Texts go to the worker
// in batches, each proofread in one call of the engine's `runPages` (its cost per call is paid once per
// batch): a batch leaves when it holds BATCH_CHARS characters, BATCH_WAIT_MS after its first text, or at
// flush(). If the worker cannot run, the texts are checked on this thread.
import { Worker } from 'node:worker_threads';
import { type Checker, createChecker } from '../checks/index.ts';
import type { CheckOptions } from '../checks/model.ts';
import { reportPages, type TextReport } from './rules/content.ts';

export interface ContentPool {
  check(text: string): Promise<TextReport>;
  /** Sends the texts waiting for a batch now (a run calls it when it has handed over its last page). */
  flush(): void;
  close(): Promise<void>;
  /** False once the worker failed and texts are checked on this thread. */
  readonly onWorker: boolean;
  /** Whether the worker keeps the process alive (it does from the start, until unref()). */
  ref(): void;
  unref(): void;
}

// Compiled (dist/), the worker is plain JavaScript; run as TypeScript, it starts through the .mjs that registers tsx.
const WORKER_FILE = import.meta.url.endsWith('.ts') ? './content-worker.mjs' : './content-worker.js';
const WORKER = new URL(WORKER_FILE, import.meta.url);

/** A batch is sent when its texts reach this many characters (about 50 article pages)… */
const BATCH_CHARS = 32_768;
/** …or this long after its first text, whichever comes first. */
const BATCH_WAIT_MS = 50;

export function startContentPool(options: CheckOptions = {}): ContentPool {
  const waiting = new Map<number, { text: string; resolve: (r: TextReport) => void }>();
  let batch: { id: number; text: string }[] = [];
  let chars = 0;
  let timer: NodeJS.Timeout | undefined;
  let nextId = 0;
  let local: Checker | undefined;
  let worker: Worker | undefined = new Worker(WORKER, { workerData: options });
  /** On this thread: the worker failed. */
  const here = (items: { text: string; resolve: (r: TextReport) => void }[]) => {
    local ??= createChecker(options);
    const reports = reportPages(
      local,
      items.map((w) => w.text),
    );
    for (const [i, w] of items.entries()) w.resolve(reports[i]);
  };
  const fallBack = () => {
    worker = undefined;
    clearTimeout(timer);
    batch = [];
    chars = 0;
    const items = [...waiting.values()];
    waiting.clear();
    here(items);
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
    clearTimeout(timer);
    timer = undefined;
    if (worker && batch.length) worker.postMessage(batch);
    batch = [];
    chars = 0;
  };
  return {
    get onWorker() {
      return worker !== undefined;
    },
    ref: () => worker?.ref(),
    unref: () => worker?.unref(),
    flush,
    check(text) {
      return new Promise((resolve) => {
        if (!worker) return here([{ text, resolve }]);
        const id = nextId++;
        waiting.set(id, { text, resolve });
        batch.push({ id, text });
        chars += text.length;
        if (chars >= BATCH_CHARS) flush();
        else timer ??= setTimeout(flush, BATCH_WAIT_MS);
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      clearTimeout(timer);
      await w?.terminate();
    },
  };
}

/** A run's use of the shared pool: release() when the run is over. */
export interface PoolLease {
  pool: ContentPool;
  release(): void;
}

/** How long the shared pool's worker stays after the last run released it. */
export const SHARED_POOL_IDLE_MS = 60_000;
let shared: { pool: ContentPool; users: number; idle?: NodeJS.Timeout } | undefined;

/** The process's one 智能校对 worker with the default options, shared by every run (each run of a site used to start
 *  its own: the worker's start — loading src/checks, building the checker, its code still cold — cost about as much
 *  CPU as proofreading 2,000 pages). It is closed after SHARED_POOL_IDLE_MS without a run, and replaced when its
 *  worker has failed. */
export function leaseContentPool(idleMs = SHARED_POOL_IDLE_MS): PoolLease {
  if (shared && !shared.pool.onWorker && shared.users === 0) {
    void shared.pool.close();
    shared = undefined;
  }
  const s = (shared ??= { pool: startContentPool(), users: 0 });
  clearTimeout(s.idle);
  s.idle = undefined;
  // While a run uses it, the worker keeps the process alive (the run awaits its answers); idle, it does not.
  if (s.users++ === 0) s.pool.ref();
  let released = false;
  return {
    pool: s.pool,
    release() {
      if (released) return;
      released = true;
      if (--s.users > 0) return;
      s.pool.unref();
      s.idle = setTimeout(() => {
        if (shared === s && s.users === 0) shared = undefined;
        void s.pool.close();
      }, idleMs);
      s.idle.unref();
    },
  };
}
