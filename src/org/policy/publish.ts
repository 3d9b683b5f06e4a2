// Who may draft, view, edit, submit and review an item (稿件) in the 三审三校 chain. Pure: actor and item in,
// a Verdict with a zh-CN reason out. Source: 綦江府办〔2022〕65号 三审三校制度, DOMAIN.md §2.
import {
  decidesDismissals,
  type FindingKind,
  isEditable,
  type Level,
  LEVEL_NAME,
  levelOf,
  type Stage,
  type Standing,
} from './chain.ts';
import { type Actor, holdsDistrictRole, holdsRole, type Role, ROLE_NAME } from '../model.ts';
import { actingRole } from './acting.ts';
import { isCoIssuerLeader } from './secrecy.ts';
import { ALLOW, deny, type Verdict, visibleUnitIds } from './verdict.ts';

/** 65号 §2(二): 一审 staff, 二审 section head, 三审 leader in charge, 审定 principal leader. */
export const ROLE_AT: Record<Level, Role> = { 1: 'staff', 2: 'sectionHead', 3: 'leader', 4: 'principal' };
// 保密工作机构 reviews every item of its unit (65号 保密审查制度 第四条), so it sees them like the review levels do.
const REVIEW_ROLES: readonly Role[] = ['staff', 'sectionHead', 'leader', 'principal', 'secrecy'];

/** What the policies need to know about an item. */
export interface ItemView {
  unitId: string;
  sectionId: string;
  authorId: string;
  stage: Stage;
  /** People who approved some level of the current revision (a new revision starts with none). */
  approverIds: readonly string[];
  /** The hosting unit's setting: may the author do 一审 of their own item (65号 is silent; default yes). */
  authorMayLevel1: boolean;
}

const headsSection = (actor: Actor, unitId: string, sectionId: string): boolean =>
  actor.roles.some((r) => r.role === 'sectionHead' && r.unitId === unitId && r.sectionId === sectionId);

export function canDraft(actor: Actor, unitId: string): Verdict {
  // DOMAIN §2.1: a staff member (工作人员) of the hosting unit drafts the item.
  return holdsRole(actor, 'staff', unitId) ? ALLOW : deny('NO_ROLE', '需要承办单位工作人员身份才能起草稿件');
}

export function canReview(actor: Actor, item: ItemView, level: Level): Verdict {
  const role = ROLE_AT[level];
  if (!holdsRole(actor, role, item.unitId))
    return deny('NO_ROLE', `${LEVEL_NAME[level]}需要承办单位${ROLE_NAME[role]}身份`);
  if (level === 2 && !headsSection(actor, item.unitId, item.sectionId)) {
    return deny('OTHER_SECTION', '二审二校由稿件所属科室的负责人进行，不能审核其他科室的稿件');
  }
  if (actor.id === item.authorId) {
    // 谁审核谁负责: the author checks their own text at most once, at 一审, and only where the unit allows it.
    if (level >= 2) return deny('AUTHOR_REVIEW', '起草人不得对自己的稿件进行二审及以上审核');
    if (!item.authorMayLevel1) return deny('AUTHOR_LEVEL1', '本单位规定起草人不得对自己的稿件进行一审');
  }
  if (item.approverIds.includes(actor.id)) {
    return deny('SAME_PERSON', '同一人不得审核同一稿件同一版本的两个级别');
  }
  return ALLOW;
}

/**
 * The author, reviewers of the hosting unit, district-wide supervisors (督查, 电子政务中心, 系统管理员, 审计管理员), and
 * the leaders of co-issuing units, who must read what they consent to (保密审查制度 第九条).
 */
export function canView(
  actor: Actor,
  item: Pick<ItemView, 'unitId' | 'authorId'> & { coIssuerUnitIds?: readonly string[] },
): Verdict {
  if (actor.id === item.authorId) return ALLOW;
  const scope = itemListScope(actor);
  if (scope === 'all' || scope.includes(item.unitId)) return ALLOW;
  if (isCoIssuerLeader(actor, item.coIssuerUnitIds ?? [])) return ALLOW;
  return deny('NOT_VISIBLE', '无权查看该稿件：只有起草人、承办单位的审核人员、共同发文单位领导和区级督查人员可以查看');
}

/** Units whose items the actor may list and view: all for district-wide roles, else where they hold a review role. */
export function itemListScope(actor: Actor): string[] | 'all' {
  if (visibleUnitIds(actor) === 'all') return 'all';
  return [...new Set(actor.roles.filter((r) => REVIEW_ROLES.includes(r.role)).map((r) => r.unitId))];
}

/** Only the author changes the text (谁主办谁负责); the stage rule is the model's `edit`. */
export function canEdit(actor: Actor, item: Pick<ItemView, 'authorId'>): Verdict {
  return actor.id === item.authorId ? ALLOW : deny('NOT_AUTHOR', '只有起草人可以修改稿件');
}

/**
 * 65号 三审三校制度 第五条(四): the 智能校对 findings are acted on by the author while the text is theirs to change
 * (草稿、退回修改), or by the reviewer who may act at the level the item waits at. `as` says where they stand.
 */
