// 网上公报 /gongbao over HTTP, no login (both databases): the 公报室 submits an issue over the API, the chain
// releases it, and anyone reads the issue list, the 目录, each document with its metadata and the PDF, and searches;
// nothing of an issue still in review shows; every value is escaped; the pages are rate-limited per address.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixtureText, gazetteOffice, publishText } from './support/gazette-fixtures.ts';
import { as, disclosureAt, loginAs, openPublishApp, type PublishApp, passSecrecy } from './support/publish-fixtures.ts';
import { approveItem } from '../src/publish/service.ts';

let p: PublishApp;
const SECTIONS = ['重庆市綦江区人民政府文件'];

before(async () => {
  p = await openPublishApp([]);
  await gazetteOffice(p.deps, p.org);
});
after(async () => {
  await p.close();
});

async function releasedIssue(): Promise<void> {
  const { deps, org, app } = p;
  const soil = await publishText(deps, org, '关于做好第三次全国土壤普查的通知', fixtureText('1-fufa-29'));
  const office = as(app, await loginAs(app, 'gongbao'));
  const issue = (
    await office.post('/api/gazette/issues', {
      year: 2022,
      number: 11,
      totalNumber: 129,
      publishDate: '2022-12-10',
      sections: SECTIONS,
    })
  ).json();
  assert.equal(
    (await office.post(`/api/gazette/issues/${issue.id}/entries`, { itemId: soil, section: SECTIONS[0] })).statusCode,
    200,
  );
  // Before it is submitted the 公报室 works on it over the API: corrects an element (here the 索引号 the online page
  // shows), reads the 目录 page numbers from the typeset pages, downloads the PDF in either paper size and the HTML.
  const compiled = (await office.get(`/api/gazette/issues/${issue.id}`)).json();
  const entry = compiled.entries[0];
  const edited = await office.put(`/api/gazette/issues/${issue.id}/entries/${entry.id}`, {
    ...entry.document,
    indexNumber: '11500222009300383T/2022-00129',
  });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal(edited.json().issue.entries[0].document.indexNumber, '11500222009300383T/2022-00129');
  const badDate = await office.put(`/api/gazette/issues/${issue.id}/entries/${entry.id}`, {
    ...entry.document,
    date: '去年冬天',
  });
  assert.equal(badDate.statusCode, 400);
  assert.match(badDate.json().message, /成文日期“去年冬天”无法识别/);
  const secret = await office.put(`/api/gazette/issues/${issue.id}/entries/${entry.id}`, {
    ...entry.document,
    classification: '秘密★1年',
  });
  assert.equal(secret.statusCode, 422);
  const toc = (await office.get(`/api/gazette/issues/${issue.id}/toc?paper=16K`)).json();
  assert.deepEqual(
    toc.toc.map((t: { title: string; page: number }) => [t.title, t.page]),
    [['重庆市綦江区人民政府关于做好第三次全国土壤普查的通知', 1]],
  );
  assert.ok(toc.pages >= 3, `共 ${toc.pages} 页`);
  const pdf = await office.get(`/api/gazette/issues/${issue.id}/pdf?paper=16K`);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.match(pdf.headers['content-disposition'] as string, /16K\.pdf/);
  const page = await office.get(`/api/gazette/issues/${issue.id}/html`);
  assert.match(page.headers['content-type'] as string, /text\/html/);
  assert.match(page.body, /第三次全国土壤普查/);
  assert.equal((await office.get(`/api/gazette/issues/${issue.id}/pdf?paper=B5`)).statusCode, 400);
  const placement = { sectionId: org.sectionId, channels: [{ channelId: org.siteId, columnId: org.columnId }] };
  const submitted = await office.post(`/api/gazette/issues/${issue.id}/submit`, placement);
  assert.equal(submitted.statusCode, 200, submitted.body);
  assert.equal(submitted.json().status, 'reviewing');
  assert.equal((await as(app, null).get('/gongbao/129')).statusCode, 404); // in review: not online
  const itemId = submitted.json().itemId as string;
  const r = { opinion: '同意', proofreading: '', standardsAttested: true, revision: 1, itemId };
  await approveItem(deps, await org.actor('li'), { ...r, level: 1, disclosure: disclosureAt(1) });
  await approveItem(deps, await org.actor('wang'), { ...r, level: 2, disclosure: disclosureAt(2) });
  await passSecrecy(deps, org, itemId);
  await approveItem(deps, await org.actor('liu'), { ...r, level: 3 });
}

