// 智能校对 on every revision (65号 三审三校制度 第五条(四)), over HTTP: findings are kept per revision, a serious or error
// finding blocks submitting and approving until the text is fixed (a new revision) or a dismissal is proposed with a
// reason by the author or the 一审 reviewer (which 二审 then decides: test/publish-finding-dismissals.test.ts); warnings
// are dismissed at once and never block; 密级标志/个人信息 go to 保密审查.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listLedger } from '../src/platform/ledger/service.ts';
import {
  as,
  buildDocx,
  disclosureAt,
  openPublishApp,
  type PublishOrg,
  type Session,
} from './support/publish-fixtures.ts';
import type { TestDeps } from './support/testdb.ts';

let deps: TestDeps;
let app: FastifyInstance;
let org: PublishOrg;
let s: Record<string, Session>;
let close: () => Promise<void>;
before(
  async () =>
    ({ deps, app, org, s, close } = await openPublishApp(['zhang', 'li', 'wang', 'liu', 'wu', 'bao', 'ducha'])),
);
after(() => close());

const WRONG = '3月2日，区科技局召开科技创新工作会议。\n会议号召全体干部再接再励，中华人民共合国成立以来……';
const FIXED = '3月2日，区科技局召开科技创新工作会议。\n会议号召全体干部再接再厉，中华人民共和国成立以来……';
const review = { opinion: '同意', proofreading: '', standardsAttested: true };

