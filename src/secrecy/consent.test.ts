// 多机关共同形成 (第九条) and 解密 (第十一条) on a real database: publication waits for every co-issuing unit's written
// consent — a letter filed, or that unit's leader approving in gongkai — and a declassified secret marked
// 解密后不公开 / 解密后作为工作秘密 is never published.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { buildPublishOrg, disclosureAt, passSecrecy, type PublishOrg } from '../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { createUnit, createUser } from '../org/service.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { approveItem, draftItem, editItem, getItem, giveOpinion, returnItem, submitItem } from '../publish/service.ts';
import { consentInApp, fileConsentDocument, getSecrecyRecord, listSecrecyQueue } from './service.ts';

let deps: TestDeps;
let org: PublishOrg;
let thirdUnitId: string;
before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
  thirdUnitId = (
    await createUnit(deps, 'system', { name: '区财政局', fullName: '重庆市綦江区财政局', kind: 'department' })
  ).id;
  org.ids.czj = (
    await createUser(deps, 'system', {
      username: 'czj',
      displayName: '财政局分管领导',
      unitId: thirdUnitId,
      password: 'Publish2026',
      roles: ['leader'],
    })
  ).id;
});
after(() => deps.close());

const review = { opinion: '同意', proofreading: '', standardsAttested: true };

async function toLevel3(over: Record<string, unknown> = {}, level1: Record<string, unknown> = {}): Promise<string> {
  const zhang = await org.actor('zhang');
  const item = await draftItem(deps, zhang, org.draft(over));
  await submitItem(deps, zhang, { itemId: item.id, revision: 1 });
  await approveItem(deps, await org.actor('li'), {
    itemId: item.id,
    level: 1,
    revision: 1,
    ...review,
    disclosure: { ...disclosureAt(1), ...level1 },
  });
  await approveItem(deps, await org.actor('wang'), {
    itemId: item.id,
    level: 2,
    revision: 1,
    ...review,
    disclosure: disclosureAt(2),
  });
  return item.id;
}

const finalApproval = async (id: string, revision = 1) =>
  approveItem(deps, await org.actor('liu'), { itemId: id, level: 3, revision, ...review });

