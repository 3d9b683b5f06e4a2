// 发布网址: after the CMS has put a published item online, its unit records the page address per channel, so that
// the 读网值班 integrity monitor can check the live page against the approved text (only that text — the redacted
// one after 部分公开 — may ever be online).
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canRecordLiveUrl, liveUrlRole } from '../org/policy/publish.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { conflict } from '../platform/errors.ts';
import { checkHttpUrl } from '../platform/http-url.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import { redactedTextsOf } from '../secrecy/chain.ts';
import { loadViewable } from './queries.ts';
import * as store from './store.ts';

export interface LiveUrlInput {
  channelId: string;
  url: string;
}

export async function recordLiveUrl(
  deps: Deps,
  actor: Actor,
  itemId: string,
  input: LiveUrlInput,
): Promise<{ channelId: string; url: string }> {
  const url = checkHttpUrl('url', input.url, '发布网址');
  return deps.db.transaction().execute(async (tx) => {
    const item = await loadViewable(tx, actor, itemId);
    assertAllowed(canRecordLiveUrl(actor, item));
    if (!(await store.setLiveUrl(tx, item.id, input.channelId, url))) {
      throw conflict('NOT_PUBLISHED_ON_CHANNEL', '该稿件尚未在此渠道发布，不能登记发布网址');
    }
    const signed = { actor: { id: actor.id, name: actor.name }, role: liveUrlRole(actor, item), unitId: item.unitId };
    await appendLedger(
      tx,
      {
        ...signed,
        action: 'publish.live_url',
        subject: `item:${item.id}`,
        payload: { itemId: item.id, channelId: input.channelId, url },
      },
      deps.clock.now(),
    );
    return { channelId: input.channelId, url };
  });
}

/**
 * The approved text of each of the unit's published items, by the live page address its unit recorded: the text that
 * was published, i.e. the redacted one after 部分公开 — never the full text of a redacted item. Two queries per unit.
 */
export async function approvedTextsOf(deps: Pick<Deps, 'db'>, unitId: string): Promise<Record<string, string>> {
  const live = await store.livePublicationsOfUnit(deps.db, unitId);
  const redacted = await redactedTextsOf(
    deps.db,
    live.filter((p) => p.text === 'redacted'),
  );
  return Object.fromEntries(
    live.map((p) => {
      if (p.text === 'full') return [p.liveUrl, p.bodyText];
      const text = redacted.get(`${p.itemId}:${p.revision}`);
      if (text === undefined) throw new Error(`部分公开的稿件 ${p.itemId} 缺少脱密文本`);
      return [p.liveUrl, text];
    }),
  );
}