async function draft(content: string): Promise<string> {
  const res = await as(app, s.zhang).post('/api/items', org.draft({ body: { format: 'text', content } }));
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

const findings = async (id: string, who = 'zhang', query = '') => {
  const res = await as(app, s[who]).get(`/api/items/${id}/findings${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
};
const dismiss = (who: string, id: string, findingId: string, reason: unknown) =>
  as(app, s[who]).post(`/api/items/${id}/findings/${findingId}/dismiss`, { reason });
const ledger = async (id: string, action: string) => listLedger(deps.db, { subject: `item:${id}`, action });

test('起草即校对：严重/错误发现存于该版本，详情和列表带未处理数量；存在时不能提交（422，指明数量和第一处）', async () => {
  const id = await draft(WRONG);
  const detail = (await as(app, s.zhang).get(`/api/items/${id}`)).json();
  assert.deepEqual(detail.openFindings, { serious: 1, error: 1, warning: 0 });
  const listed = (await as(app, s.zhang).get('/api/items?mine=1'))
    .json()
    .items.find((i: { id: string }) => i.id === id);
  assert.deepEqual(listed.openFindings, { serious: 1, error: 1, warning: 0 });

  const view = await findings(id);
  assert.equal(view.revision, 1);
  assert.equal(view.canDismiss, true);
  assert.deepEqual(
    view.findings.map((f: Record<string, unknown>) => [f.severity, f.category, f.text, f.suggestion, f.line, f.status]),
    [
      ['error', 'misspelling', '再接再励', '再接再厉', 2, 'open'],
      ['serious', 'expression', '中华人民共合国', '中华人民共和国', 2, 'open'],
    ],
  );
  const first = view.findings[0];
  assert.equal(WRONG.slice(first.start, first.end), '再接再励');
  assert.equal(first.column, WRONG.split('\n')[1].indexOf('再接再励') + 1);
  assert.equal(first.resolvedBy, null);

  const refused = await as(app, s.zhang).post(`/api/items/${id}/submit`, { revision: 1 });
  assert.equal(refused.statusCode, 422, refused.body);
  assert.equal(refused.json().code, 'UNRESOLVED_PROOFREADING');
  assert.equal(
    refused.json().message,
    '智能校对发现 2 处未处理的严重/错误问题（第 2 行：再接再励 → 再接再厉），请修改，或说明理由后建议忽略（由二审确认）',
  );
  assert.equal((await as(app, s.zhang).get(`/api/items/${id}`)).json().stage, 'draft');
  assert.equal((await ledger(id, 'publish.submit')).length, 0);
});

test('修改形成新版本即为改正：新版本不再有该发现，可以提交；旧版本的发现仍可查看但不能再忽略（409）', async () => {
  const id = await draft(WRONG);
  const old = await findings(id);
  const edited = await as(app, s.zhang).put(`/api/items/${id}`, {
    ...org.draft({ body: { format: 'text', content: FIXED } }),
    revision: 1,
  });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.deepEqual(edited.json().openFindings, { serious: 0, error: 0, warning: 0 });
  assert.deepEqual((await findings(id)).findings, []);
  const before = await findings(id, 'zhang', '?revision=1');
  assert.equal(before.current, false);
  assert.equal(before.canDismiss, false);
  assert.equal(before.findings.length, 2);
  const stale = await dismiss('zhang', id, old.findings[0].id, '属于引用原文');
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().code, 'STALE_REVISION');
  assert.equal((await as(app, s.zhang).get(`/api/items/${id}/findings?revision=3`)).statusCode, 404);
  assert.equal((await as(app, s.zhang).post(`/api/items/${id}/submit`, { revision: 2 })).json().stage, 'level1');
});

test('说明理由后建议忽略：理由须 2–500 字，否则 400 且不变；他人 403；建议后可提交（待二审确认），台账不含发现原文', async () => {
  const id = await draft(WRONG);
  const [a, b] = (await findings(id)).findings;
  for (const reason of ['', ' 是 ', 'x'.repeat(501), 42]) {
    const res = await dismiss('zhang', id, a.id, reason);
    assert.equal(res.statusCode, 400, `${JSON.stringify(reason)}: ${res.body}`);
    assert.equal(res.json().field, 'reason');
    assert.match(res.json().message, /[\u4e00-\u9fff]/);
  }
  for (const who of ['li', 'wang', 'wu'])
    assert.equal((await dismiss(who, id, a.id, '引用文件原文')).statusCode, 403, who);
  assert.equal((await dismiss('zhang', id, 'no-such-finding', '引用文件原文')).statusCode, 404);
  assert.deepEqual(
    (await findings(id)).findings.map((f: { status: string }) => f.status),
    ['open', 'open'],
  );
  assert.equal((await ledger(id, 'publish.finding_propose')).length, 0);

  const done = await dismiss('zhang', id, a.id, '  引用上级文件原文，不作改动  ');
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().decides, false);
  const after = done.json().findings[0];
  assert.deepEqual(
    [
      after.status,
      after.proposalReason,
      after.proposedBy.name,
      after.proposedAs,
      after.proposedAt,
      after.resolvedBy,
      after.canDecide,
    ],
    ['proposed', '引用上级文件原文，不作改动', '张承办', 'author', deps.clock.now().toISOString(), null, false],
  );
  assert.equal((await dismiss('zhang', id, a.id, '再次忽略')).json().code, 'ALREADY_PROPOSED');
  const stillOne = await as(app, s.zhang).post(`/api/items/${id}/submit`, { revision: 1 });
  assert.match(stillOne.json().message, /^智能校对发现 1 处.*中华人民共合国 → 中华人民共和国/);
  assert.equal((await dismiss('zhang', id, b.id, '历史文献原文引用')).statusCode, 200);
  const detail = (await as(app, s.zhang).get(`/api/items/${id}`)).json();
  assert.deepEqual([detail.openFindings, detail.proposedFindings], [{ serious: 0, error: 0, warning: 0 }, 2]);
  assert.equal((await as(app, s.zhang).post(`/api/items/${id}/submit`, { revision: 1 })).json().stage, 'level1');

  const entries = await ledger(id, 'publish.finding_propose');
  assert.equal(entries.length, 2);
  assert.deepEqual(JSON.parse(entries[0].payload), {
    itemId: id,
    revision: 1,
    findingId: a.id,
    rule: a.rule,
    category: 'misspelling',
    severity: 'error',
    line: 2,
    as: 'author',
    reason: '引用上级文件原文，不作改动',
  });
  assert.ok(entries.every((e) => !e.payload.includes('再接再励') && e.role === 'staff'));
  assert.equal((await ledger(id, 'publish.finding_dismiss')).length, 0);
});

test('警告不阻止提交；密级标志和个人信息交保密审查处理，不在此阻止也不能在此忽略', async () => {
  const warned = await draft('会议部署了全年重点工作,请各单位落实。');
  const w = await findings(warned);
  assert.deepEqual(
    w.findings.map((f: { severity: string; status: string }) => [f.severity, f.status]),
    [['warning', 'open']],
  );
  assert.deepEqual((await as(app, s.zhang).get(`/api/items/${warned}`)).json().openFindings, {
    serious: 0,
    error: 0,
    warning: 1,
  });
  // A warning is dismissed at once, by the author too: only serious and error findings need 二审.
  const gone = (await dismiss('zhang', warned, w.findings[0].id, '此处逗号为引文原样')).json().findings[0];
  assert.deepEqual(
    [gone.status, gone.resolvedBy.name, gone.resolvedAs, gone.proposedBy],
    ['dismissed', '张承办', 'author', null],
  );
  assert.equal((await ledger(warned, 'publish.finding_dismiss')).length, 1);
  assert.equal((await as(app, s.zhang).post(`/api/items/${warned}/submit`, { revision: 1 })).json().stage, 'level1');

  const pii = await draft('联系人身份证号：110101199003074258。');
  const [id] = (await findings(pii)).findings;
  assert.deepEqual(
    [id.category, id.severity, id.status, id.dismisser, id.canDismiss],
    ['pii', 'serious', 'open', 'secrecyOffice', false],
  ); // the 保密工作机构's, at its step
  assert.deepEqual((await as(app, s.zhang).get(`/api/items/${pii}`)).json().openFindings, {
    serious: 0,
    error: 0,
    warning: 0,
  });
  const refused = await dismiss('zhang', pii, id.id, '系虚构示例号码');
  assert.equal(refused.statusCode, 409);
  assert.equal(refused.json().code, 'SECRECY_FINDING');
  assert.equal((await as(app, s.zhang).post(`/api/items/${pii}/submit`, { revision: 1 })).json().stage, 'level1');
});

test('审核时也校验：未校对的旧版本在首次需要时校对；当前级别审核人可处理，其他级别不能；任何人可查看不等于可处理', async () => {
  const id = await draft('3月2日，区科技局召开科技创新工作会议。');
  assert.equal((await as(app, s.zhang).post(`/api/items/${id}/submit`, { revision: 1 })).statusCode, 200);
  // A revision written before findings were kept (migration 007): never checked, and its text has an error.
  await deps.db
    .updateTable('revisions')
    .set({ body_text: WRONG, checked_at: null })
    .where('item_id', '=', id)
    .execute();
  await deps.db.deleteFrom('revision_findings').where('item_id', '=', id).execute();

  const approve = () =>
    as(app, s.li).post(`/api/items/${id}/approve`, { level: 1, revision: 1, ...review, disclosure: disclosureAt(1) });
  const refused = await approve();
  assert.equal(refused.statusCode, 422, refused.body);
  assert.equal(refused.json().code, 'UNRESOLVED_PROOFREADING');
  assert.equal((await as(app, s.li).get(`/api/items/${id}`)).json().stage, 'level1');
  assert.equal((await ledger(id, 'publish.approve')).length, 0);

  const seen = await findings(id, 'ducha');
  assert.equal(seen.canDismiss, false);
  assert.equal(seen.findings.length, 2);
  assert.equal((await findings(id, 'li')).canDismiss, true);
  assert.equal((await findings(id, 'wang')).canDismiss, false);
  assert.equal((await dismiss('liu', id, seen.findings[0].id, '引用原文')).statusCode, 403); // 三审 is not the waiting level
  assert.equal((await dismiss('wang', id, seen.findings[0].id, '引用原文')).statusCode, 403);
  assert.equal((await as(app, s.wu).get(`/api/items/${id}/findings`)).statusCode, 403);
  for (const f of seen.findings) assert.equal((await dismiss('li', id, f.id, '经核对为引用原文')).statusCode, 200);
  assert.equal((await approve()).json().stage, 'level2'); // 一审 passes with the proposals; 二审 decides them
  const [entry] = await ledger(id, 'publish.finding_propose');
  assert.equal(entry.role, 'staff');
  assert.equal(entry.actor_name, '李一审');
});

test('导入 Word 的稿件和新版本同样校对', async () => {
  const fields = { sectionId: org.sectionId, channels: JSON.stringify([{ channelId: org.wechatId }]) };
  const created = await as(app, s.zhang).upload('/api/items/import', fields, {
    name: '通知.docx',
    content: await buildDocx(['关于开展科技活动周的通知', '要再接再励。']),
  });
  assert.equal(created.statusCode, 201, created.body);
  assert.deepEqual(created.json().openFindings, { serious: 0, error: 1, warning: 0 });
  const id = created.json().id;
  const revised = await as(app, s.zhang).upload(
    `/api/items/${id}/revisions/import`,
    { revision: '1' },
    { name: 'v2.docx', content: await buildDocx(['关于开展科技活动周的通知', '要再接再厉。']) },
  );
  assert.deepEqual(revised.json().openFindings, { serious: 0, error: 0, warning: 0 });
  assert.equal((await findings(id, 'zhang', '?revision=1')).findings[0].text, '再接再励');
  const [draftEntry] = await ledger(id, 'publish.draft');
  assert.deepEqual(JSON.parse(draftEntry.payload).findings, { serious: 0, error: 1, warning: 0 });
});