test('共同发文单位：起草时列明；缺少书面同意不能审定发布（422）；领导在系统中同意或上传同意函后放行', async () => {
  const zhang = await org.actor('zhang');
  await assert.rejects(draftItem(deps, zhang, org.draft({ coIssuerUnitIds: [org.unitId] })), {
    status: 400,
    field: 'coIssuerUnitIds.0',
  });
  await assert.rejects(draftItem(deps, zhang, org.draft({ coIssuerUnitIds: ['no-such-unit'] })), {
    status: 400,
    field: 'coIssuerUnitIds.0',
  });
  const id = await toLevel3({ coIssuerUnitIds: [org.otherUnitId, thirdUnitId] });
  await passSecrecy(deps, org, id);
  await assert.rejects(finalApproval(id), {
    status: 422,
    code: 'CONSENT_MISSING',
    message: /须征得(区民政局、区财政局|区财政局、区民政局)书面同意/,
  });
  assert.equal((await getItem(deps, zhang, id)).stage, 'level3');

  const wu = await org.actor('wu'); // 区民政局 分管领导
  assert.equal((await getItem(deps, wu, id)).id, id, '共同发文单位领导可以查看稿件');
  assert.deepEqual(
    (await listSecrecyQueue(deps, wu)).consent.map((e) => e.itemId),
    [id],
  );
  await assert.rejects(consentInApp(deps, await org.actor('liu'), { itemId: id, revision: 1 }), {
    status: 403,
    code: 'NOT_CO_ISSUER_LEADER',
  });
  await assert.rejects(consentInApp(deps, wu, { itemId: id, revision: 2 }), { status: 409, code: 'STALE_REVISION' });
  const agreed = await consentInApp(deps, wu, { itemId: id, revision: 1, note: '同意公开' });
  assert.deepEqual(
    agreed.coIssuers.map((c) => [c.name, c.consented]).sort(),
    [
      ['区民政局', true],
      ['区财政局', false],
    ].sort(),
  );
  await assert.rejects(consentInApp(deps, wu, { itemId: id, revision: 1 }), { status: 409, code: 'ALREADY_CONSENTED' });
  assert.deepEqual((await listSecrecyQueue(deps, wu)).consent, []);
  await assert.rejects(finalApproval(id), { status: 422, code: 'CONSENT_MISSING', message: /须征得区财政局书面同意/ });

  const letter = { buffer: Buffer.from('%PDF-1.4 区财政局关于同意公开的复函'), fileName: '财政局同意函.pdf' };
  await assert.rejects(
    fileConsentDocument(deps, await org.actor('wang'), { itemId: id, revision: 1, unitId: thirdUnitId }, letter),
    { status: 403, code: 'NOT_FILER' },
  );
  await assert.rejects(fileConsentDocument(deps, zhang, { itemId: id, revision: 1, unitId: org.unitId }, letter), {
    status: 400,
    field: 'unitId',
  });
  await assert.rejects(
    fileConsentDocument(
      deps,
      zhang,
      { itemId: id, revision: 1, unitId: thirdUnitId },
      { ...letter, fileName: 'a.exe' },
    ),
    { status: 400, field: 'file' },
  );
  const filed = await fileConsentDocument(deps, zhang, { itemId: id, revision: 1, unitId: thirdUnitId }, letter);
  const doc = filed.consents.find((c) => c.kind === 'document');
  assert.deepEqual(
    [doc?.fileName, doc?.fileSize, doc?.fileSha256],
    ['财政局同意函.pdf', letter.buffer.length, createHash('sha256').update(letter.buffer).digest('hex')],
  );
  const stored = await deps.db
    .selectFrom('secrecy_consents')
    .select('file_base64')
    .where('id', '=', doc!.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(Buffer.from(stored.file_base64 ?? '', 'base64'), letter.buffer, '同意函原件保存在库中');
  assert.deepEqual(filed.blockers, []);
  assert.equal((await finalApproval(id)).stage, 'published');
  const consents = await listLedger(deps.db, { subject: `item:${id}`, action: 'secrecy.consent' });
  assert.deepEqual(
    consents.map((e) => e.unit_id),
    [org.otherUnitId, org.unitId],
  ); // each signed in the acting unit's 台账
});

test('书面同意针对具体版本：退回修改形成新版本后须重新征得同意', async () => {
  const id = await toLevel3({ coIssuerUnitIds: [org.otherUnitId] });
  await consentInApp(deps, await org.actor('wu'), { itemId: id, revision: 1 });
  await passSecrecy(deps, org, id);
  await returnItem(deps, await org.actor('liu'), { itemId: id, level: 3, revision: 1, opinion: '标题需调整' });
  const zhang = await org.actor('zhang');
  await editItem(deps, zhang, {
    itemId: id,
    revision: 1,
    ...org.draft({ title: '调整后的标题', coIssuerUnitIds: [org.otherUnitId] }),
  });
  const record = await getSecrecyRecord(deps, zhang, id);
  assert.deepEqual(
    record.coIssuers.map((c) => c.consented),
    [false],
  );
  assert.deepEqual(
    record.consents.map((c) => c.revision),
    [1],
  ); // the earlier consent is kept, for revision 1
});

test('解密事项：一审须选择解密后的处理意见；解密后不公开、作为工作秘密的不能公开', async () => {
  const zhang = await org.actor('zhang');
  const item = await draftItem(deps, zhang, org.draft());
  await submitItem(deps, zhang, { itemId: item.id, revision: 1 });
  await assert.rejects(
    approveItem(deps, await org.actor('li'), {
      itemId: item.id,
      level: 1,
      revision: 1,
      ...review,
      disclosure: { ...disclosureAt(1), declassified: true },
    }),
    { status: 400, field: 'disclosure.declassification' },
  );

  const secret = await toLevel3({}, { declassified: true, declassification: 'workSecret' });
  await assert.rejects(passSecrecy(deps, org, secret), {
    status: 422,
    code: 'DECLASSIFIED_NOT_PUBLIC',
    message: /解密后作为工作秘密/,
  });
  const exempt = await giveOpinion(deps, await org.actor('bao'), {
    itemId: secret,
    revision: 1,
    opinion: 'exempt',
    basisIds: ['qj-11'],
    reason: '解密后作为工作秘密管理',
  });
  assert.equal(exempt.stage, 'withheld');
  assert.equal(exempt.opinions[0].declassification, 'workSecret');

  const open = await toLevel3({}, { declassified: true, declassification: 'disclose' });
  await passSecrecy(deps, org, open);
  assert.equal((await finalApproval(open)).stage, 'published');
});
