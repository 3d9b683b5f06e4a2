// 季度检查自查表：区科技局的网站和微信公众号，按《政府网站与政务新媒体检查指标》逐项判定——每个单项否决项由本季度的
// 监测记录（探测、异常事件、最新状态）得出并附依据，错链断链等扣分；有否决项即不合格；导出 .xlsx 和 .docx；
// 其他单位的值班人员看不到本单位的自查表。
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { observation, watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import type { Observation } from '../watch/observation.ts';
import { addColumn, addSite, recordObservations, recordProbe } from '../watch/service.ts';
import { quarterlyReport } from './quarterly.ts';
import { quarterlyDocx, quarterlyXlsx } from './quarterly-docs.ts';

let w: WatchWorld;
let cleanSiteId: string;
const HOUR = 3600000;
const page = (w: WatchWorld, url: string) => ({ kind: 'page' as const, siteId: w.site.id, url });

/** One observation of the site at a Shanghai day of the quarter (the clock moves there and back). */
async function seen(at: string, o: Partial<Observation> & Pick<Observation, 'rule' | 'monitor'>, url?: string) {
  const { deps, site } = w;
  const back = deps.clock.now().toISOString();
  deps.clock.set(at);
  const target = url ? page(w, url) : { kind: 'site' as const, siteId: site.id };
  await recordObservations(deps, { siteId: site.id }, [observation(deps, target, { level: 'veto', ...o })]);
  deps.clock.set(back);
}

before(async () => {
  w = await watchWorld();
  const { deps, site, org } = w;
  const egov = await org.actor('egov');
  // 站点无法访问：2 月 19–26 日每小时一次探测，每 10 次失败 1 次（10%，超过 5% 的否决线）.
  const start = Date.parse('2026-02-18T16:00:00.000Z');
  for (let h = 0; h < 7 * 24; h++)
    await recordProbe(deps, site.id, { at: new Date(start + h * HOUR), ok: h % 10 !== 0, ms: 300 });
  await seen('2026-01-20T02:00:00.000Z', { monitor: 'freshness', rule: 'homepage-stale', summary: '首页 15 天未更新' });
  await seen('2026-01-21T02:00:00.000Z', { monitor: 'freshness', rule: 'stale-columns', summary: '5 个栏目超期' });
  await seen('2026-01-22T02:00:00.000Z', { monitor: 'freshness', rule: 'blank-columns', summary: '空白栏目 5 个' });
  const finding = (category: string, message: string) => ({ details: { findings: [{ category, message }] } });
  await seen(
    '2026-02-02T02:00:00.000Z',
    { monitor: 'content', rule: 'serious-finding', summary: '扫黑险恶', ...finding('political', '扫黑险恶') },
    'https://kjj.example.gov.cn/a.html',
  );
  await seen(
    '2026-02-03T02:00:00.000Z',
    { monitor: 'content', rule: 'serious-finding', summary: '未遮盖身份证号', ...finding('pii', '身份证号') },
    'https://kjj.example.gov.cn/b.html',
  );
  await seen('2026-02-04T02:00:00.000Z', { monitor: 'links', rule: 'bad-domain', summary: '链接到赌博网站' });
  await seen(
    '2026-02-05T02:00:00.000Z',
    { monitor: 'integrity', rule: 'hidden-link', summary: '领导信息页发现暗链' },
    'https://kjj.example.gov.cn/ldxx/',
  );
  await seen(
    '2026-02-06T02:00:00.000Z',
    { monitor: 'integrity', rule: 'defaced', summary: '机构概况页被篡改' },
    'https://kjj.example.gov.cn/jggk/',
  );
  // 扣分：首页 1 处、内页 2 处错链断链（最新状态），不计入否决.
  const dead = (url: string, onHomepage: boolean) =>
    seen(
      '2026-02-27T02:00:00.000Z',
      {
        monitor: 'links',
        rule: 'dead-link',
        level: 'warning',
        incident: false,
        summary: `无法访问：${url}`,
        details: { url, onHomepage },
      },
      url,
    );
  await dead('https://kjj.example.gov.cn/x1.html', true);
  await dead('https://kjj.example.gov.cn/x2.html', false);
  await dead('https://kjj.example.gov.cn/x3.html', false);
  // 互动回应差：在线咨询栏目最新答复 2025-10-01.
  const ask = await addColumn(deps, egov, site.id, {
    name: '在线咨询',
    url: 'https://kjj.example.gov.cn/zxzx/',
    kind: '互动',
  });
  await recordObservations(deps, { siteId: site.id }, [
    observation(
      deps,
      { kind: 'column', siteId: site.id, columnId: ask.id },
      {
        monitor: 'freshness',
        rule: 'column-stale',
        level: 'ok',
        incident: false,
        summary: '在线咨询最新信息发布于 2025-10-01',
        details: { newest: '2025-10-01', state: 'ok' },
      },
    ),
  ]);
  // 僵尸号.
  await recordObservations(deps, { accountId: w.account.id }, [
    observation(
      deps,
      { kind: 'account', accountId: w.account.id },
      { monitor: 'freshness', rule: 'account-dormant', level: 'veto', summary: '微信「綦江科技」已 20 天未更新' },
    ),
  ]);
  // A second site with only good probes: nothing to veto.
  const clean = await addSite(deps, egov, {
    unitId: org.unitId,
    name: '区科技局英文网站',
    url: 'https://en.kjj.example.gov.cn/',
    kind: 'subsite',
  });
  cleanSiteId = clean.id;
  for (let h = 0; h < 3 * 24; h++)
    await recordProbe(deps, clean.id, { at: new Date(start + h * HOUR), ok: true, ms: 200 });
});
after(() => w.deps.close());

test('每个单项否决项由本季度监测记录得出并附依据，错链扣分，有否决项即不合格', async () => {
  const { deps, org, site } = w;
  const r = await quarterlyReport(deps, await org.actor('egov'), { unitId: org.unitId, quarter: '2026Q1' });
  assert.equal(r.asOf, '2026-03-02');
  const main = r.targets.find((t) => t.id === site.id)!;
  const outcome = Object.fromEntries(main.vetoes.map((v) => [v.name, v.outcome]));
  assert.deepEqual(outcome, {
    站点无法访问: 'fail',
    首页不更新: 'fail',
    栏目不更新: 'fail',
    空白栏目: 'fail',
    互动回应差: 'fail',
    严重表述错误: 'fail',
    泄密: 'fail',
    链接有害内容: 'fail',
    暗链: 'fail',
    页面被篡改: 'fail',
  });
  const evidence = (name: string) =>
    main.vetoes
      .find((v) => v.name === name)!
      .evidence.map((e) => e.summary)
      .join('|');
  assert.match(evidence('站点无法访问'), /失败/);
  assert.match(evidence('严重表述错误'), /扫黑险恶/);
  assert.doesNotMatch(evidence('严重表述错误'), /身份证/);
  assert.match(evidence('泄密'), /身份证/);
  assert.match(evidence('暗链'), /领导信息页/);
  assert.match(evidence('互动回应差'), /在线咨询.*2025-10-01/);
  const points = Object.fromEntries(main.deductions.map((d) => [d.name, [d.count, d.points]]));
  assert.deepEqual(points.首页错链断链, [1, 0.5]);
  assert.deepEqual(points.其他页面错链断链, [2, 0.2]);
  assert.equal(main.score, 99.3);
  assert.equal(main.passed, false);
  assert.match(main.result, /^不合格（单项否决：站点无法访问、首页不更新/);

  const clean = r.targets.find((t) => t.id === cleanSiteId)!;
  assert.deepEqual(
    clean.vetoes.filter((v) => v.outcome !== 'pass').map((v) => [v.name, v.outcome]),
    [['互动回应差', 'manual']],
  );
  assert.equal(clean.passed, true);
  assert.equal(clean.result, '合格（1 项待人工核实）');

  const account = r.targets.find((t) => t.kind === 'newmedia')!;
  assert.equal(account.vetoes.find((v) => v.name === '僵尸号')!.outcome, 'fail');
  assert.equal(account.vetoes.find((v) => v.name === '互动功能不可用')!.outcome, 'manual');
  assert.equal(account.passed, false);

  // Another quarter saw none of it: the incidents of Q1 do not count in 2025Q4.
  const q4 = await quarterlyReport(deps, await org.actor('egov'), { unitId: org.unitId, quarter: '2025Q4' });
  const before = q4.targets.find((t) => t.id === site.id)!;
  assert.equal(before.vetoes.find((v) => v.name === '暗链')!.outcome, 'pass');
  assert.equal(before.vetoes.find((v) => v.name === '站点无法访问')!.outcome, 'manual');
});

test('自查表导出为 .xlsx 和 .docx，逐项列出结果与依据；其他单位的值班人员和无效季度被拒绝', async () => {
  const { deps, org } = w;
  const r = await quarterlyReport(deps, await org.actor('zhou'), { unitId: org.unitId, quarter: '2026Q1' });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await quarterlyXlsx(r)) as unknown as ArrayBuffer);
  const rows = book.worksheets[0].getSheetValues().map((v) => (Array.isArray(v) ? v.slice(1).join('|') : ''));
  assert.match(rows.join('\n'), /2026年第1季度政府网站与政务新媒体自查表/);
  assert.ok(rows.some((x) => /区科技局网站.*\|单项否决\|暗链\|.*\|单项否决\|.*领导信息页发现暗链/.test(x)));
  assert.ok(rows.some((x) => /\|结论\|得分\|99.3\|不合格/.test(x)));
  const { value: text } = await mammoth.extractRawText({ buffer: await quarterlyDocx(r) });
  assert.match(text, /微信公众号「綦江科技」/);
  assert.match(text, /僵尸号/);

  await assert.rejects(quarterlyReport(deps, await org.actor('feng'), { unitId: org.unitId, quarter: '2026Q1' }), {
    status: 403,
    code: 'NOT_WATCHING_UNIT',
  });
  await assert.rejects(quarterlyReport(deps, await org.actor('egov'), { unitId: org.unitId, quarter: '2026Q5' }), {
    status: 400,
  });
  await assert.rejects(quarterlyReport(deps, await org.actor('egov'), { unitId: org.unitId, quarter: '2026Q3' }), {
    status: 400,
  });
});
