// 随机抽查: which published items a seed picks. Deterministic and simple to redo by hand: each candidate's key is the
// SHA-256 of `seed:unitId:itemId`; a unit's sample is its N candidates with the smallest keys. Same seed, same
// candidates → the same sample, on any machine. Pure.
import { createHash } from 'node:crypto';

export function drawFrom(candidates: ReadonlyMap<string, readonly string[]>, seed: string, perUnit: number) {
  const out = new Map<string, string[]>();
  for (const [unitId, ids] of candidates) {
    const keyed = [...new Set(ids)].map((id) => ({
      id,
      key: createHash('sha256').update(`${seed}:${unitId}:${id}`).digest('hex'),
    }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    out.set(
      unitId,
      keyed.slice(0, perUnit).map((k) => k.id),
    );
  }
  return out;
}
