import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFormulationChecker, documentDate, findFormulationPatterns } from './formulations.ts';
import { runChecks } from './index.ts';

const checker = buildFormulationChecker();
const found = (text: string) =>
  [...checker.find(text), ...findFormulationPatterns(text)].map((f) => `${f.rule}:${text.slice(f.start, f.end)}`);

test('战略、倡议的非规范名称（含带引号的写法）是严重错误，并给出规范表述', () => {
  const [f] = checker.find('积极参与“一带一路”计划。');
  assert.equal(f.rule, 'formulation.strategy');
  assert.equal(f.severity, 'serious');
  assert.equal(f.suggestion, '“一带一路”倡议');
  assert.match(f.message, /依据：国家发展改革委/);
  assert.deepEqual(found('推进成渝双城经济圈建设，深化供给侧改革。'), [
    'formulation.strategy:成渝双城经济圈',
    'formulation.strategy:供给侧改革',
  ]);
  assert.deepEqual(found('推进成渝地区双城经济圈建设，深化供给侧结构性改革，坚持精准扶贫攻坚。'), []);
});

test('一个中国：台湾、香港、澳门与国家并列、与“中国”并列，台湾当局机构的称谓', () => {
  assert.deepEqual(found('来自美国、日本、台湾等国家的客商。'), ['formulation.one-china:国家']);
  assert.deepEqual(found('中国与香港的经贸往来。'), ['formulation.one-china:中国']);
  assert.deepEqual(found('台湾政府、香港政府。'), ['formulation.one-china:台湾政府', 'formulation.one-china:香港政府']);
  assert.deepEqual(found('来自美国、台湾地区等国家和地区的客商；大陆与台湾；中国香港；中国国民党；台湾国际航线。'), []);
});

test('已被替换的表述按成文日期判断：之后的文件报错，之前的文件、“原…”和书名号内的旧文件名不报', () => {
  assert.deepEqual(found('做好新冠肺炎疫情防控工作。\n2023年1月5日'), ['formulation.superseded:新冠肺炎']);
  assert.deepEqual(found('做好新冠肺炎疫情防控工作。\n2021年1月5日'), []);
  assert.deepEqual(found('原区环境保护局的职责划入区生态环境局。'), []);
  assert.deepEqual(found('依据《国家工商行政管理总局关于登记的规定》办理。'), []);
  assert.equal(documentDate('发布日期：2023-2-1\n正文'), '2023-02-01');
  assert.equal(documentDate('没有日期'), undefined);
});

test('全面建设小康社会：2012 年以前的文件可用，不再被当作错一字的严重表述', () => {
  assert.deepEqual(
    runChecks('为全面建设小康社会而奋斗。\n2010年6月1日').findings.map((f) => f.rule),
    [],
  );
  assert.deepEqual(
    runChecks('为全面建设小康社会而奋斗。\n2016年6月1日').findings.map((f) => f.rule),
    ['formulation.superseded'],
  );
});

test('新华社禁用词：北朝鲜、残废人；“村长”不在农村长效、乡村长远里报', () => {
  assert.deepEqual(found('北朝鲜代表团；社区为残废人服务；该村村长说。'), [
    'formulation.xinhua:北朝鲜',
    'formulation.xinhua:残废人',
    'formulation.xinhua:村长',
  ]);
  assert.deepEqual(found('建立农村长效机制，推动乡村长远发展。'), []);
});

test('职务层级重复：綦江区区委书记、市委市委书记；区长、主城区区委书记不报', () => {
  assert.deepEqual(found('綦江区区委书记；中共重庆市委市委书记；成都市市委常委。'), [
    'formulation.doubled-level:区区',
    'formulation.doubled-level:市市',
    'formulation.doubled-level:市委市委',
  ]);
  assert.deepEqual(found('綦江区区长；綦江区委书记；主城区区委书记座谈会。'), []);
});
