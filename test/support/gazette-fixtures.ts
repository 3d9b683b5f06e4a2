// Published 公文 for the gazette's tests: a fixture's text goes through the real 三审三校 chain (一审, 二审, 保密审查,
// 三审) of test/support/publish-fixtures.ts and is published; plus a 公报室 person.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Actor } from '../../src/org/model.ts';
import { createUser } from '../../src/org/service.ts';
import type { Deps } from '../../src/platform/deps.ts';
import { approveItem, draftItem, submitItem } from '../../src/publish/service.ts';
import { disclosureAt, PASSWORD, passSecrecy, type PublishOrg } from './publish-fixtures.ts';

export const GAZETTE_FIXTURES = path.join(import.meta.dirname, '../fixtures/gazette');
export const fixtureText = (name: string) => readFileSync(path.join(GAZETTE_FIXTURES, `${name}.txt`), 'utf8');

/** The text as the 承办人 publishes it after 智能校对: 发文字号 in 〔〕 (the gazette prints some with [ ]), the
 *  repeated 重庆市綦江区 of the 决策事项目录 written once. */
export const proofread = (text: string) =>
  text.replace(/\[(\d{4})\]/g, '〔$1〕').replaceAll('重庆市綦江区重庆市綦江区', '重庆市綦江区');

/** Drafts, reviews at every level and publishes `text` (proofread); returns the item id. */
export async function publishText(deps: Deps, org: PublishOrg, title: string, text: string): Promise<string> {
  const author = await org.actor('zhang');
  const content = proofread(text);
  const item = await draftItem(deps, author, org.draft({ title, body: { format: 'text', content } }));
  await submitItem(deps, author, { itemId: item.id, revision: 1 });
  const review = { opinion: '同意', proofreading: '', standardsAttested: true, revision: 1, itemId: item.id };
  await approveItem(deps, await org.actor('li'), { ...review, level: 1, disclosure: disclosureAt(1) });
  await approveItem(deps, await org.actor('wang'), { ...review, level: 2, disclosure: disclosureAt(2) });
  await passSecrecy(deps, org, item.id);
  const done = await approveItem(deps, await org.actor('liu'), { ...review, level: 3, disclosure: disclosureAt(3) });
  if (done.stage !== 'published') throw new Error(`稿件未发布：${done.stage}`);
  return item.id;
}

/** A 公报室 person of the org's unit (username gongbao). */
export async function gazetteOffice(deps: Deps, org: PublishOrg): Promise<Actor> {
  const { id } = await createUser(deps, 'system', {
    username: 'gongbao',
    displayName: '高公报',
    unitId: org.unitId,
    password: PASSWORD,
    roles: ['gazette'],
  });
  org.ids.gongbao = id;
  return org.actor('gongbao');
}

/** Rejects with this HTTP status (and a message matching, if given). */
export const rejects = (p: Promise<unknown>, status: number, message?: RegExp) =>
  assert.rejects(p, (e: Error & { status?: number }) => e.status === status && (!message || message.test(e.message)));