test('无需登录：按年列出各期，目录，单篇及其元数据，PDF，全文检索；转义；未发布的期次 404', async () => {
  const anon = as(p.app, null);
  const empty = await anon.get('/gongbao');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /尚无已发布的公报/);
  await releasedIssue();

  const list = await anon.get('/gongbao');
  assert.match(list.headers['content-type'] as string, /text\/html/);
  assert.match(list.body, /<h2>2022年<\/h2>/);
  assert.match(list.body, /<a href="\/gongbao\/129">2022年第11期（总第129期）<\/a>/);

  const toc = await anon.get('/gongbao/129');
  assert.equal(toc.statusCode, 200);
  assert.match(toc.body, /<title>2022年第11期（总第129期） - 重庆市綦江区人民政府公报<\/title>/);
  assert.match(toc.body, /<h3>重庆市綦江区人民政府文件<\/h3>/);
  assert.match(toc.body, /<a href="\/gongbao\/129\/1">重庆市綦江区人民政府关于做好第三次全国土壤普查的通知<\/a>/);
  assert.match(toc.body, /href="\/gongbao\/129\/pdf"/);

  const doc = await anon.get('/gongbao/129/1');
  assert.equal(doc.statusCode, 200);
  assert.match(doc.body, /<dt>发文字号<\/dt><dd>綦江府发〔2022〕29号<\/dd>/);
  assert.match(doc.body, /<dt>成文日期<\/dt><dd>2022年/);
  assert.match(doc.body, /<dt>所属期<\/dt>/);
  assert.match(doc.body, /<dt>索引号<\/dt><dd>11500222009300383T\/2022-00129<\/dd>/);
  assert.match(doc.body, /<style media="print">/);
  assert.match(doc.body, /href="\/gongbao\/129\/1\?view=print"/);
  const print = await anon.get('/gongbao/129/1?view=print');
  assert.match(print.body, /<style media="all">/);
  assert.match(print.body, /第三次全国土壤普查/);
  // Whatever is missing answers the edition's own Chinese HTML 404 page.
  for (const url of ['/gongbao/129/2', '/gongbao/130', '/gongbao/abc', '/gongbao/129/1/x']) {
    const missing = await anon.get(url);
    assert.equal(missing.statusCode, 404, url);
    assert.match(missing.headers['content-type'] as string, /text\/html/, url);
    assert.match(missing.body, /<html lang="zh-CN">[\s\S]*<h1>页面不存在<\/h1>/, url);
  }
  assert.match((await anon.get('/gongbao/130')).body, /第130期公报不存在/);

  const pdf = await anon.get('/gongbao/129/pdf');
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

  const found = await anon.get(`/gongbao/search?q=${encodeURIComponent('土壤')}&year=2022`);
  assert.equal(found.statusCode, 200);
  assert.match(found.body, /<a href="\/gongbao\/129\/1">/);
  const hostile = await anon.get(`/gongbao/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
  assert.equal(hostile.statusCode, 200);
  assert.doesNotMatch(hostile.body, /<script>/);
  assert.match(hostile.body, /&lt;script&gt;/);
  const short = await anon.get(`/gongbao/search?q=${encodeURIComponent('土')}`);
  assert.equal(short.statusCode, 400);
  assert.match(short.body, /至少两个字/);
  const long = await anon.get(`/gongbao/search?q=${'很'.repeat(101)}`);
  assert.equal(long.statusCode, 400);
  assert.match(long.body, /检索条件或查看方式不正确/);
});
