// DOMAIN.md §2.5, over HTTP: a serious or error 智能校对 finding is fixed, or dismissed with a reason by a reviewer at
// level 2 or above. The author and the 一审 reviewer only propose (建议忽略); the item passes 一审 with proposals
// pending, but not 二审 — and so is never published — until the 二审 reviewer (or a higher level) accepts each one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { proposeEarlierDismissals } from '../src/platform/db/migrations/015_finding_dismissals.ts';
import { listLedger } from '../src/platform/ledger/service.ts';
import { as, disclosureAt, openPublishApp, type PublishOrg, type Session } from './support/publish-fixtures.ts';
import type { TestDeps } from './support/testdb.ts';

let deps: TestDeps;
let app: FastifyInstance;
let org: PublishOrg;
let s: Record<string, Session>;
let close: () => Promise<void>;
before(
  async () =>
    ({ deps, app, org, s, close } = await openPublishApp([
      'zhang',
      'li',
      'wang',
      'zhao',
      'multi',
      'liu',
      'bao',
      'ducha',
    ])),
);
after(() => close());

const WRONG = '3月2日，区科技局召开科技创新工作会议。\n会议号召全体干部再接再励，中华人民共合国成立以来……';
const FIXED = '3月2日，区科技局召开科技创新工作会议。\n会议号召全体干部再接再厉，中华人民共和国成立以来……';
const REASON = '我认为没问题，系引用原文';

