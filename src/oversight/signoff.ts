// 审签单 (review sign-off sheet) of one item: who reviewed the current revision at each level — 一审, 二审, 保密审查,
// 三审, 主要领导审定 — when, with what decision, opinion, proofreading and disclosure opinion with its basis (65号
// 三审三校制度 谁审核谁负责; 保密审查制度 第十二条). Built only from publish's and secrecy's exported reads; who may
// see it is who may see the item (src/org/policy/publish.ts canView, applied by those reads).
import type { Deps } from '../platform/deps.ts';
import { CHANNEL_KIND_NAME, type Actor, ROLE_NAME, type Role } from '../org/model.ts';
import { getChannel, getColumn, getUnit } from '../org/service.ts';
import { ITEM_TYPE_NAME, type Level, STAGE_NAME, type Stage } from '../publish/model.ts';
import { getHistory, getItem, type History } from '../publish/service.ts';
import { basisById } from '../secrecy/bases.ts';
import { OPINION_NAME, type OpinionKind } from '../secrecy/model.ts';
import { type LedgerEvidence, ledgerEvidence } from './signoff-ledger.ts';
import { dismissalsOf, type SignoffDismissal } from './signoff-dismissals.ts';
import { beijingMinute } from './time.ts';

export const SIGNOFF_LEVELS = ['level1', 'level2', 'secrecy', 'level3', 'level4'] as const;
export type SignoffLevel = (typeof SIGNOFF_LEVELS)[number];
export const SIGNOFF_LEVEL_NAME: Record<SignoffLevel, string> = {
  level1: '一审',
  level2: '二审',
  secrecy: '保密审查',
  level3: '三审',
  level4: '主要领导',
};

export interface DisclosureOpinion {
  opinion: OpinionKind | null;
  opinionName: string; // 公开 / 部分公开（脱密处理） / 免于公开 / 需报审
  basis: string[]; // 《中华人民共和国政府信息公开条例》第十九条
  basisText: string; // the reviewer's own words on the basis
  reason: string;
  secrecyMatter: boolean | null; // 一审 marks 是否属于保密事项
}

export interface SignoffRow {
  level: SignoffLevel;
  levelName: string;
  reviewer: { id: string; name: string };
  role: string;
  roleName: string;
  at: string; // ISO
  time: string; // 'YYYY-MM-DD HH:mm', Asia/Shanghai
  decision: string; // approve | return | resume, or the secrecy office's opinion (disclose, partial, exempt, refer)
  decisionName: string;
  opinion: string;
  proofreading: string;
  disclosure: DisclosureOpinion | null;
}

export interface Signoff {
  itemId: string;
  title: string;
  unit: { id: string; name: string; fullName: string };
  author: { id: string; name: string };
  itemType: string;
  itemTypeName: string;
  channels: { id: string; name: string; kindName: string; column: string | null }[];
  revision: number;
  major: boolean;
  stage: Stage;
  stageName: string;
  publishedAt: string | null; // 'YYYY-MM-DD HH:mm'
  rows: SignoffRow[];
  dismissals: SignoffDismissal[]; // 智能校对 findings dismissed on this revision, with who proposed and who accepted
  printedAt: string; // 'YYYY-MM-DD HH:mm'
  ledger: LedgerEvidence; // 台账存证: the item's entries with their inclusion proofs to a signed checkpoint
}

const DECISION_NAME: Record<string, string> = { approve: '通过', return: '退回修改', resume: '登记报审答复' };

