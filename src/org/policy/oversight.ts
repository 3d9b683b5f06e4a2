// Who may read, export and verify the 登记台账 (ledger), and print an item's 审签单.
//
// Decision (DOMAIN §2.6–2.7, 65号 三审三校制度 谁主办、谁发布、谁审核、谁负责): a unit's ledger is its leadership's
// record — the 分管领导, the 主要领导 and the 科室负责人 who answer for what the unit published read their own
// unit's ledger. The district government office's 督查 inspects every unit's ledger regularly and at random, the
// e-gov center answers for the district's sites, and the 审计管理员 audits the platform (三员分立): these three see all
// units and the district-wide entries (unit ''). The 系统管理员 and 安全管理员 do not read the record of their own acts.
// 工作人员 and the other unit roles do not: the ledger records colleagues' logins, failed logins and role changes,
// which are personal data. Checking the hash chain is an audit act: 督查 and 审计管理员.
import { type Actor, holdsDistrictRole, type Role } from '../model.ts';
import { ALLOW, deny, isAllowed, type Verdict } from './verdict.ts';
import { canViewWatch } from './watch.ts';

export const LEDGER_ROLES: readonly Role[] = ['leader', 'principal', 'sectionHead'];

export const LEDGER_AUDITORS: readonly Role[] = ['inspector', 'egovCenter', 'auditAdmin'];

const NO_LEDGER = deny(
  'NO_LEDGER_ROLE',
  '只有本单位分管领导、主要领导、科室负责人，或督查、区电子政务中心、审计管理员可以查看登记台账',
);

/** The units whose ledger the actor reads: 'all' (with district-wide entries) or the units they lead. */
export function ledgerScope(actor: Actor): string[] | 'all' | Verdict {
  if (LEDGER_AUDITORS.some((r) => holdsDistrictRole(actor, r))) return 'all';
  const units = [...new Set(actor.roles.filter((r) => LEDGER_ROLES.includes(r.role)).map((r) => r.unitId))];
  return units.length ? units : NO_LEDGER;
}

/** One unit's ledger: reading it and exporting it (.xlsx / .csv). */
export function canViewLedger(actor: Actor, unitId: string): Verdict {
  const scope = ledgerScope(actor);
  if (scope === 'all') return ALLOW;
  if (!Array.isArray(scope)) return scope;
  return scope.includes(unitId) ? ALLOW : deny('OTHER_UNIT', '只能查看本单位的登记台账');
}

/** Recomputing the whole hash chain (`gongkai ledger verify` over HTTP). */
export function canVerifyLedger(actor: Actor): Verdict {
  if (holdsDistrictRole(actor, 'inspector') || holdsDistrictRole(actor, 'auditAdmin')) return ALLOW;
  return deny('NOT_AUDITOR', '只有督查或审计管理员可以校验登记台账的完整性');
}

/**
 * Signed checkpoints and inclusion / consistency proofs of the ledger tree: whoever reads some unit's ledger. They
 * carry hashes only, never an entry's content. The public key that checks them is public (no policy).
 */
export function canReadLedgerProofs(actor: Actor): Verdict {
  const scope = ledgerScope(actor);
  return scope === 'all' || Array.isArray(scope) ? ALLOW : scope;
}

// 统计 (督查考核): the 督查 and the e-gov center see every unit's figures; a unit's 分管领导 and 主要领导 see their own
// unit's (the dashboard of each unit's leaders). The figures link to the ledger entries behind them, which these same
// people may read (a subset of ledgerScope).
const STATS_LEADERS: readonly Role[] = ['leader', 'principal'];

const NO_STATS = deny('NO_STATS_ROLE', '只有督查、区电子政务中心和单位的分管领导、主要领导可以查看统计');

/** The units whose 统计 the actor reads: 'all' or the units they lead. */
export function statsScope(actor: Actor): string[] | 'all' | Verdict {
  if (holdsDistrictRole(actor, 'inspector') || holdsDistrictRole(actor, 'egovCenter')) return 'all';
  const units = [...new Set(actor.roles.filter((r) => STATS_LEADERS.includes(r.role)).map((r) => r.unitId))];
  return units.length ? units : NO_STATS;
}

/** One unit's 统计. */
export function canViewStats(actor: Actor, unitId: string): Verdict {
  const scope = statsScope(actor);
  if (scope === 'all') return ALLOW;
  if (!Array.isArray(scope)) return scope;
  return scope.includes(unitId) ? ALLOW : deny('OTHER_UNIT', '只能查看本单位的统计');
}

// 随机抽查 (65号 §8: the 区政府办公室 inspects the units' 台账 at random): the 督查 draws a sample, which is recorded in the
// ledger with its seed; the 督查 and the e-gov center may redraw any sample from its seed to check it.
export function canDrawSample(actor: Actor): Verdict {
  return holdsDistrictRole(actor, 'inspector') ? ALLOW : deny('NOT_INSPECTOR', '只有督查可以抽取随机抽查样本');
}

export function canRedrawSample(actor: Actor): Verdict {
  return statsScope(actor) === 'all' ? ALLOW : deny('NOT_DISTRICT', '只有督查和区电子政务中心可以重抽随机抽查样本');
}

// 抽查清单 and 通报: the 督查 confirms or corrects each check of a sampled item; the 督查 and the e-gov center read
// the checklists, the result per unit and the 通报 drawn from them (the units are named in the 通报 once it is issued).
export function canViewInspection(actor: Actor): Verdict {
  return statsScope(actor) === 'all' ? ALLOW : deny('NOT_DISTRICT', '只有督查和区电子政务中心可以查看抽查结果和通报');
}

export function canConfirmCheck(actor: Actor): Verdict {
  return holdsDistrictRole(actor, 'inspector') ? ALLOW : deny('NOT_INSPECTOR', '只有督查可以确认或纠正抽查清单');
}

// 年度考核: the 区政府办公室 (its 督查) sets the year's scoring scheme; the 督查 and the e-gov center see every unit's
// scores and ranking.
export function canViewAssessment(actor: Actor): Verdict {
  return statsScope(actor) === 'all' ? ALLOW : deny('NOT_DISTRICT', '只有督查和区电子政务中心可以查看年度考核');
}

export function canEditScheme(actor: Actor): Verdict {
  return holdsDistrictRole(actor, 'inspector') ? ALLOW : deny('NOT_INSPECTOR', '只有督查可以修改年度考核方案');
}

// 季度检查 self-report (政府网站与政务新媒体检查指标): the 督查 and the e-gov center read every unit's; so does whoever
// reads that unit's monitoring (its duty officers and duty leaders; the 系统管理员 and 审计管理员, src/org/policy/watch.ts):
// the report is the 读网值班 record of the quarter.
export function canViewQuarterly(actor: Actor, unitId: string): Verdict {
  if (statsScope(actor) === 'all') return ALLOW;
  return isAllowed(canViewWatch(actor, unitId))
    ? ALLOW
    : deny('NOT_WATCHING_UNIT', '只有督查、区电子政务中心和本单位值班人员、带班领导可以查看季度检查自查表');
}
