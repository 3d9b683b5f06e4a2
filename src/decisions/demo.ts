// 演示数据 for 重大行政决策, loaded after the demo organisation (src/org/demo.ts) on first start: the 区司法局 (the
// 合法性审查机构, 63号 三) with its reviewer `sfj.legal` (role legalReview) and a staff member `sfj.staff`, and the
// district's 2022 目录 of 綦江府办发〔2022〕63号 (15 items, data/catalog-2022.txt) imported by the 区政府办公室.
// Called by the app layer (serve, tests): org never imports decisions. Idempotent: what exists is left alone.
import fs from 'node:fs';
import type { Deps } from '../platform/deps.ts';
import { DEMO_PASSWORD } from '../org/demo.ts';
import { createUnit, createUser, listUnits, listUsers, loadActor } from '../org/service.ts';
import { importCatalog, listCatalogs } from './service.ts';

export const LEGAL_UNIT = { name: '区司法局', fullName: '重庆市綦江区司法局', kind: 'department' } as const;
/** The demo accounts this module adds (one password, DEMO_PASSWORD); invented names. */
export const DECISION_DEMO_USERS = [
  { username: 'sfj.legal', name: '严正', role: 'legalReview' },
  { username: 'sfj.staff', name: '方圆', role: 'staff' },
] as const;

export const SEED_CATALOG_2022 = fs.readFileSync(new URL('./data/catalog-2022.txt', import.meta.url), 'utf8');

export interface DecisionsDemoResult {
  created: string[]; // what was added, in Chinese, for the server log
}

export async function loadDecisionsDemo(deps: Deps): Promise<DecisionsDemoResult> {
  const created: string[] = [];
  const units = await listUnits(deps.db);
  const office = units.find((u) => u.name === '区政府办公室');
  if (!office) return { created }; // not the demo organisation
  let legal = units.find((u) => u.name === LEGAL_UNIT.name);
  if (!legal) {
    legal = await createUnit(deps, 'system', { ...LEGAL_UNIT });
    created.push(LEGAL_UNIT.name);
  }
  const people = await listUsers(deps.db, legal.id);
  for (const u of DECISION_DEMO_USERS) {
    if (people.some((p) => p.username === u.username)) continue;
    await createUser(deps, 'system', {
      username: u.username,
      displayName: u.name,
      unitId: legal.id,
      password: DEMO_PASSWORD,
      roles: [u.role],
    });
    created.push(`演示账号 ${u.username}`);
  }
  const staff = (await listUsers(deps.db, office.id)).find((u) => u.username === 'ban.staff');
  const actor = staff ? await loadActor(deps.db, staff.id) : null;
  if (!actor) return { created };
  const catalogs = await listCatalogs(deps, actor);
  if (!catalogs.some((c) => c.unitId === office.id && c.year === 2022)) {
    const catalog = await importCatalog(deps, actor, { unitId: office.id, year: 2022, text: SEED_CATALOG_2022 });
    created.push(`${catalog.title}（綦江府办发〔2022〕63号，15项）`);
  }
  return { created };
}
