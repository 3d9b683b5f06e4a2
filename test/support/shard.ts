// Splitting one long test file over several processes: `npm test` (scripts/test.mjs) runs a file it lists in SHARDED
// as n processes at once, each with GONGKAI_TEST_SHARD=i/n (1 ≤ i ≤ n), so that the longest files do not make the
// critical path of the run. Such a file imports `test` from here instead of from node:test: the k-th test the file
// registers (counted from 0) runs in shard k mod n + 1, so each process runs a fixed share of the file's tests in
// their usual order, and together they run each test once. Without the variable (a file run alone) every test runs.
import { test as nodeTest } from 'node:test';

function parseShard(value: string | undefined): { index: number; count: number } {
  if (!value) return { index: 0, count: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]) - 1;
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 0 || index >= count)
    throw new Error(`GONGKAI_TEST_SHARD 应为「i/n」，1 ≤ i ≤ n：${value}`);
  return { index, count };
}

const shard = parseShard(process.env.GONGKAI_TEST_SHARD);
let registered = 0;

/** node:test's `test(name, fn)`, registered only in this process's shard. */
export function test(name: string, fn: () => Promise<void> | void): void {
  const k = registered++;
  if (k % shard.count === shard.index) nodeTest(name, fn);
}
