// The units this person may see, by id, for names in tables (one request per screen).
import { get } from './api.ts';
import { useLoad } from './hooks.ts';
import type { Unit } from './types.ts';

export function useUnits() {
  const { data } = useLoad(() => get<Unit[]>('/api/units'), []);
  const byId = new Map((data ?? []).map((u) => [u.id, u]));
  return { units: data ?? [], unitName: (id: string) => byId.get(id)?.name ?? '—' };
}