export function findingStanding(actor: Actor, item: ItemView): Verdict & { as?: Standing } {
  if (isEditable(item.stage)) {
    return canEdit(actor, item).allowed
      ? { ...ALLOW, as: 'author' }
      : deny('NOT_AUTHOR', '起草或退回修改期间，只有起草人可以处理校对发现');
  }
  const level = levelOf(item.stage);
  if (level === null) return deny('NOT_AT_LEVEL', '稿件当前不在起草或审核环节，不能处理校对发现');
  const verdict = canReview(actor, item, level);
  return verdict.allowed ? { ...verdict, as: `level${level}` as Standing } : verdict;
}

/**
 * Who may dismiss a finding, by its kind (publish/findings-model.ts FINDING_KINDS): a 智能校对 finding the author or the
 * reviewer at the waiting level (findingStanding; a serious or error one counts only from 二审, DOMAIN §2.5); a 密级标志 /
 * 个人信息 finding only the 保密工作机构 at the secrecy step (保密审查制度 第七条, secrecy.ts canDismissFinding).
 */
export const FINDING_DISMISSER = { proofreading: 'reviewer', secrecy: 'secrecyOffice' } as const satisfies Record<
  FindingKind,
  string
>;
export type FindingDismisser = (typeof FINDING_DISMISSER)[keyof typeof FINDING_DISMISSER];

/**
 * DOMAIN §2.5: a proposed dismissal is accepted or refused by the reviewer at 二审 or above who may act at the waiting
 * level — never by the person who proposed it.
 */
export function canDecideDismissal(actor: Actor, item: ItemView, proposedBy: string | null): Verdict {
  const standing = findingStanding(actor, item);
  if (!standing.allowed) return standing;
  if (!standing.as || !decidesDismissals(standing.as)) {
    return deny('NOT_LEVEL2', '忽略建议由二审（科室负责人）或更高级别的审核人确认');
  }
  if (proposedBy === actor.id) return deny('SAME_PERSON', '同一人不得既提出又确认同一条校对发现的忽略建议');
  return ALLOW;
}

export function canSubmit(actor: Actor, item: Pick<ItemView, 'authorId'>): Verdict {
  return actor.id === item.authorId ? ALLOW : deny('NOT_AUTHOR', '只有起草人可以提交审核');
}

/**
 * Where a published item can be read on the live site is entered by its unit — the author, the unit's 工作人员 or
 * 科室负责人 — or by the district e-gov center, which runs the site; the 读网值班 integrity monitor reads it.
 */
export function canRecordLiveUrl(actor: Actor, item: Pick<ItemView, 'unitId' | 'authorId'>): Verdict {
  if (
    actor.id === item.authorId
    || holdsRole(actor, 'staff', item.unitId)
    || holdsRole(actor, 'sectionHead', item.unitId)
  )
    return ALLOW;
  if (holdsDistrictRole(actor, 'egovCenter')) return ALLOW;
  return deny('NOT_UNIT', '只有承办单位的工作人员、科室负责人或区电子政务中心可以登记发布网址');
}

/** The role a live address is recorded with: the unit's 工作人员 or 科室负责人, else the e-gov center. */
export const liveUrlRole = (actor: Actor, item: Pick<ItemView, 'unitId'>): Role | '' =>
  actingRole(actor, item.unitId, ['staff', 'sectionHead', 'egovCenter']);

/** Running due publications by hand is an operator's action; the scheduler runs it as the system. */
export function canRunPublishing(actor: Actor): Verdict {
  return holdsDistrictRole(actor, 'sysAdmin') ? ALLOW : deny('NOT_SYS_ADMIN', '需要系统管理员身份');
}

export interface Abilities {
  canApprove: boolean;
  canReturn: boolean;
  canEdit: boolean;
  canSubmit: boolean;
}

/** What the UI may offer on this item: exactly what the server would accept right now. */
export function abilitiesOf(actor: Actor, item: ItemView): Abilities {
  const level = levelOf(item.stage);
  const mayReview = level !== null && canReview(actor, item, level).allowed;
  const editable = isEditable(item.stage);
  return {
    canApprove: mayReview,
    canReturn: mayReview,
    canEdit: editable && canEdit(actor, item).allowed,
    canSubmit: editable && canSubmit(actor, item).allowed,
  };
}

/** One queue an actor reviews: items of a unit (and for 二审 a section) waiting at a level. */
export interface ReviewScope {
  level: Level;
  unitId: string;
  sectionId: string | null;
}

/** The review queues an actor's roles open, without duplicates (a role may be granted twice). */
export function reviewScopes(actor: Actor): ReviewScope[] {
  const scopes = new Map<string, ReviewScope>();
  for (const level of [1, 2, 3, 4] as Level[]) {
    for (const r of actor.roles) {
      if (r.role !== ROLE_AT[level]) continue;
      const sectionId = level === 2 ? r.sectionId : null;
      if (level === 2 && !sectionId) continue;
      scopes.set(`${level}|${r.unitId}|${sectionId}`, { level, unitId: r.unitId, sectionId });
    }
  }
  return [...scopes.values()];
}