export async function getSignoff(deps: Deps, actor: Actor, itemId: string): Promise<Signoff> {
  const item = await getItem(deps, actor, itemId); // 404, or 403 for who may not see the item
  const history = await getHistory(deps, actor, itemId);
  const [unit, channels] = await Promise.all([getUnit(deps.db, item.unitId), channelsOf(deps, item.channels)]);
  return {
    itemId: item.id,
    title: item.title,
    unit: { id: item.unitId, name: unit?.name ?? '', fullName: unit?.fullName ?? '' },
    author: { id: item.authorId, name: item.authorName },
    itemType: item.itemType,
    itemTypeName: ITEM_TYPE_NAME[item.itemType],
    channels,
    revision: item.revision,
    major: item.major,
    stage: item.stage,
    stageName: STAGE_NAME[item.stage],
    publishedAt: item.publishedAt && beijingMinute(item.publishedAt),
    rows: rowsOf(history, item.revision),
    dismissals: await dismissalsOf(deps, actor, item.id, item.revision),
    printedAt: beijingMinute(deps.clock.now().toISOString()),
    ledger: await ledgerEvidence(deps, item.id),
  };
}

async function channelsOf(
  deps: Deps,
  picks: { channelId: string; columnId: string | null }[],
): Promise<Signoff['channels']> {
  return Promise.all(
    picks.map(async (p) => {
      const [channel, column] = await Promise.all([
        getChannel(deps.db, p.channelId),
        p.columnId ? getColumn(deps.db, p.columnId) : null,
      ]);
      return {
        id: p.channelId,
        name: channel?.name ?? '',
        kindName: channel ? CHANNEL_KIND_NAME[channel.kind] : '',
        column: column?.name ?? null,
      };
    }),
  );
}

type Disclosure = History['disclosure'][number];

function disclosureOf(o: Disclosure): DisclosureOpinion {
  const basis = o.basisIds.map((id) => {
    const b = basisById(id);
    return b ? `《${b.law}》${b.article}` : id;
  });
  return {
    opinion: o.opinion,
    opinionName: o.opinion ? OPINION_NAME[o.opinion] : '',
    basis,
    basisText: o.basisText,
    reason: o.reason,
    secrecyMatter: o.secrecyMatter,
  };
}

/** The current revision's steps in the order they happened: approvals bind to a revision (DOMAIN §2.3). */
function rowsOf(history: History, revision: number): SignoffRow[] {
  const opinions = history.disclosure.filter((o) => o.revision === revision);
  const reviews = history.steps
    .filter((s) => s.revision === revision)
    .map((s): SignoffRow => {
      const level = `level${s.level as Level}` as SignoffLevel;
      // 第八条(一)(二): levels 1 and 2 give their disclosure opinion with the approval.
      const stated = opinions.find((o) => o.step === level && o.actor.id === s.reviewer.id);
      return row(
        level,
        s.reviewer,
        s.role,
        s.createdAt,
        s.decision,
        s.opinion,
        s.proofreading,
        stated ? disclosureOf(stated) : null,
      );
    });
  const secrecy = opinions
    .filter((o) => o.step === 'secrecy')
    .map((o) => {
      const decision = o.kind === 'opinion' ? (o.opinion ?? 'opinion') : o.kind;
      return row(
        'secrecy',
        o.actor,
        o.role,
        o.createdAt,
        decision,
        o.reason,
        '',
        o.kind === 'opinion' ? disclosureOf(o) : null,
      );
    });
  return [...reviews, ...secrecy].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : SIGNOFF_LEVELS.indexOf(a.level) - SIGNOFF_LEVELS.indexOf(b.level),
  );
}

function row(
  level: SignoffLevel,
  reviewer: { id: string; name: string },
  role: string,
  at: string,
  decision: string,
  opinion: string,
  proofreading: string,
  disclosure: DisclosureOpinion | null,
): SignoffRow {
  return {
    level,
    levelName: SIGNOFF_LEVEL_NAME[level],
    reviewer,
    role,
    roleName: ROLE_NAME[role as Role] ?? role,
    at,
    time: beijingMinute(at),
    decision,
    decisionName: DECISION_NAME[decision] ?? OPINION_NAME[decision as OpinionKind] ?? decision,
    opinion,
    proofreading,
    disclosure,
  };
}
