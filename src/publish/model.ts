// 三审三校 (three reviews, three proofreads) of an item (稿件): its stages, levels and the pure rules that move it.
// No clock, database or randomness here: `now` is passed in. Source: 綦江府办〔2022〕65号, DOMAIN.md §2.
import { type AppError, conflict, invalid } from '../platform/errors.ts';
import { htmlToText, sanitizeHtml, textToHtml } from '../platform/documents/html.ts';
import { textError, textProblem } from '../platform/http/text-hygiene.ts';
import type { SecrecyOutcome } from '../secrecy/model.ts';

// The stages and levels, and the rules the access policy reads, are owned by src/org/policy/chain.ts (below publish).
import { isEditable, LEVEL_NAME, LEVELS, type Level, levelOf, STAGES, type Stage } from '../org/policy/chain.ts';

export { isEditable, type Level, LEVEL_NAME, LEVELS, levelOf, STAGES, type Stage };

export const STAGE_NAME: Record<Stage, string> = {
  draft: '草稿',
  level1: '待一审',
  level2: '待二审',
  secrecy: '待保密审查',
  referred: '已报审待答复',
  level3: '待三审',
  level4: '待主要领导审定',
  approved: '已审定待发布',
  published: '已发布',
  returned: '已退回修改',
  withheld: '免于公开',
};

