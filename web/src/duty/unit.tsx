// Which unit the duty screens show: the one in the address (?unit=), else the person's own; a district-wide person
// (督查、区电子政务中心、管理员) picks any unit they may see.
import { useSearchParams } from 'react-router-dom';
import { UnitSelect } from '../admin/UnitSelect.tsx';
import { useSession } from '../session.tsx';
import { useUnits } from '../units.ts';

export function useDutyUnit(): { unitId: string; setUnitId: (id: string) => void; picker: React.ReactNode } {
  const { user } = useSession();
  const { units } = useUnits();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit') ?? user?.unitId ?? '';
  const setUnitId = (id: string) =>
    setParams(
      (p) => {
        p.set('unit', id);
        return p;
      },
      { replace: true },
    );
  const picker = (
    <UnitSelect
      units={units}
      value={unitId || undefined}
      onChange={setUnitId}
      style={{ width: 180 }}
      data-testid="duty-unit"
      aria-label="单位"
    />
  );
  return { unitId, setUnitId, picker };
}
