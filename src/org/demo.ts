// Loads the demo organisation (demo-data.ts) into an empty database: units, sections, channels, columns,
// one person per role per unit. Idempotent: does nothing once any unit exists. One ledger entry, demo.load.
// Seeding is the operator's act (like `gongkai user add`): the demo review roles are in force at once, not requests.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { appendLedger, SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import type { Channel, Column, RoleAssignment, Section, Unit } from './model.ts';
import { DEMO_COLUMNS, DEMO_PASSWORD, DEMO_UNITS, DEMO_USERS } from './demo-data.ts';
import * as store from './store.ts';
import * as users from './user-store.ts';

export { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-data.ts';

interface DemoRows {
  units: Unit[];
  sections: Section[];
  channels: Channel[];
  columns: Column[];
  users: users.NewUser[];
  roles: RoleAssignment[];
}

let preset: readonly string[] = [];

/**
 * Tests only (test/support/testdb.ts): argon2 hashes of DEMO_PASSWORD, one per demo account with its own salt, made
 * once per `npm test` run instead of by every test file that loads the demo (about 3 s of CPU each). Never called by
 * `gongkai serve` or `gongkai demo load`, which hash afresh on every load.
 */
export function presetDemoPasswordHashes(hashes: readonly string[]): void {
  preset = hashes;
}

export async function loadDemo(deps: Deps): Promise<{ created: boolean }> {
  if ((await store.countUnits(deps.db)) > 0) return { created: false };
  // One argon2 hash per account, each with its own salt (a shared hash would tell whoever reads the table that these
  // accounts share a password). Hashed concurrently on libuv's thread pool, so the cores share the work: measured
  // 4.5–5.7 s for these 59 accounts on a 2-core machine under heavy load (one hash alone took 0.17 s there).
  const hashes = preset.length === DEMO_USERS.length ? preset : DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD));
  const rows = buildRows(await Promise.all(hashes));
  try {
    return await deps.db.transaction().execute(async (tx) => {
      if ((await store.countUnits(tx)) > 0) return { created: false };
      const now = deps.clock.now();
      await store.insertUnits(tx, rows.units, now);
      await store.insertSections(tx, rows.sections, now);
      await store.insertChannels(tx, rows.channels, now);
      await store.insertColumns(tx, rows.columns, now);
      await users.insertUsers(tx, rows.users, now);
      await users.insertRoles(tx, rows.roles, now);
      await appendLedger(
        tx,
        {
          actor: SYSTEM_ACTOR,
          role: '',
          unitId: '',
          action: 'demo.load',
          subject: 'demo',
          payload: {
            units: rows.units.length,
            sections: rows.sections.length,
            channels: rows.channels.length,
            columns: rows.columns.length,
            users: rows.users.length,
            roles: rows.roles.length,
          },
        },
        now,
      );
      return { created: true };
    });
  } catch (err) {
    // Two servers starting together on one PostgreSQL: the loser hits the unique unit name; the winner's data stands.
    if ((await store.countUnits(deps.db)) > 0) return { created: false };
    throw err;
  }
}

function buildRows(passwordHashes: readonly string[]): DemoRows {
  const rows: DemoRows = { units: [], sections: [], channels: [], columns: [], users: [], roles: [] };
  const unitIds = new Map<string, string>();
  const firstSection = new Map<string, string>();
  for (const d of DEMO_UNITS) {
    const unit: Unit = {
      id: randomUUID(),
      name: d.name,
      fullName: d.fullName,
      kind: d.kind,
      docCode: d.docCode,
      authorMayLevel1: true,
      districtWide: d.districtWide === true,
    };
    rows.units.push(unit);
    unitIds.set(d.name, unit.id);
    for (const name of d.sections) rows.sections.push({ id: randomUUID(), unitId: unit.id, name });
    firstSection.set(d.name, rows.sections.find((s) => s.unitId === unit.id)!.id);
    const site: Channel = { id: randomUUID(), unitId: unit.id, kind: 'website', name: d.site.name, url: d.site.url };
    rows.channels.push(site);
    for (const kind of d.mediaKinds) {
      rows.channels.push({ id: randomUUID(), unitId: unit.id, kind, name: d.media, url: null });
    }
    for (const c of DEMO_COLUMNS)
      rows.columns.push({ id: randomUUID(), channelId: site.id, name: c.name, kind: c.kind });
  }
  for (const [i, u] of DEMO_USERS.entries()) {
    const id = randomUUID();
    const unitId = unitIds.get(u.unit)!;
    const passwordHash = passwordHashes[i];
    rows.users.push({ id, username: u.username, name: u.name, unitId, passwordHash, email: u.email });
    rows.roles.push({
      id: randomUUID(),
      userId: id,
      role: u.role,
      unitId,
      sectionId: u.section ? firstSection.get(u.unit)! : null,
    });
  }
  return rows;
}