type Finding = {
  id: string;
  status: string;
  severity: string;
  canDecide: boolean;
  proposedBy: { name: string } | null;
};
const findings = async (id: string, who = 'zhang') => {
  const res = await as(app, s[who]).get(`/api/items/${id}/findings`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { decides: boolean; canDismiss: boolean; findings: Finding[] };
};
const post = (who: string, url: string, body: unknown = {}) => as(app, s[who]).post(url, body);
const dismiss = (who: string, id: string, f: Finding, reason = REASON) =>
  post(who, `/api/items/${id}/findings/${f.id}/dismiss`, { reason });
const accept = (who: string, id: string, f: Finding) => post(who, `/api/items/${id}/findings/${f.id}/accept`);
const reject = (who: string, id: string, f: Finding, reason = '应当改正，不能忽略') =>
  post(who, `/api/items/${id}/findings/${f.id}/reject`, { reason });
const approve = (who: string, id: string, level: number, revision = 1) =>
  post(who, `/api/items/${id}/approve`, {
    level,
    revision,
    opinion: '同意',
    proofreading: '',
    standardsAttested: true,
    disclosure: disclosureAt(level),
  });
const stageOf = async (id: string) => (await as(app, s.zhang).get(`/api/items/${id}`)).json().stage as string;
const ledger = async (id: string, action: string) => listLedger(deps.db, { subject: `item:${id}`, action });

/** zhang drafts WRONG and proposes to dismiss both findings; the item is submitted and passes 一审 (li). */
async function proposedAtLevel2(opts: { level1By?: string } = {}): Promise<{ id: string; found: Finding[] }> {
  const created = await post('zhang', '/api/items', org.draft({ body: { format: 'text', content: WRONG } }));
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  const found = (await findings(id)).findings;
  for (const f of found)
    assert.equal(
      (await dismiss('zhang', id, f)).json().findings.find((g: Finding) => g.id === f.id).status,
      'proposed',
    );
  assert.equal((await post('zhang', `/api/items/${id}/submit`, { revision: 1 })).statusCode, 200);
  const level1 = await approve(opts.level1By ?? 'li', id, 1);
  assert.equal(level1.statusCode, 200, level1.body);
  return { id, found };
}

test('起草人“我认为没问题”的忽略只是建议：稿件过不了二审（422，列出待确认的数量），也就发布不了', async () => {
  const { id, found } = await proposedAtLevel2();
  const refused = await approve('wang', id, 2);
  assert.equal(refused.statusCode, 422, refused.body);
  assert.equal(refused.json().code, 'UNRESOLVED_PROOFREADING');
  assert.match(
    refused.json().message,
    /^智能校对还有 2 处严重\/错误问题未处理：2 处忽略建议待二审确认（第 2 行：再接再励 → 再接再厉）/,
  );
  assert.equal(await stageOf(id), 'level2');
  assert.equal((await ledger(id, 'publish.approve')).length, 1); // only 一审
  const view = await findings(id, 'wang');
  assert.equal(view.decides, true);
  assert.deepEqual(
    view.findings.map((f) => [f.status, f.canDecide, f.proposedBy?.name]),
    found.map(() => ['proposed', true, '张承办']),
  );
  assert.deepEqual(
    (await findings(id, 'li')).findings.map((f) => f.canDecide),
    [false, false],
  ); // 一审 is done
  for (const who of ['zhang', 'li', 'liu']) assert.equal((await accept(who, id, found[0])).statusCode, 403, who);
});

test('二审同意忽略后可以通过二审，直至发布；审签单列出每处忽略：发现、理由、谁建议、谁确认', async () => {
  const { id, found } = await proposedAtLevel2();
  deps.clock.advance(10 * 60_000);
  for (const f of found) {
    const res = await accept('wang', id, f);
    assert.equal(res.statusCode, 200, res.body);
    const after = res.json().findings.find((g: Finding) => g.id === f.id);
    assert.deepEqual(
      [after.status, after.reason, after.resolvedBy.name, after.resolvedAs, after.proposedBy.name, after.proposedAs],
      ['dismissed', REASON, '王科长', 'level2', '张承办', 'author'],
    );
  }
  assert.equal((await accept('wang', id, found[0])).json().code, 'ALREADY_RESOLVED');
  assert.equal((await approve('wang', id, 2)).json().stage, 'secrecy');
  assert.equal(
    (await post('bao', `/api/items/${id}/secrecy/opinion`, { revision: 1, ...disclosureAt(2) })).statusCode,
    200,
  );
  assert.equal((await approve('liu', id, 3)).json().stage, 'published');

  const [entry] = await ledger(id, 'publish.finding_accept');
  assert.equal(entry.role, 'sectionHead');
  assert.deepEqual(JSON.parse(entry.payload), {
    itemId: id,
    revision: 1,
    findingId: found[0].id,
    rule: JSON.parse(entry.payload).rule,
    category: 'misspelling',
    severity: 'error',
    line: 2,
    as: 'level2',
    reason: REASON,
    proposedBy: org.ids.zhang,
    proposedAs: 'author',
  });

  const sheet = (await as(app, s.ducha).get(`/api/items/${id}/signoff`)).json();
  assert.deepEqual(
    sheet.dismissals.map((d: Record<string, Record<string, string> & { by: { name: string } }>) => [
      d.finding.text,
      d.finding.suggestion,
      d.reason,
      d.proposed.by.name,
      d.proposed.roleName,
      d.dismissed.by.name,
      d.dismissed.roleName,
      d.dismissed.time,
    ]),
    [
      [
        '再接再励',
        '再接再厉',
        REASON,
        '张承办',
        '起草人',
        '王科长',
        '二审（科室负责人）',
        sheet.dismissals[0].dismissed.time,
      ],
      [
        '中华人民共合国',
        '中华人民共和国',
        REASON,
        '张承办',
        '起草人',
        '王科长',
        '二审（科室负责人）',
        sheet.dismissals[1].dismissed.time,
      ],
    ],
  );
  assert.match(sheet.dismissals[0].dismissed.time, /^2026-03-02 \d\d:\d\d$/);
  const pdf = await as(app, s.ducha).get(`/api/items/${id}/signoff.pdf`);
  assert.equal(pdf.statusCode, 200);
});

test('同一人不得既建议又确认：起草人到二审不能确认自己的建议；一审时提出建议的人到二审也不能，须由另一位科室负责人确认', async () => {
  // multi (工作人员 + 办公室负责人 + 分管领导) drafts and proposes; as 二审 they may not decide their own proposals.
  const created = await post('multi', '/api/items', org.draft({ body: { format: 'text', content: WRONG } }));
  const own = created.json().id as string;
  const mine = (await findings(own, 'multi')).findings;
  for (const f of mine) assert.equal((await dismiss('multi', own, f)).statusCode, 200);
  await post('multi', `/api/items/${own}/submit`, { revision: 1 });
  assert.equal((await approve('li', own, 1)).statusCode, 200);
  assert.equal((await accept('multi', own, mine[0])).json().code, 'AUTHOR_REVIEW');
  assert.equal((await accept('wang', own, mine[0])).statusCode, 200);

  // A revision first checked at 一审 (written before findings were kept): multi proposes there, li does 一审.
  const second = await post('zhang', '/api/items', org.draft());
  const id = second.json().id as string;
  await post('zhang', `/api/items/${id}/submit`, { revision: 1 });
  await deps.db
    .updateTable('revisions')
    .set({ body_text: WRONG, checked_at: null })
    .where('item_id', '=', id)
    .execute();
  await deps.db.deleteFrom('revision_findings').where('item_id', '=', id).execute();
  const [f1, f2] = (await findings(id, 'multi')).findings;
  assert.equal((await dismiss('multi', id, f1, '经核对为引用原文')).json().findings[0].proposedAs, 'level1');
  assert.equal((await dismiss('li', id, f2, '经核对为引用原文')).statusCode, 200);
  assert.equal((await approve('li', id, 1)).statusCode, 200); // someone else did 一审: multi may review 二审
  assert.equal((await findings(id, 'multi')).findings[0].canDecide, false);
  for (const res of [await accept('multi', id, f1), await reject('multi', id, f1)]) {
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().code, 'SAME_PERSON');
  }
  assert.equal((await accept('multi', id, f2)).statusCode, 200); // li's proposal: multi may accept it
  assert.equal((await approve('multi', id, 2)).statusCode, 422);
  assert.equal((await accept('zhao', id, f1)).statusCode, 200);
  assert.equal((await approve('multi', id, 2)).json().stage, 'secrecy');
  const entries = await ledger(id, 'publish.finding_accept');
  assert.deepEqual(
    entries.map((e) => e.actor_name),
    ['多岗人', '赵副科长'],
  );
});

