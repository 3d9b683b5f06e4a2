// Who may act in 保密审查: the secrecy office's opinion, referral and resume, dismissing findings, co-issuers'
// consent. Pure: actor and item in, a Verdict with a zh-CN reason out. Source: 綦江府办〔2022〕65号 保密审查制度.
import { whereIn, type Where } from '../../platform/db/where.ts';
import { type Actor, holdsRole, type Role } from '../model.ts';
import { ALLOW, deny, type Verdict } from './verdict.ts';

/** What the secrecy policies need to know about an item. */
export interface SecrecyView {
  unitId: string;
  authorId: string;
  /** Everyone who filled a step of the current revision: levels 1–4 and the secrecy step. */
  approverIds: readonly string[];
  /** Who filled the secrecy step of the current revision (the same office may resume what it referred). */
  secrecyActorIds: readonly string[];
  coIssuerUnitIds: readonly string[];
}

/**
 * 第四条、第八条(三): the hosting unit's 保密工作机构 gives the opinion; like every step, never by the author or by
 * someone who filled another step of the same revision (谁审查谁负责).
 */
export function canGiveSecrecyOpinion(actor: Actor, item: SecrecyView): Verdict {
  if (!holdsRole(actor, 'secrecy', item.unitId)) return deny('NO_ROLE', '保密审查需要承办单位保密工作机构身份');
  if (actor.id === item.authorId) return deny('AUTHOR_REVIEW', '起草人不得对自己的稿件进行保密审查');
  if (item.approverIds.includes(actor.id) && !item.secrecyActorIds.includes(actor.id)) {
    return deny('SAME_PERSON', '同一人不得承担同一稿件同一版本的两个审核环节');
  }
  return ALLOW;
}

/** Recording the authority's answer to a 需报审 referral (第十条) is the secrecy office's act too. */
export const canResume = canGiveSecrecyOpinion;

/** 第七条: a 密级标志 / 个人信息 finding is dismissed, with a reason, only by the secrecy office. */
export const canDismissFinding = canGiveSecrecyOpinion;

/** The co-issuing unit whose leader (分管领导) the actor is, for an in-app consent (第九条 以文字形式征得同意). */
export function consentUnitOf(
  actor: Actor,
  item: Pick<SecrecyView, 'coIssuerUnitIds'>,
  unitId?: string,
): string | null {
  const led = item.coIssuerUnitIds.filter(
    (u) => holdsRole(actor, 'leader', u) && (unitId === undefined || u === unitId),
  );
  return led[0] ?? null;
}

export function canConsent(actor: Actor, item: Pick<SecrecyView, 'coIssuerUnitIds'>, unitId?: string): Verdict {
  if (item.coIssuerUnitIds.length === 0) return deny('NOT_CO_ISSUED', '该稿件没有共同发文单位');
  if (!consentUnitOf(actor, item, unitId))
    return deny('NOT_CO_ISSUER_LEADER', '只有共同发文单位的分管领导可以在系统中表示同意');
  return ALLOW;
}

/** A co-issuer's consent letter is filed by the author (承办人) or the hosting unit's secrecy office. */
export function canFileConsentDocument(
  actor: Actor,
  item: Pick<SecrecyView, 'unitId' | 'authorId' | 'coIssuerUnitIds'>,
): Verdict {
  if (item.coIssuerUnitIds.length === 0) return deny('NOT_CO_ISSUED', '该稿件没有共同发文单位');
  if (actor.id === item.authorId || holdsRole(actor, 'secrecy', item.unitId)) return ALLOW;
  return deny('NOT_FILER', '书面同意文件由起草人或承办单位保密工作机构上传');
}

/** Leaders of a co-issuing unit see the item they are asked to consent to. */
export const isCoIssuerLeader = (actor: Actor, coIssuerUnitIds: readonly string[]): boolean =>
  coIssuerUnitIds.some((u) => holdsRole(actor, 'leader', u));

const unitsHolding = (actor: Actor, role: Role): string[] =>
  actor.roles.filter((r) => r.role === role).map((r) => r.unitId);

/** 待保密审查 (第四条): the receipts of the units where the actor is the 保密工作机构, as a filter on the receipt's unit. */
export const secrecyQueueWhere = (actor: Actor): Where<'unitId'> => whereIn('unitId', unitsHolding(actor, 'secrecy'));

/** 待同意 (第九条): the co-issued items of the units whose 分管领导 the actor is, as a filter on the co-issuing unit. */
export const consentQueueWhere = (actor: Actor): Where<'coIssuerUnitId'> =>
  whereIn('coIssuerUnitId', unitsHolding(actor, 'leader'));

export interface SecrecyAbilities {
  canGiveOpinion: boolean;
  canResume: boolean;
  canDismissFindings: boolean;
  canConsent: boolean;
  canFileConsent: boolean;
}
