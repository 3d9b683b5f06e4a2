// 发布网址: after the CMS has put a published item online, its unit records the page address per channel, so that
// the 读网值班 integrity monitor can check the live page against the approved text (only that text — the redacted
// one after 部分公开 — may ever be online).
import type { Deps } from '../app/deps.ts';
import { type Actor, holdsDistrictRole } from '../org/model.ts';
import { canRecordLiveUrl } from '../org/policy/publish.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { conflict } from '../platform/errors.ts';
import { checkHttpUrl } from '../platform/http-url.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import { publishableText } from '../secrecy/chain.ts';
import { loadViewable } from './queries.ts';
import * as store from './store.ts';

export interface LiveUrlInput {
  channelId: string;
  url: string;
}


export async function recordLiveUrl(deps: Deps, actor: Actor, itemId: string, input: LiveUrlInput): Promise<{ channelId: string; url: string }> {
  const url = checkHttpUrl('url', input.url, '发布网址');
  return deps.db.transaction().execute(async (tx) => {
    const item = await loadViewable(tx, actor, itemId);
    assertAllowed(canRecordLiveUrl(actor, item));
    if (!(await store.setLiveUrl(tx, item.id, input.channelId, url))) {
      throw conflict('NOT_PUBLISHED_ON_CHANNEL', '该稿件尚未在此渠道发布，不能登记发布网址');
    }
    const role = actor.id === item.authorId || !holdsDistrictRole(actor, 'egovCenter') ? 'staff' : 'egovCenter';
    await appendLedger(tx, { actor: { id: actor.id, name: actor.name }, role, unitId: item.unitId, action: 'publish.live_url',
      subject: `item:${item.id}`, payload: { itemId: item.id, channelId: input.channelId, url } }, deps.clock.now());
    return { channelId: input.channelId, url };
  });
}

/** The approved text of each of the unit's published items, by the live page address its unit recorded. */
export async function approvedTextsOf(deps: Pick<Deps, 'db'>, unitId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of await store.livePublicationsOfUnit(deps.db, unitId)) {
    const item = await store.getItem(deps.db, p.itemId);
    const revision = await store.getRevision(deps.db, p.itemId, p.revision);
    if (!item || !revision) continue;
    const text = await publishableText(deps.db, { ...item, revision: p.revision });
    out[p.liveUrl] = text.bodyText ?? revision.bodyText;
  }
  return out;
}
