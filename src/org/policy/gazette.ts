// Who compiles the 政府公报: the 公报室 of the 区政府办公室 creates issues, places published 公文 in them and orders
// them; the 督查 reads the issues being compiled (it supervises publication). Everyone reads a released issue
// (the public online edition needs no login).
import { type Actor, holdsDistrictRole, holdsRole } from '../model.ts';
import { ALLOW, deny, type Verdict } from './verdict.ts';

export function canEditGazette(actor: Actor): Verdict {
  return holdsRole(actor, 'gazette') ? ALLOW : deny('NOT_GAZETTE_OFFICE', '需要公报室身份才能编辑政府公报');
}

export function canViewGazetteDrafts(actor: Actor): Verdict {
  if (holdsRole(actor, 'gazette') || holdsDistrictRole(actor, 'inspector')) return ALLOW;
  return deny('NOT_GAZETTE_READER', '只有公报室和督查可以查看编辑中的政府公报');
}

/** The 公报室 is the author of an issue's item in 三审三校 (item type 'gazette'), in the unit it holds the role in. */
export function canDraftGazetteIssue(actor: Actor, unitId: string): Verdict {
  return holdsRole(actor, 'gazette', unitId)
    ? ALLOW
    : deny('NOT_GAZETTE_OFFICE', '只有本单位公报室可以把一期政府公报报送三审三校');
}

/** The 刊名, the online edition's title and the 版权页 are the deployment's: the 公报室 keeps them, and the 系统管理员
 *  may set them when the system is installed. */
export function canEditGazetteSettings(actor: Actor): Verdict {
  if (holdsRole(actor, 'gazette') || holdsDistrictRole(actor, 'sysAdmin')) return ALLOW;
  return deny('NOT_GAZETTE_OFFICE', '只有公报室或系统管理员可以修改政府公报的刊名和版权页');
}

/** Whoever edits them, and the 督查 who reads the issues being compiled. */
export function canReadGazetteSettings(actor: Actor): Verdict {
  if (canEditGazetteSettings(actor).allowed || canViewGazetteDrafts(actor).allowed) return ALLOW;
  return deny('NOT_GAZETTE_READER', '只有公报室、督查和系统管理员可以查看政府公报的刊物设置');
}