// 65号 §2(一): original text, pictures, video and reposts (转载) all go through the same chain.
// 'gazette': an issue of the 政府公报, drafted by the 公报室 from src/gazette (never from the ordinary draft form).
export const ITEM_TYPES = ['original', 'repost', 'picture', 'video', 'gazette'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
export const ITEM_TYPE_NAME: Record<ItemType, string> = {
  original: '原创',
  repost: '转载',
  picture: '图片',
  video: '视频',
  gazette: '政府公报',
};

export const BODY_FORMATS = ['text', 'html', 'docx'] as const;
export type BodyFormat = (typeof BODY_FORMATS)[number];

export const LIMITS = { title: 200, body: 2 * 1024 * 1024, opinion: 2000, proofreading: 5000, source: 200 } as const;

export interface Item {
  id: string;
  unitId: string; // 承办单位
  sectionId: string;
  authorId: string;
  title: string;
  itemType: ItemType;
  source: string | null; // 转载来源
  major: boolean; // 重大事项: needs 主要领导审定
  stage: Stage;
  revision: number; // the current revision; approvals bind to it
  version: number; // optimistic lock, bumped by every transition
  publishAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ItemChannel {
  channelId: string;
  columnId: string | null;
}

export interface Revision {
  number: number;
  title: string;
  bodyHtml: string;
  bodyText: string;
  format: BodyFormat;
  createdBy: string;
  createdAt: string;
}

export type DecisionKind = 'approve' | 'return';

export interface ReviewStep {
  id: string;
  revision: number;
  level: Level;
  reviewerId: string;
  role: string;
  decision: DecisionKind;
  opinion: string;
  proofreading: string;
  standardsAttested: boolean;
  createdAt: string;
}

/** The part of an item the state machine reads. */
export type ItemState = Pick<Item, 'stage' | 'major' | 'revision' | 'publishAt'>;

export interface Decision {
  kind: DecisionKind;
  level: Level;
  revision: number;
}

/** `publish`: the final approval publishes at once (no publish_at, or it has passed). */
export type Effect = { kind: 'publish' } | { kind: 'awaitPublishAt'; at: string };

export interface Decided<T extends ItemState> {
  next: T;
  effects: Effect[];
}

export const stageFor = (level: Level): Stage => `level${level}` as Stage;

/** The level after `level`: 1 → 2 → 3, and 3 → 4 only for 重大事项 (65号 §2(二): 主要领导审定). */
export function nextLevel(item: Pick<ItemState, 'major'>, level: Level): Level | null {
  if (level < 3) return (level + 1) as Level;
  if (level === 3 && item.major) return 4;
  return null;
}

/** 65号 先审后发: an item is published when approved and its publish time (if any) has come. */
export function isDue(publishAt: string | null, now: Date): boolean {
  return publishAt === null || Date.parse(publishAt) <= now.getTime();
}

const notAtLevel = (level: Level) =>
  conflict('NOT_AT_LEVEL', `稿件当前不在${LEVEL_NAME[level]}环节（可能已被他人处理），请刷新后查看`);
export const staleRevision = () => conflict('STALE_REVISION', '稿件已修改，请审核最新版本');

/** Where an approval at `level` leads: after 二审 the secrecy office's step (DOMAIN §3.1), then 三审 and on. */
export function stageAfter(item: Pick<ItemState, 'major'>, level: Level): Stage | null {
  if (level === 2) return 'secrecy';
  const after = nextLevel(item, level);
  return after === null ? null : stageFor(after);
}

/**
 * Where the secrecy office's decision leads (保密审查制度 第八条, DOMAIN §3): src/secrecy decides the outcome, the chain
 * moves the item. Cleared (公开 / 部分公开) goes on to 三审, which gives 第八条(四).
 */
export const STAGE_AFTER_SECRECY: Record<SecrecyOutcome, Stage> = {
  cleared: stageFor(3),
  withheld: 'withheld',
  referred: 'referred',
  returned: 'returned',
  reopened: 'secrecy',
};

/** A reviewer's decision at a level; approvals bind to the revision they name (DOMAIN §2.3). */
export function decide<T extends ItemState>(item: T, d: Decision, now: Date): Decided<T> | AppError {
  if (d.revision !== item.revision) return staleRevision();
  if (item.stage !== stageFor(d.level)) return notAtLevel(d.level);
  if (d.kind === 'return') return { next: { ...item, stage: 'returned' }, effects: [] };
  const after = stageAfter(item, d.level);
  if (after !== null) return { next: { ...item, stage: after }, effects: [] };
  return finalApproval(item, now);
}

/** The last approval of the chain: published at once, or approved until its publish time (定时发布). */
export function finalApproval<T extends ItemState>(item: T, now: Date): Decided<T> {
  if (isDue(item.publishAt, now)) return { next: { ...item, stage: 'published' }, effects: [{ kind: 'publish' }] };
  return { next: { ...item, stage: 'approved' }, effects: [{ kind: 'awaitPublishAt', at: item.publishAt as string }] };
}

export const notEditable = (stage: Stage) =>
  conflict('NOT_EDITABLE', `稿件${STAGE_NAME[stage]}，不能修改；被退回后方可修改`);

export function edit<T extends ItemState>(item: T, baseRevision: number): T | AppError {
  if (!isEditable(item.stage)) return notEditable(item.stage);
  if (baseRevision !== item.revision) return conflict('STALE_REVISION', '稿件已有更新的版本，请刷新后在最新版本上修改');
  return { ...item, revision: item.revision + 1 };
}

/**
 * Submitting starts the chain at level 1. A returned item must first be changed (a new revision): the return
 * asked for 退回修改, and approvals bind to a revision, so the restarted chain reviews a text nobody approved yet.
 */
export function submit<T extends ItemState>(item: T, revision: number, returnedRevision: number | null): T | AppError {
  if (!isEditable(item.stage)) return conflict('NOT_SUBMITTABLE', `稿件${STAGE_NAME[item.stage]}，不能再次提交`);
  if (revision !== item.revision) return staleRevision();
  if (item.stage === 'returned' && returnedRevision !== null && returnedRevision >= item.revision) {
    return conflict('NOT_REVISED', '退回的稿件须按审核意见修改（形成新版本）后再提交');
  }
  return { ...item, stage: 'level1' };
}

/** The scheduler's step: approved and due → published. */
export function publishIfDue<T extends ItemState>(item: T, now: Date): Decided<T> | null {
  if (item.stage !== 'approved' || !isDue(item.publishAt, now)) return null;
  return { next: { ...item, stage: 'published' }, effects: [{ kind: 'publish' }] };
}

// —— validation helpers: each returns the first problem as a 400 naming the field, or null ——

/** 审核标准 (DOMAIN §2.4): the reviewer confirms political stance, truth, legality and wording were checked. */
export function attestationProblem(standardsAttested: unknown): AppError | null {
  if (standardsAttested === true) return null;
  return invalid('standardsAttested', '请确认已按审核标准（政治立场、内容真实及时、合法合规、表述准确）完成审核');
}

export function itemTypeProblem(itemType: ItemType, source: string | null | undefined): AppError | null {
  if (itemType === 'repost' && !source?.trim()) return invalid('source', '转载稿件须注明来源');
  return null;
}

export interface ChannelPick {
  channelId: string;
  columnId?: string | null;
}

/** What the org module says about a picked channel and column (null: not found). */
export interface ResolvedPick {
  channel: { id: string; unitId: string; kind: string } | null;
  column: { id: string; channelId: string } | null;
}

/** Channels belong to the hosting unit (谁主办、谁发布); a website item goes into one of its columns (栏目). */
export function channelProblem(
  unitId: string,
  i: number,
  pick: ChannelPick,
  found: ResolvedPick,
  seen: Set<string>,
): AppError | null {
  const at = `channels.${i}`;
  if (!found.channel) return invalid(`${at}.channelId`, '所选发布渠道不存在');
  if (found.channel.unitId !== unitId) return invalid(`${at}.channelId`, '只能发布到承办单位自己的渠道');
  if (seen.has(pick.channelId)) return invalid(`${at}.channelId`, '发布渠道重复');
  if (found.channel.kind === 'website' && !pick.columnId) return invalid(`${at}.columnId`, '发布到网站须选择栏目');
  if (pick.columnId && (!found.column || found.column.channelId !== pick.channelId)) {
    return invalid(`${at}.columnId`, '所选栏目不属于该发布渠道');
  }
  return null;
}

export interface Body {
  html: string;
  text: string;
}

/** Plain text is escaped into paragraphs; HTML is sanitized. Either way the stored text is what the diff compares. */
export function toBody(format: 'text' | 'html', content: string): Body {
  const html = format === 'text' ? textToHtml(content) : sanitizeHtml(content);
  return { html, text: htmlToText(html) };
}

/**
 * The body's plain text follows the input hygiene rules too (src/platform/http/text-hygiene.ts): an HTML character
 * reference (&#8238;) or a Word document can carry what a JSON string may not.
 */
export function bodyProblem(body: Body, field: string): AppError | null {
  const hygiene = textProblem(body.text);
  if (hygiene && !(hygiene.fault === 'invisible' && /<img\b/i.test(body.html))) {
    return textError([field], hygiene, '', field === 'file' ? '导入文档的正文' : '「正文」');
  }
  if (!body.text.trim() && !/<img\b/i.test(body.html)) return invalid(field, '正文不能为空');
  if (body.text.length > LIMITS.body) return invalid(field, '正文不能超过 2 MB');
  return null;
}

/** An imported document's title when none was given: its first line with something visible, else the file name. */
export function titleFromImport(text: string, fileName: string): string {
  const first = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && textProblem(l) === null);
  const title = first ?? fileName.replace(/\.docx$/i, '').trim();
  return [...title].slice(0, LIMITS.title).join('') || '未命名稿件';
}