test('不同意后重新阻止；二审可直接说明理由忽略；起草人在审核中不能再建议', async () => {
  const { id, found } = await proposedAtLevel2();
  const [first, second] = found;
  assert.equal((await reject('wang', id, first, '是')).statusCode, 400);
  const refused = await reject('wang', id, first);
  assert.equal(refused.statusCode, 200, refused.body);
  const back = refused.json().findings.find((f: Finding) => f.id === first.id);
  assert.deepEqual(
    [back.status, back.proposedBy, back.rejectedBy.name, back.rejectionReason],
    ['open', null, '王科长', '应当改正，不能忽略'],
  );
  assert.equal((await accept('wang', id, second)).statusCode, 200);
  const blocked = await approve('wang', id, 2);
  assert.equal(blocked.statusCode, 422);
  assert.match(blocked.json().message, /还有 1 处严重\/错误问题未处理：1 处未修改也未忽略（/);
  assert.equal((await dismiss('zhang', id, back)).statusCode, 403); // the item is under review: only 二审 acts now
  const direct = await dismiss('wang', id, back, '经核对属于引用原文');
  assert.deepEqual(direct.json().findings.find((f: Finding) => f.id === first.id).status, 'dismissed');
  assert.equal((await ledger(id, 'publish.finding_reject')).length, 1);
  assert.equal((await ledger(id, 'publish.finding_dismiss')).length, 1);
  assert.equal((await approve('wang', id, 2)).json().stage, 'secrecy');
});

test('新版本重新开始：退回修改后旧版本的建议和确认都不带到新版本；改正后才没有发现', async () => {
  const { id } = await proposedAtLevel2();
  assert.equal(
    (await post('wang', `/api/items/${id}/return`, { level: 2, revision: 1, opinion: '请改正错别字' })).statusCode,
    200,
  );
  const same = await as(app, s.zhang).put(`/api/items/${id}`, {
    ...org.draft({ body: { format: 'text', content: `${WRONG}\n（修改）` } }),
    revision: 1,
  });
  assert.equal(same.statusCode, 200, same.body);
  assert.deepEqual([same.json().openFindings, same.json().proposedFindings], [{ serious: 1, error: 1, warning: 0 }, 0]);
  assert.deepEqual(
    (await findings(id)).findings.map((f) => f.status),
    ['open', 'open'],
  );
  assert.equal((await post('zhang', `/api/items/${id}/submit`, { revision: 2 })).statusCode, 422);
  const fixed = await as(app, s.zhang).put(`/api/items/${id}`, {
    ...org.draft({ body: { format: 'text', content: FIXED } }),
    revision: 2,
  });
  assert.deepEqual(fixed.json().openFindings, { serious: 0, error: 0, warning: 0 });
  assert.equal((await post('zhang', `/api/items/${id}/submit`, { revision: 3 })).json().stage, 'level1');
});

