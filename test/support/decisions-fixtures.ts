// 重大行政决策 tests: a draft decision and its explanation published by a demo unit through the real 三审三校 chain
// (一审 by the author where the unit allows it, 二审, 保密审查, 三审), as 预公开 requires.
import type { Deps } from '../../src/platform/deps.ts';
import { listChannels, listColumns, listSections, listUnits, listUsers, loadActor } from '../../src/org/service.ts';
import { approveItem, draftItem, giveOpinion, submitItem } from '../../src/publish/service.ts';
import { DISCLOSE, disclosureAt } from './publish-fixtures.ts';

/** Publishes `text` as the demo unit with this username prefix (fgw: 区发展改革委); returns the item id. */
export async function publishDraftDecision(deps: Deps, unitName: string, title: string, text: string) {
  const unit = (await listUnits(deps.db)).find((u) => u.name === unitName)!;
  const people = await listUsers(deps.db, unit.id);
  const as = async (suffix: string) =>
    (await loadActor(deps.db, people.find((p) => p.username.endsWith(`.${suffix}`))!.id))!;
  const site = (await listChannels(deps.db, unit.id)).find((c) => c.kind === 'website')!;
  const column = (await listColumns(deps.db, site.id))[0];
  const [section] = await listSections(deps.db, unit.id);
  const author = await as('staff');
  const item = await draftItem(deps, author, {
    title,
    body: { format: 'text', content: text },
    sectionId: section.id,
    channels: [{ channelId: site.id, columnId: column.id }],
    itemType: 'original',
    major: false,
  });
  await submitItem(deps, author, { itemId: item.id, revision: 1 });
  const review = { opinion: '同意', proofreading: '', standardsAttested: true, revision: 1, itemId: item.id };
  await approveItem(deps, author, { ...review, level: 1, disclosure: disclosureAt(1) });
  await approveItem(deps, await as('section'), { ...review, level: 2, disclosure: disclosureAt(2) });
  await giveOpinion(deps, await as('secrecy'), {
    itemId: item.id,
    revision: 1,
    ...DISCLOSE,
    basisIds: [...DISCLOSE.basisIds],
  });
  const done = await approveItem(deps, await as('leader'), { ...review, level: 3, disclosure: disclosureAt(3) });
  if (done.stage !== 'published') throw new Error(`征求意见稿未发布：${done.stage}`);
  return item.id;
}
