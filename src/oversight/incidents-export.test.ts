// 异常情况登记表 (.xlsx): the incidents a person may see, with who was told, each step and the recovery time, read back
// with exceljs; filters as on the 异常事件 list; another unit's register is refused and a bad filter is a 400.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type DemoApp, type DemoSession, openDemoApp } from '../../test/support/demo-app.ts';
import { addSite, moveIncident, recordObservations } from '../watch/service.ts';
import { loadActor } from '../org/service.ts';
import { INCIDENT_HEADINGS } from './incidents-export.ts';

let demo: DemoApp;
let duty: DemoSession;
let unitId: string;
before(async () => {
  demo = await openDemoApp();
  duty = await demo.loginAs('kjj.duty');
  unitId = (
    await demo.deps.db.selectFrom('units').select('id').where('name', '=', '区科技局').executeTakeFirstOrThrow()
  ).id;
});
after(() => demo.close());

const actorOf = async (username: string) => {
  const { id } = await demo.deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return (await loadActor(demo.deps.db, id))!;
};
const download = (as: DemoSession, query: string) =>
  demo.app.inject({
    method: 'GET',
    url: `/api/watch/incidents/export${query}`,
    cookies: as.cookies,
    headers: as.headers,
  });

async function rowsOf(body: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const out: string[][] = [];
  book
    .getWorksheet('异常情况登记')!
    .eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}

test('异常情况登记表：发现时间、对象、发现方式、已通知、处理过程和恢复时间；按单位和状态筛选', async () => {
  const egov = await actorOf('egov');
  const site = await addSite(demo.deps, egov, {
    unitId,
    name: '区科技局网站',
    url: 'https://kjj.example.gov.cn/',
    kind: 'subsite',
  });
  const observe = (url: string, summary: string) =>
    recordObservations(demo.deps, { siteId: site.id }, [
      {
        monitor: 'integrity',
        rule: 'hidden-link',
        level: 'veto',
        incident: true,
        target: { kind: 'page', siteId: site.id, url },
        summary,
        details: { url },
        observedAt: demo.deps.clock.now(),
      },
    ]);
  const [handled] = (await observe('https://kjj.example.gov.cn/ldxx/', '领导信息页发现暗链')).opened;
  await observe('https://kjj.example.gov.cn/jgzn/', '机构职能页发现暗链');
  await moveIncident(demo.deps, await actorOf('kjj.duty'), handled, 'handle', '已通知平台运维清除');
  await moveIncident(demo.deps, egov, handled, 'recover', '暗链已清除，复查正常');

  const res = await download(duty, `?unitId=${unitId}`);
  assert.equal(res.statusCode, 200);
  // 区科技局…
  assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''%E5%8C%BA%E7%A7%91%E6%8A%80%E5%B1%80/);
  const rows = await rowsOf(res.rawPayload);
  assert.match(rows[0][0], /^区科技局读网值班异常情况登记表（\d{4}-\d{2}-\d{2} 导出，共 2 条）$/);
  assert.deepEqual(rows[1], INCIDENT_HEADINGS);
  const row = rows.slice(2).find((r) => r[7] === '领导信息页发现暗链')!;
  const cell = (heading: string) => row[INCIDENT_HEADINGS.indexOf(heading)];
  assert.deepEqual(
    [cell('单位'), cell('类别'), cell('发现方式'), cell('级别'), cell('状态')],
    ['区科技局', '政府网站', '系统监测：防篡改（暗链）', '否决风险', '已恢复'],
  );
  assert.match(cell('对象'), /区科技局网站/);
  assert.match(cell('已通知'), /（站内通知）/);
  assert.match(cell('处理过程'), /处理中 .+：已通知平台运维清除\n.*已恢复 .+：暗链已清除，复查正常/);
  assert.match(cell('恢复时间'), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  assert.equal(cell('关闭时间'), '');

  const recovered = await rowsOf((await download(duty, `?unitId=${unitId}&state=recovered`)).rawPayload);
  assert.deepEqual(
    recovered.slice(2).map((r) => r[7]),
    ['领导信息页发现暗链'],
  );
});

test('异常情况登记表：其他单位的值班人员 403；筛选条件有误 400；都以中文说明', async () => {
  const other = await demo.loginAs('cgj.duty');
  const refused = await download(other, `?unitId=${unitId}`);
  assert.equal(refused.statusCode, 403);
  assert.match(refused.json().message, /只能查看本单位/);
  const bad = await download(duty, '?state=bogus');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().field, 'state');
});
