// The ledger as a Merkle tree in the sense of RFC 9162 (Certificate Transparency 2.0) §2.1: leaf hash
// SHA-256(0x00 || entry), node hash SHA-256(0x01 || left || right), a tree of n leaves split at the largest power of
// two below n. Pure: hashes in and out as lower-case hex; no database. An inspector's verification needs only
// verifyInclusion / verifyConsistency, the root of a signed checkpoint and the hashes a proof carries.
import { createHash } from 'node:crypto';

export const EMPTY_ROOT = createHash('sha256').digest('hex'); // MTH({}) = SHA-256()

export function leafHash(entry: string | Uint8Array): string {
  return createHash('sha256')
    .update(Buffer.from([0]))
    .update(entry)
    .digest('hex');
}

export function nodeHash(left: string, right: string): string {
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(Buffer.from(left, 'hex'))
    .update(Buffer.from(right, 'hex'))
    .digest('hex');
}

/** The largest power of two smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A complete subtree of 2^level leaves starting at leaf idx·2^level: what the store keeps one hash for. */
export interface Perfect {
  level: number;
  idx: number;
}

/** The complete subtrees that make up the leaves [start, end) as the RFC 9162 tree shape cuts them, left to right. */
export function perfectsOf(start: number, end: number): Perfect[] {
  const out: Perfect[] = [];
  let pos = start;
  for (let level = Math.floor(Math.log2(Math.max(end - start, 1))) + 1; level >= 0; level--) {
    const size = 2 ** level;
    if (pos + size <= end && pos % size === 0) {
      out.push({ level, idx: pos / size });
      pos += size;
    }
  }
  if (pos !== end) throw new Error(`叶子区间 [${start}, ${end}) 不是树中的子树`);
  return out;
}

/** MTH of a range from the hashes of its complete subtrees (as perfectsOf lists them): folded from the right. */
export function foldRight(hashes: string[]): string {
  if (hashes.length === 0) return EMPTY_ROOT;
  let r = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) r = nodeHash(hashes[i], r);
  return r;
}

export type Range = [start: number, end: number];

/** RFC 9162 §2.1.3.1 PATH(m, D[start:end]): the subtrees whose roots form leaf m's audit path, nearest first. */
export function inclusionRanges(m: number, start: number, end: number): Range[] {
  if (end - start <= 1) return [];
  const k = splitPoint(end - start);
  if (m < k) return [...inclusionRanges(m, start, start + k), [start + k, end]];
  return [...inclusionRanges(m - k, start + k, end), [start, start + k]];
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true): the subtrees of a consistency proof, in order. */
export function consistencyRanges(m: number, n: number): Range[] {
  if (m <= 0 || m >= n) return [];
  const sub = (m: number, start: number, end: number, whole: boolean): Range[] => {
    if (m === end - start) return whole ? [] : [[start, end]];
    const k = splitPoint(end - start);
    if (m <= k) return [...sub(m, start, start + k, whole), [start + k, end]];
    return [...sub(m - k, start + k, end, false), [start, start + k]];
  };
  return sub(m, 0, n, true);
}

/** Right edge of a tree of `size` leaves: the roots of its complete subtrees, largest (leftmost) first. */
export interface Frontier {
  size: number;
  hashes: string[];
}

/** Adds one leaf: the new frontier, and the complete subtrees (level ≥ 1) this leaf finished, to be stored. */
export function pushLeaf(f: Frontier, leaf: string): { frontier: Frontier; finished: (Perfect & { hash: string })[] } {
  const hashes = [...f.hashes];
  const finished: (Perfect & { hash: string })[] = [];
  let h = leaf;
  let n = f.size;
  let level = 0;
  while (n % 2 === 1) {
    h = nodeHash(hashes.pop()!, h);
    level += 1;
    n = Math.floor(n / 2);
    finished.push({ level, idx: Math.floor(f.size / 2 ** level), hash: h });
  }
  hashes.push(h);
  return { frontier: { size: f.size + 1, hashes }, finished };
}

export const rootOf = (f: Frontier): string => foldRight(f.hashes);

const odd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

/** RFC 9162 §2.1.3.2: does `proof` show that `leaf` is leaf number `index` (0-based) of the tree with this root? */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: string,
  proof: readonly string[],
  root: string,
): boolean {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r === root;
}

/** RFC 9162 §2.1.4.2: does `proof` show that the tree (size1, root1) is a prefix of the tree (size2, root2)? */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: string,
  root2: string,
  proof: readonly string[],
): boolean {
  if (size1 < 0 || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && root1 === root2;
  if (size1 === 0) return proof.length === 0 && root1 === EMPTY_ROOT;
  const path = Number.isInteger(Math.log2(size1)) ? [root1, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return fr === root1 && sr === root2 && sn === 0;
}
