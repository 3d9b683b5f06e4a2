// The words of the 三审三校 chain that the access policy decides on: an item's stages, the review levels, the kinds of
// findings and where someone stands towards them. Owned here, below publish and secrecy, so that the policy asks about
// them without importing the modules above; publish/model.ts and publish/findings-model.ts re-export them with the
// rules that move an item. Source: 綦江府办〔2022〕65号, DOMAIN.md §2 and §3.

// 'secrecy' (待保密审查) sits between 二审 and 三审 (DOMAIN §3.1); 'referred' waits for the authority's answer (需报审,
// §3.7); 'withheld' is final: 免于公开, kept with its reasons but never published (§3.2).
export const STAGES = [
  'draft',
  'level1',
  'level2',
  'secrecy',
  'referred',
  'level3',
  'level4',
  'approved',
  'published',
  'returned',
  'withheld',
] as const;
export type Stage = (typeof STAGES)[number];

export type Level = 1 | 2 | 3 | 4;
export const LEVELS: readonly Level[] = [1, 2, 3, 4];
export const LEVEL_NAME: Record<Level, string> = { 1: '一审一校', 2: '二审二校', 3: '三审三校', 4: '主要领导审定' };

export function levelOf(stage: Stage): Level | null {
  const m = /^level([1-4])$/.exec(stage);
  return m ? (Number(m[1]) as Level) : null;
}

/** Editing makes a new revision, and is allowed only before review or after a return (DOMAIN §2.3). */
export const isEditable = (stage: Stage): boolean => stage === 'draft' || stage === 'returned';

// Who may dismiss a finding (publish.ts canDismissKind): 'proofreading' — the author or the waiting reviewer, a serious
// or error one counting only from 二审 (DOMAIN §2.5); 'secrecy' — a 密级标志 or 个人信息 finding, which 保密审查制度
// 第七条 gives to the 保密工作机构 at the secrecy step (between 二审 and 三审, src/secrecy): it must dismiss it or
// withhold it by 脱密 before any 公开 opinion — so it does not block the levels.
export const FINDING_KINDS = ['proofreading', 'secrecy'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Where someone stands towards the item when acting on a finding: its author while drafting, or the waiting level. */
export const STANDINGS = ['author', 'level1', 'level2', 'level3', 'level4'] as const;
export type Standing = (typeof STANDINGS)[number];

/** DOMAIN §2.5: only a reviewer at level 2 or above dismisses a serious or error finding. */
export const decidesDismissals = (s: Standing): boolean => s !== 'author' && s !== 'level1';
