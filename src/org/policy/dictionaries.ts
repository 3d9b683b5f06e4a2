// Who may read and edit the 智能校对 dictionaries (领导人姓名职务, 本区单位, 自定义词库). The 系统管理员 maintains them
// (configuration, 三员分立); the e-gov center and the inspector read them, because they answer
// for what the checks flag on the district's sites and in inspections. Unit staff see the findings on their items,
// not the word lists: a sensitive-word list is itself internal material (65号 保密审查制度 第六条 内部事务).
import { type Actor, holdsDistrictRole } from '../model.ts';
import { ALLOW, deny, type Verdict } from './verdict.ts';

export function canViewDictionaries(actor: Actor): Verdict {
  if (
    holdsDistrictRole(actor, 'sysAdmin')
    || holdsDistrictRole(actor, 'egovCenter')
    || holdsDistrictRole(actor, 'inspector')
  )
    return ALLOW;
  return deny('NOT_DICTIONARY_READER', '只有系统管理员、区电子政务中心和督查可以查看智能校对词典');
}

export function canEditDictionaries(actor: Actor): Verdict {
  return holdsDistrictRole(actor, 'sysAdmin') ? ALLOW : deny('NOT_SYS_ADMIN', '需要系统管理员身份才能修改智能校对词典');
}
