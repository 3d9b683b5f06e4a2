// The 台账 as people read it: each entry's subject and people named, its details as labelled Chinese fields, times in
// Asia/Shanghai; the raw subject and payload stay alongside for the API. Used by the screen and the export.
import type { Deps } from '../platform/deps.ts';
import { LEGACY_ROLE_NAME, ROLE_NAME, type Role } from '../org/model.ts';
import { listUnits } from '../org/service.ts';
import type { LedgerRow } from '../platform/ledger/model.ts';
import { SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import { actionName } from './labels.ts';
import { type Field, payloadFields } from './ledger-fields.ts';
import { resolveNames, type SubjectView } from './ledger-subjects.ts';
import { beijingDateTime } from './time.ts';

/** Entries recorded for the whole district rather than one unit (calendar, dictionaries, demo). */
const DISTRICT_UNIT_NAME = '全区';

export interface LedgerEntryView {
  seq: number;
  at: string;
  actor: { id: string; name: string; unitName: string | null } | null; // null: the system (scheduler, CLI, demo)
  role: string;
  roleName: string;
  unitId: string;
  unitName: string;
  action: string;
  actionLabel: string;
  subject: string; // raw, e.g. item:<id>
  subjectView: SubjectView;
  time: string; // Beijing, YYYY-MM-DD HH:mm:ss
  fields: Field[];
  payload: unknown; // raw, as signed
}

export const parsePayload = (r: LedgerRow): unknown => {
  try {
    return JSON.parse(r.payload);
  } catch {
    return r.payload; // verify reports such a row; the screen still shows what is stored
  }
};

/** Ledger rows as people read them: subjects and people named, details as labelled fields, Beijing times. */
export async function readableEntries(deps: Pick<Deps, 'db'>, rows: readonly LedgerRow[]): Promise<LedgerEntryView[]> {
  const parsed = rows.map((r) => ({ row: r, payload: parsePayload(r) }));
  const [names, units] = await Promise.all([
    resolveNames(
      deps.db,
      parsed.map((p) => ({ subject: p.row.subject, actorId: p.row.actor_id, payload: p.payload })),
    ),
    listUnits(deps.db),
  ]);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  return parsed.map(({ row: r, payload }) => {
    const subjectView = names.subject(r.subject, payload);
    return {
      seq: r.seq,
      at: r.at,
      time: beijingDateTime(r.at),
      actor:
        r.actor_id === SYSTEM_ACTOR.id
          ? null
          : { id: r.actor_id, name: r.actor_name, unitName: names.unitOfUser(r.actor_id) ?? null },
      role: r.role,
      roleName: ROLE_NAME[r.role as Role] ?? LEGACY_ROLE_NAME[r.role] ?? r.role,
      unitId: r.unit_id,
      unitName: r.unit_id ? (unitNames.get(r.unit_id) ?? r.unit_id) : DISTRICT_UNIT_NAME,
      action: r.action,
      actionLabel: actionName(r.action),
      subject: r.subject,
      subjectView,
      fields: payloadFields(payload, subjectView.id || null, names.nameOf),
      payload,
    };
  });
}
