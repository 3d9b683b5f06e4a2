// Who receives security alerts (登录异常 bursts): the 安全管理员. Today that is whoever holds `admin`; when 三员分立 splits
// the role, this one constant names the new role and every alert follows.
import type { Executor } from '../platform/db/types.ts';
import type { Role } from './model.ts';
import { usersHoldingRole } from './user-store.ts';

export const SECURITY_ADMIN_ROLE: Role = 'securityAdmin';

/** Enabled accounts holding the 安全管理员 role (district-wide), by id. */
export async function securityAdminIds(db: Executor): Promise<string[]> {
  return (await usersHoldingRole(db, SECURITY_ADMIN_ROLE, '')).map((u) => u.id);
}
