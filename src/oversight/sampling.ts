// 随机抽查: the 督查 draws N published items per unit in a period from a seed (sampling-model.ts). The draw is recorded
// in the 登记台账 (oversight.sample_draw: seed, period, units, N and the items drawn), so anyone can redraw the same
// sample from the seed and compare. The population is the period's publish.publish entries of each unit.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canDrawSample, canRedrawSample } from '../org/policy/oversight.ts';
import { assertAllowed, type Verdict } from '../org/policy/verdict.ts';
import { listUnits } from '../org/service.ts';
import { invalid } from '../platform/errors.ts';
import { appendLedger, listLedger } from '../platform/ledger/service.ts';
import { itemsByIds } from '../publish/service.ts';
import { drawFrom } from './sampling-model.ts';
import { beijingDayRange } from './time.ts';

export interface SampleRequest {
  from: string; // YYYY-MM-DD, Beijing, inclusive
  to: string;
  perUnit: number;
  unitIds?: string[]; // absent: every unit
  seed?: string; // absent when drawing: a fresh random one
}

export interface Sample {
  seed: string;
  from: string;
  to: string;
  perUnit: number;
  seq: number | null; // the ledger entry that records the draw; null for a redraw
  units: { unitId: string; unitName: string; population: number; items: { id: string; title: string }[] }[];
}

async function compute(deps: Deps, q: SampleRequest & { seed: string }): Promise<Omit<Sample, 'seq'>> {
  const range = beijingDayRange(q.from, q.to);
  const units = await listUnits(deps.db);
  const unknown = q.unitIds?.find((id) => !units.some((u) => u.id === id));
  if (unknown) throw invalid('unitIds', '所选单位不存在');
  const chosen = q.unitIds ? units.filter((u) => q.unitIds?.includes(u.id)) : units;
  const published = await listLedger(deps.db, {
    unitIds: chosen.map((u) => u.id),
    ...range,
    action: 'publish.publish',
  });
  const candidates = new Map<string, string[]>(chosen.map((u) => [u.id, []]));
  for (const e of published) candidates.get(e.unit_id)?.push(e.subject.replace(/^item:/, ''));
  const drawn = drawFrom(candidates, q.seed, q.perUnit);
  const titles = new Map((await itemsByIds(deps.db, [...drawn.values()].flat())).map((i) => [i.id, i.title]));
  return {
    seed: q.seed,
    from: q.from,
    to: q.to,
    perUnit: q.perUnit,
    units: chosen.map((u) => ({
      unitId: u.id,
      unitName: u.name,
      population: new Set(candidates.get(u.id)).size,
      items: (drawn.get(u.id) ?? []).map((id) => ({ id, title: titles.get(id) ?? id })),
    })),
  };
}

/** Draws and records a sample (督查). */
export async function drawSample(deps: Deps, actor: Actor, q: SampleRequest): Promise<Sample> {
  assertAllowed(canDrawSample(actor));
  const seed = q.seed ?? randomBytes(16).toString('hex');
  const sample = await compute(deps, { ...q, seed });
  const row = await deps.db.transaction().execute((tx) =>
    appendLedger(
      tx,
      {
        actor: { id: actor.id, name: actor.name },
        role: 'inspector',
        unitId: '',
        action: 'oversight.sample_draw',
        subject: `sample:${randomUUID()}`,
        payload: {
          seed,
          from: q.from,
          to: q.to,
          perUnit: q.perUnit,
          units: sample.units.map((u) => ({
            unitId: u.unitId,
            population: u.population,
            items: u.items.map((i) => i.id),
          })),
        },
      },
      deps.clock.now(),
    ),
  );
  return { ...sample, seq: row.seq };
}

/** The same draw again from a seed, recorded nowhere: anyone checking a recorded sample gets the same items. */
export async function redrawSample(deps: Deps, actor: Actor, q: SampleRequest & { seed: string }): Promise<Sample> {
  const allowed: Verdict = canRedrawSample(actor);
  assertAllowed(allowed);
  return { ...(await compute(deps, q)), seq: null };
}
