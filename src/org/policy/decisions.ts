// Who does what in 重大行政决策 (63号; 条例): the unit that keeps a 目录 (区政府办公室 for the district's) imports
// and changes it; the 承办单位's staff and leaders carry each item through its procedure and submit it to the
// 常务会议; the 合法性审查机构 (区司法局, role legalReview) gives the 合法性审查 opinion. Every signed-in user reads
// the 目录 (it is published).
import { type Actor, holdsRole, type Role } from '../model.ts';
import { ALLOW, deny, type Verdict } from './verdict.ts';

const UNIT_ROLES: readonly Role[] = ['staff', 'sectionHead', 'leader', 'principal'];
const worksIn = (actor: Actor, unitId: string | null) =>
  unitId !== null && UNIT_ROLES.some((r) => holdsRole(actor, r, unitId));

export interface DecisionItemView {
  catalogUnitId: string;
  leadUnitId: string | null;
}

export function canEditCatalog(actor: Actor, catalogUnitId: string): Verdict {
  if (worksIn(actor, catalogUnitId)) return ALLOW;
  return deny('NOT_CATALOG_UNIT', '只有编制该目录的单位才能导入或调整重大行政决策事项目录');
}

/** The 承办单位 carries the procedure; the unit keeping the 目录 may too (an item whose 承办单位 is not in gongkai). */
export function canRunProcedure(actor: Actor, item: DecisionItemView): Verdict {
  if (worksIn(actor, item.leadUnitId) || worksIn(actor, item.catalogUnitId)) return ALLOW;
  return deny('NOT_LEAD_UNIT', '只有承办单位的工作人员和领导才能办理该决策事项的程序');
}

/** 条例 §25: the 合法性审查 is done by the 合法性审查机构 (区司法局). */
export function canReviewLegality(actor: Actor): Verdict {
  if (holdsRole(actor, 'legalReview')) return ALLOW;
  return deny('NOT_LEGAL_REVIEW', '需要合法性审查机构（区司法局）身份才能出具合法性审查意见');
}

/** The 目录 is published; inside gongkai whoever holds a role reads it (an account awaiting its role does not). */
export function canReadDecisions(actor: Actor): Verdict {
  return actor.roles.length > 0 ? ALLOW : deny('NO_ROLE', '账号尚未获得角色，不能查看重大行政决策');
}

/** 预公开: the comments as received (names, contacts, unmasked text) are the 承办单位's to read and answer (and the
 *  目录's unit's, as for the procedure); nobody else sees them before they are screened and published. */
export function canHandleComments(actor: Actor, item: DecisionItemView): Verdict {
  if (worksIn(actor, item.leadUnitId) || worksIn(actor, item.catalogUnitId)) return ALLOW;
  return deny('NOT_LEAD_UNIT', '公众意见原件只有承办单位可以查看和答复');
}

/** 63号 四: an addition, change or withdrawal is proposed by the 承办单位 (or the unit keeping the 目录). */
export function canProposeCatalogChange(actor: Actor, item: DecisionItemView): Verdict {
  if (worksIn(actor, item.leadUnitId) || worksIn(actor, item.catalogUnitId)) return ALLOW;
  return deny('NOT_LEAD_UNIT', '只有承办单位或编制目录的单位才能提出目录调整');
}

/** 63号 四: the 区政府办公室 (the unit keeping the 目录) approves — its 分管领导 or 主要领导; a withdrawal only its
 *  主要领导. */
export function canDecideCatalogChange(actor: Actor, catalogUnitId: string, kind: string): Verdict {
  if (holdsRole(actor, 'principal', catalogUnitId)) return ALLOW;
  if (kind !== 'withdraw' && holdsRole(actor, 'leader', catalogUnitId)) return ALLOW;
  return deny(
    'NOT_APPROVER',
    kind === 'withdraw'
      ? '撤销目录事项须由编制目录单位的主要领导批准'
      : '目录调整须由编制目录单位的分管领导或主要领导批准',
  );
}

/** Which decision items a person sees on the year board (年度看板) and may file: `all`, or the items of the 目录s
 *  their units keep and the items their units lead. The 合法性审查机构 (区司法局) and the 督查 watch every item. */
export type DecisionScope = { all: true } | { all: false; unitIds: string[] };

export function decisionScope(actor: Actor): DecisionScope {
  if (holdsRole(actor, 'legalReview') || holdsRole(actor, 'inspector')) return { all: true };
  const unitIds = actor.roles.filter((r) => UNIT_ROLES.includes(r.role)).map((r) => r.unitId);
  return { all: false, unitIds: [...new Set(unitIds)] };
}

const watchesAll = (actor: Actor) => decisionScope(actor).all;

/** 条例 (决策过程记录和材料归档制度): one item's record is filed by the 承办单位 and the unit keeping the 目录, and read
 *  by the 合法性审查机构 and the 督查. */
export function canExportRecords(actor: Actor, item: DecisionItemView): Verdict {
  if (watchesAll(actor) || worksIn(actor, item.leadUnitId) || worksIn(actor, item.catalogUnitId)) return ALLOW;
  return deny('NOT_RECORD_READER', '决策过程记录和材料只有承办单位、编制目录的单位、合法性审查机构和督查可以导出');
}

/** A whole year's records of a 目录: the unit keeping it, the 合法性审查机构 and the 督查. */
export function canExportCatalogRecords(actor: Actor, catalogUnitId: string): Verdict {
  if (watchesAll(actor) || worksIn(actor, catalogUnitId)) return ALLOW;
  return deny('NOT_CATALOG_UNIT', '整个目录的决策过程记录和材料只有编制目录的单位、合法性审查机构和督查可以导出');
}

/** The 印发 notice of a 目录 is drafted by the unit keeping it (63号 is the 区政府办公室's); as an item it then goes
 *  through 三审三校 like any other (publish/service.ts draftItem checks 工作人员). */
export function canDraftCatalogNotice(actor: Actor, catalogUnitId: string): Verdict {
  if (worksIn(actor, catalogUnitId)) return ALLOW;
  return deny('NOT_CATALOG_UNIT', '只有编制该目录的单位才能起草目录的印发通知');
}
