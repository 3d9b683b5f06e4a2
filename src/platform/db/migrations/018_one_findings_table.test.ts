// Migration 018 keeps one findings table: each secrecy_findings row gives its twin in revision_findings (same item,
// revision, rule and span) its status, resolver, reason, time and id; a row without a twin is inserted with its line
// and column; the former status 'secrecy' becomes kind 'secrecy', open; secrecy_findings is gone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildPublishOrg, type PublishOrg } from '../../../../test/support/publish-fixtures.ts';
import { createTestDeps, TEST_ENGINE, type TestDeps } from '../../../../test/support/testdb.ts';
import { secrecyFindingsOf } from '../../../publish/findings-api.ts';
import { migrateTo, migrateToLatest } from '../migrate.ts';
import { currentSchema } from '../pg-schema.ts';

let deps: TestDeps;
let schema: string | undefined;
let org: PublishOrg;
before(async () => {
  deps = await createTestDeps({}, { migrate: false });
  schema = TEST_ENGINE === 'postgres' ? await currentSchema(deps.db) : undefined;
  await migrateTo(deps.db, '017_login_throttle', schema);
  org = await buildPublishOrg(deps);
});
after(() => deps.close());

const BODY = '机密★1年\n联系人身份证号：110101199003074258，电话13812345678。';
const AT = '2026-03-02T02:00:00.000Z';

test('保密审查的发现并入 revision_findings：按条目、版本、规则和位置对应，保留状态、处理人、理由和编号', async () => {
  const db = deps.db as any;
  const section = await db
    .selectFrom('sections')
    .select('id')
    .where('unit_id', '=', org.unitId)
    .executeTakeFirstOrThrow();
  const zhang = org.ids.zhang;
  const bao = org.ids.bao;
  await db
    .insertInto('items')
    .values({
      id: 'item-18',
      unit_id: org.unitId,
      section_id: section.id,
      author_id: zhang,
      title: '关于项目评审的通知',
      item_type: 'notice',
      stage: 'secrecy',
      current_revision: 1,
      version: 3,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  await db
    .insertInto('revisions')
    .values({
      id: 'rev-18',
      item_id: 'item-18',
      number: 1,
      title: '关于项目评审的通知',
      body_html: `<p>${BODY}</p>`,
      body_text: BODY,
      format: 'text',
      created_by: zhang,
      created_at: AT,
      checked_at: AT,
    })
    .execute();
  const pii = BODY.indexOf('110101');
  const phone = BODY.indexOf('138');
  const finding = (id: string, rule: string, category: string, start: number, end: number, status: string) => ({
    id,
    item_id: 'item-18',
    revision: 1,
    rule,
    category,
    severity: 'serious',
    start_at: start,
    end_at: end,
    line: start > 5 ? 2 : 1,
    col: 1,
    text: BODY.slice(start, end),
    suggestion: '',
    message: '提示',
    status,
    created_at: AT,
  });
  await db
    .insertInto('revision_findings')
    .values([
      {
        ...finding('rf-typo', 'typo.common', 'misspelling', 11, 13, 'dismissed'),
        severity: 'error',
        resolved_by: org.ids.wang,
        resolved_as: 'level2',
        reason: '原文如此',
        resolved_at: AT,
      },
      finding('rf-mark', 'secrecy.mark', 'secrecy', 0, 5, 'secrecy'),
      finding('rf-pii', 'pii.id-card', 'pii', pii, pii + 18, 'secrecy'),
    ])
    .execute();
  const secrecy = (id: string, rule: string, category: string, start: number, end: number, status: string) => ({
    id,
    item_id: 'item-18',
    revision: 1,
    rule,
    category,
    severity: 'serious',
    start_at: start,
    end_at: end,
    text: BODY.slice(start, end),
    message: '提示',
    status,
    resolved_by: status === 'open' ? null : bao,
    reason: status === 'dismissed' ? '该件已解密' : null,
    resolved_at: status === 'open' ? null : AT,
    created_at: AT,
  });
  await db
    .insertInto('secrecy_findings')
    .values([
      secrecy('sf-mark', 'secrecy.mark', 'secrecy', 0, 5, 'dismissed'), // its twin: rf-mark
      secrecy('sf-phone', 'pii.phone', 'pii', phone, phone + 11, 'redacted'), // no twin
    ])
    .execute();

  await migrateToLatest(deps.db, schema);
  const rows = await db
    .selectFrom('revision_findings')
    .select(['id', 'kind', 'status', 'resolved_by', 'reason', 'resolved_at', 'line', 'col'])
    .where('item_id', '=', 'item-18')
    .orderBy('id')
    .execute();
  assert.deepEqual(
    rows.map((r: Record<string, unknown>) => [
      r.id,
      r.kind,
      r.status,
      r.resolved_by,
      r.reason,
      r.resolved_at,
      Number(r.line),
      Number(r.col),
    ]),
    [
      ['rf-pii', 'secrecy', 'open', null, null, null, 2, 1], // reached no secrecy step yet: open, the office's
      ['rf-typo', 'proofreading', 'dismissed', org.ids.wang, '原文如此', AT, 2, 1],
      ['sf-mark', 'secrecy', 'dismissed', bao, '该件已解密', AT, 1, 1], // the twin, under the id the ledger names
      ['sf-phone', 'secrecy', 'redacted', bao, null, AT, 2, phone - BODY.indexOf('\n')],
    ],
  );
  assert.deepEqual(
    (await secrecyFindingsOf(deps.db, 'item-18').list(1)).map((f) => [f.id, f.status]),
    [
      ['sf-mark', 'dismissed'],
      ['rf-pii', 'open'],
      ['sf-phone', 'redacted'],
    ],
  );
  await assert.rejects(db.selectFrom('secrecy_findings').selectAll().execute());
});
