// What this person may do on the watch screens, mirroring src/org/policy/watch.ts so the UI hides what the server
// would refuse (the server still decides).
import { useSession } from '../session.tsx';

export function useWatchAccess() {
  const { has } = useSession();
  const manager = has('egovCenter') || has('admin');
  return {
    /** Sites, columns, pages, accounts and thresholds (区电子政务中心、管理员). */
    manager,
    /** Handle incidents and enter a new-media last-post date for the unit. */
    onDuty: (unitId: string) => manager || has('dutyOfficer', unitId) || has('dutyLeader', unitId),
    /** Duty contacts and robot webhooks of the unit. */
    keepsSettings: (unitId: string) => manager || has('dutyLeader', unitId),
  };
}