test('迁移 015：审核链中起草人或一审已“忽略”的严重/错误发现改为待二审确认的建议；二审忽略的、已发布的不变', async () => {
  const { id, found } = await proposedAtLevel2();
  // As before 015: the author's dismissals were final.
  await deps.db
    .updateTable('revision_findings')
    .set((eb) => ({
      status: 'dismissed',
      resolved_by: eb.ref('proposed_by'),
      reason: eb.ref('proposal_reason'),
      resolved_at: eb.ref('proposed_at'),
      proposed_by: null,
      proposed_as: null,
      proposal_reason: null,
      proposed_at: null,
    }))
    .where('item_id', '=', id)
    .execute();
  assert.equal((await approve('wang', id, 2)).statusCode, 200); // the hole this closes
  const { id: held } = await proposedAtLevel2();
  await deps.db
    .updateTable('revision_findings')
    .set((eb) => ({
      status: 'dismissed',
      resolved_by: eb.ref('proposed_by'),
      reason: eb.ref('proposal_reason'),
      resolved_at: eb.ref('proposed_at'),
      proposed_by: null,
      proposed_as: null,
      proposal_reason: null,
      proposed_at: null,
    }))
    .where('item_id', '=', held)
    .execute();
  await deps.db.updateTable('items').set({ stage: 'published' }).where('id', '=', id).execute();
  await proposeEarlierDismissals(deps.db);
  assert.deepEqual(
    (await findings(id)).findings.map((f) => f.status),
    found.map(() => 'dismissed'),
  ); // history kept
  const now = (await findings(held, 'wang')).findings;
  assert.deepEqual(
    now.map((f) => [f.status, f.proposedBy?.name, f.canDecide]),
    [
      ['proposed', '张承办', true],
      ['proposed', '张承办', true],
    ],
  );
  assert.equal((await approve('wang', held, 2)).statusCode, 422);
});

test('审签单也列出保密工作机构排除的密级标志或个人信息发现，但不印出个人信息原文', async () => {
  const pii = '110101199003074258';
  const created = await post(
    'zhang',
    '/api/items',
    org.draft({ body: { format: 'text', content: `联系人身份证号：${pii}。` } }),
  );
  const id = created.json().id as string;
  assert.equal((await post('zhang', `/api/items/${id}/submit`, { revision: 1 })).statusCode, 200);
  assert.equal((await approve('li', id, 1)).statusCode, 200);
  assert.equal((await approve('wang', id, 2)).json().stage, 'secrecy');
  const [finding] = (await as(app, s.bao).get(`/api/items/${id}/secrecy`)).json().findings;
  const dismissed = await post('bao', `/api/items/${id}/findings/${finding.id}/dismiss`, {
    reason: '系虚构的示例号码',
  });
  assert.equal(dismissed.statusCode, 200);
  const sheet = (await as(app, s.ducha).get(`/api/items/${id}/signoff`)).json();
  assert.deepEqual(
    sheet.dismissals.map(
      (d: {
        finding: Record<string, unknown>;
        reason: string;
        proposed: unknown;
        dismissed: { by: { name: string }; roleName: string };
      }) => [
        d.finding.category,
        d.finding.text,
        d.finding.line,
        d.reason,
        d.proposed,
        d.dismissed.by.name,
        d.dismissed.roleName,
      ],
    ),
    [['pii', '', null, '系虚构的示例号码', null, '鲍保密', '保密审查（保密工作机构）']],
  );
  assert.ok(!JSON.stringify(sheet).includes(pii));
  assert.equal((await as(app, s.ducha).get(`/api/items/${id}/signoff.pdf`)).statusCode, 200);
});
