// Recording a publication (发布): one row per channel, naming the revision and which text went out — the full text,
// or after 部分公开 the redacted one (65号 保密审查制度 第十四条: only the 脱密 text is ever published).
import { randomUUID } from 'node:crypto';
import type { Executor } from '../platform/db/types.ts';
import { appendLedger, type LedgerActor } from '../platform/ledger/service.ts';
import { publishableText } from '../secrecy/chain.ts';
import type { Item } from './model.ts';
import * as store from './store.ts';

export async function recordPublication(
  tx: Executor,
  item: Item,
  by: LedgerActor,
  role: string,
  now: Date,
): Promise<void> {
  const channels = (await store.channelsOfItems(tx, [item.id])).get(item.id) ?? [];
  const { text, redactionId } = await publishableText(tx, item);
  const at = now.toISOString();
  await store.insertPublications(
    tx,
    item.id,
    channels.map((c) => ({ id: randomUUID(), ...c, revision: item.revision, publishedAt: at, text })),
  );
  await appendLedger(
    tx,
    {
      actor: by,
      role,
      unitId: item.unitId,
      action: 'publish.publish',
      subject: `item:${item.id}`,
      payload: { itemId: item.id, revision: item.revision, channels, publishAt: item.publishAt, text, redactionId },
    },
    now,
  );
}
