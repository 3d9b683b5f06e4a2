// An item's particulars besides its text — title, hosting unit and section, channels, type, 重大事项, publish time —
// checked against the organisation (through org's service) before a draft or revision is written.
import { getChannel, getColumn, getSection, getUnit } from '../org/service.ts';
import type { Executor } from '../platform/db/types.ts';
import { invalid } from '../platform/errors.ts';
import {
  type ChannelPick,
  channelProblem,
  type Item,
  type ItemChannel,
  type ItemType,
  itemTypeProblem,
  LIMITS,
} from './model.ts';
import * as store from './store.ts';

export interface DraftFields {
  title: string;
  unitId?: string; // 承办单位; defaults to the section's unit
  sectionId: string;
  channels: ChannelPick[];
  itemType: ItemType;
  source?: string | null; // 转载来源
  major: boolean; // 重大事项
  publishAt?: string | null; // ISO time; null or past: publish on final approval
  coIssuerUnitIds?: string[]; // 多机关共同形成: co-issuing units (保密审查制度 第九条); omitted keeps the current list
}

export interface ItemMeta {
  title: string;
  unitId: string;
  sectionId: string;
  channels: ItemChannel[];
  itemType: ItemType;
  source: string | null;
  major: boolean;
  publishAt: string | null;
}

/** Missing fields keep the existing item's values (a .docx revision changes only the text). */
export async function resolveMeta(db: Executor, f: Partial<DraftFields>, existing: Item | null): Promise<ItemMeta> {
  const title = (f.title ?? existing?.title ?? '').trim();
  if (!title) throw invalid('title', '请填写标题');
  if ([...title].length > LIMITS.title) throw invalid('title', `标题不能超过 ${LIMITS.title} 字`);
  const sectionId = f.sectionId ?? existing?.sectionId;
  const section = sectionId ? await getSection(db, sectionId) : null;
  if (!section) throw invalid('sectionId', '所选科室不存在');
  if (!existing && f.unitId && !(await getUnit(db, f.unitId))) throw invalid('unitId', '所选承办单位不存在');
  const unitId = existing?.unitId ?? f.unitId ?? section.unitId;
  if (section.unitId !== unitId) throw invalid('sectionId', '所选科室不属于承办单位');
  const itemType = f.itemType ?? existing?.itemType ?? 'original';
  const source = (f.source !== undefined ? f.source : existing?.source)?.trim() || null;
  const typeProblem = itemTypeProblem(itemType, source);
  if (typeProblem) throw typeProblem;
  if (source && [...source].length > LIMITS.source) throw invalid('source', `来源不能超过 ${LIMITS.source} 字`);
  const channels = f.channels
    ? await resolveChannels(db, unitId, f.channels)
    : ((await store.channelsOfItems(db, [existing?.id ?? ''])).get(existing?.id ?? '') ?? []);
  if (channels.length === 0) throw invalid('channels', '请至少选择一个发布渠道');
  return {
    title,
    unitId,
    sectionId: section.id,
    channels,
    itemType,
    source,
    major: f.major ?? existing?.major ?? false,
    publishAt: f.publishAt !== undefined ? isoOrNull(f.publishAt) : (existing?.publishAt ?? null),
  };
}

async function resolveChannels(db: Executor, unitId: string, picks: ChannelPick[]): Promise<ItemChannel[]> {
  const seen = new Set<string>();
  const out: ItemChannel[] = [];
  for (const [i, pick] of picks.entries()) {
    const found = {
      channel: await getChannel(db, pick.channelId),
      column: pick.columnId ? await getColumn(db, pick.columnId) : null,
    };
    const problem = channelProblem(unitId, i, pick, found, seen);
    if (problem) throw problem;
    seen.add(pick.channelId);
    out.push({ channelId: pick.channelId, columnId: pick.columnId ?? null });
  }
  return out;
}

/** Stored as UTC ISO so that string order is time order on both databases. */
function isoOrNull(value: string | null): string | null {
  if (value === null || value === '') return null;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw invalid('publishAt', '发布时间格式不正确');
  return new Date(t).toISOString();
}
