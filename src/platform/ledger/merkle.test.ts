// RFC 9162 trees and proofs, checked against a reference written here straight from the RFC's definitions
// (§2.1.1 MTH, §2.1.3.1 PATH, §2.1.4.1 PROOF) — recursion over the leaves, sharing no code with merkle.ts — and
// RFC 8785 canonical JSON against the RFC's own examples.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { canonicalJson, isCanonicalJson } from './canonical.ts';
import {
  consistencyRanges,
  foldRight,
  type Frontier,
  inclusionRanges,
  perfectsOf,
  pushLeaf,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const refLeaf = (data: string) => sha(Buffer.from([0]), Buffer.from(data));
const k = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1); // largest power of two < n
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return d[0];
  return sha(Buffer.from([1]), mth(d.slice(0, k(d.length))), mth(d.slice(k(d.length))));
}
function refPath(m: number, d: Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s ? [...refPath(m, d.slice(0, s)), mth(d.slice(s))] : [...refPath(m - s, d.slice(s)), mth(d.slice(0, s))];
}
function refSubproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s
    ? [...refSubproof(m, d.slice(0, s), b), mth(d.slice(s))]
    : [...refSubproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
}
const hex = (bs: Buffer[]) => bs.map((b) => b.toString('hex'));
const leaves = Array.from({ length: 40 }, (_, i) => refLeaf(`第 ${i + 1} 条`));

test('右边界逐条追加得到的根，与按 RFC 9162 定义递归计算的根一致（1–40 条）', () => {
  let f: Frontier = { size: 0, hashes: [] };
  assert.equal(rootOf(f), mth([]).toString('hex'));
  for (let n = 1; n <= leaves.length; n++) {
    f = pushLeaf(f, leaves[n - 1].toString('hex')).frontier;
    assert.equal(rootOf(f), mth(leaves.slice(0, n)).toString('hex'), `size ${n}`);
  }
});

test('追加时完成的子树哈希正确；由它们拼出的任意证明与 RFC 定义的证明相同', () => {
  const stored = new Map<string, string>(leaves.map((l, i) => [`0:${i}`, l.toString('hex')]));
  let f: Frontier = { size: 0, hashes: [] };
  for (const l of leaves) {
    const pushed = pushLeaf(f, l.toString('hex'));
    for (const p of pushed.finished) {
      const span = leaves.slice(p.idx * 2 ** p.level, (p.idx + 1) * 2 ** p.level);
      assert.equal(p.hash, mth(span).toString('hex'));
      stored.set(`${p.level}:${p.idx}`, p.hash);
    }
    f = pushed.frontier;
  }
  const hashOf = ([a, b]: [number, number]) =>
    foldRight(perfectsOf(a, b).map((p) => stored.get(`${p.level}:${p.idx}`)!));
  for (let n = 1; n <= leaves.length; n++) {
    for (let m = 0; m < n; m++) {
      assert.deepEqual(inclusionRanges(m, 0, n).map(hashOf), hex(refPath(m, leaves.slice(0, n))), `path ${m}/${n}`);
    }
    for (let m = 1; m < n; m++) {
      const expected = hex(refSubproof(m, leaves.slice(0, n), true));
      assert.deepEqual(consistencyRanges(m, n).map(hashOf), expected, `proof ${m}/${n}`);
    }
  }
});

test('校验函数接受 RFC 定义的证明，拒绝改过的证明、错的位置和错的根', () => {
  for (let n = 1; n <= 24; n++) {
    const d = leaves.slice(0, n);
    const root = mth(d).toString('hex');
    for (let m = 0; m < n; m++) {
      const path = hex(refPath(m, d));
      assert.equal(verifyInclusion(m, n, d[m].toString('hex'), path, root), true, `${m}/${n}`);
      assert.equal(verifyInclusion(m, n, leaves[39].toString('hex'), path, root), false);
      if (n > 1) assert.equal(verifyInclusion((m + 1) % n, n, d[m].toString('hex'), path, root), false);
      const rotated = [...path.slice(1), path[0]];
      if (path.length > 1) assert.equal(verifyInclusion(m, n, d[m].toString('hex'), rotated, root), false);
    }
    for (let m = 1; m < n; m++) {
      const proof = hex(refSubproof(m, d, true));
      const old = mth(d.slice(0, m)).toString('hex');
      assert.equal(verifyConsistency(m, n, old, root, proof), true, `${m}→${n}`);
      assert.equal(verifyConsistency(m, n, mth(leaves.slice(1, m + 1)).toString('hex'), root, proof), false);
      assert.equal(verifyConsistency(m, n, old, mth(leaves.slice(1, n + 1)).toString('hex'), proof), false);
    }
  }
});

test('RFC 8785：键按 UTF-16 码元排序，数值按 ECMAScript 输出；不能表示的值被拒绝', () => {
  const sorted = {
    '\u20ac': 'Euro Sign',
    '\r': 'Carriage Return',
    '\ufb33': 'Hebrew Letter Dalet With Dagesh',
    1: 'One',
    '\ud83d\ude00': 'Emoji: Grinning Face',
    '\u0080': 'Control',
    '\u00f6': 'Latin Small Letter O With Diaeresis',
  };
  const order = [...canonicalJson(sorted).matchAll(/"([^"]*)":/g)].map((m) => JSON.parse(`"${m[1]}"`));
  assert.deepEqual(order, ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  // biome-ignore lint/correctness/noPrecisionLoss: RFC 8785's own sample, rounded on purpose
  const numbers = [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001, -0];
  assert.equal(canonicalJson({ numbers }), '{"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27,0]}');
  assert.equal(
    canonicalJson({ b: [true, null, 'a\u000f"\\'], a: { d: 1, c: undefined } }),
    '{"a":{"d":1},"b":[true,null,"a\\u000f\\"\\\\"]}',
  );
  for (const bad of [Number.POSITIVE_INFINITY, '\udc00', new Map(), 1n, () => 1]) {
    assert.throws(() => canonicalJson({ bad }));
  }
  assert.equal(isCanonicalJson('{"a":1,"b":2}'), true);
  for (const text of ['{"b":2,"a":1}', '{"a":1, "b":2}', '{"a":1,"a":2}', '{"a":"\\u0041"}', '{"a":1.0}', 'not json']) {
    assert.equal(isCanonicalJson(text), false, text);
  }
});
