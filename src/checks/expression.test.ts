import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildExpressionChecker } from './expression.ts';
import { runChecks } from './index.ts';
import type { CanonicalTerm } from './model.ts';

const TERMS: CanonicalTerm[] = [
  { text: '扫黑除恶', kind: 'formulation' },
  { text: '四个全面', kind: 'formulation' },
  { text: '中华人民共和国', kind: 'organ' },
  { text: '中国共产党第二十次全国代表大会', kind: 'formulation' },
  { text: '齐齐哈尔市', kind: 'place' },
  { text: '重庆市綦江区人民政府', kind: 'unit' },
  { text: '区政府办公室', kind: 'unit' },
  { text: '国务院副总理', kind: 'organ' },
];
const checker = buildExpressionChecker(TERMS, []);
const found = (text: string) => checker.find(text).map((f) => `${text.slice(f.start, f.end)}→${f.suggestion}`);

test('错一字、缺一字、多一字的规范表述被找到', () => {
  assert.deepEqual(found('深入开展扫黑险恶专项斗争'), ['扫黑险恶→扫黑除恶']);
  assert.deepEqual(found('根据中华人民共合国宪法'), ['中华人民共合国→中华人民共和国']);
  assert.deepEqual(found('黑龙江省齐齐哈市'), ['齐齐哈市→齐齐哈尔市']);
  assert.deepEqual(found('重庆綦江区人民政府关于印发'), ['重庆綦江区人民政府→重庆市綦江区人民政府']);
  assert.deepEqual(found('中华人民民共和国'), ['中华人民民共和国→中华人民共和国']);
  assert.ok(checker.find('扫黑险恶').every((f) => f.severity === 'serious' && f.category === 'expression'));
});

test('攻府这类两字误写也被找到', () => {
  assert.deepEqual(found('攻府工作报告'), ['攻府→政府']);
  // Inside a longer configured name, the longer correction is the one shown.
  assert.deepEqual(found('区攻府办公室'), ['区攻府办公室→区政府办公室']);
});

test('正确写法和合法的不同词语不被标记', () => {
  const text =
    '中华人民共和国国务院；扫黑除恶常态化；从四个方面推进；中国共产党第二十一次全国代表大会；'
    + '区政协办公室、区政府办公室；国务院总理；重庆市綦江区人民政府办公室；齐齐哈尔市人民政府';
  assert.deepEqual(found(text), []);
});

test('配置的领导姓名错一字：有职务等上下文时标记', () => {
  const options = { leaders: [{ name: '杜家毫', title: '湖南省委书记' }] };
  const r = runChecks('省委书记杜家豪同志主持召开会议。', options);
  const f = r.findings.find((x) => x.rule === 'expression.leader');
  assert.ok(f, '应找到杜家豪');
  assert.equal(f.text, '杜家豪');
  assert.equal(f.suggestion, '杜家毫');
  assert.equal(f.severity, 'serious');
  assert.equal(
    runChecks('省委书记杜家毫同志主持召开会议。', options).findings.filter((x) => x.category === 'expression').length,
    0,
  );
  // Without the configured name the same text is not an error: the engine does not guess names.
  const fictional = { leaders: [{ name: '綦明远', title: '区长' }] };
  assert.equal(
    runChecks('区长綦明源同志主持召开会议。', fictional).findings.filter((x) => x.rule === 'expression.leader').length,
    1,
  );
  assert.equal(
    runChecks('区长綦明源同志主持召开会议。', {}).findings.filter((x) => x.rule === 'expression.leader').length,
    0,
  );
});

test('与领导姓名相近的普通人名，无上下文不标记', () => {
  const options = { leaders: [{ name: '杜家毫', title: '湖南省委书记' }] };
  assert.equal(
    runChecks('本次获奖的学生有杜家豪、李明、王芳。', options).findings.filter((x) => x.category === 'expression')
      .length,
    0,
  );
});

test('管理员配置的单位名称参与比对', () => {
  const options = { units: [{ name: '重庆市綦江区东溪镇人民政府', short: ['东溪镇政府'] }] };
  const r = runChecks('重庆市綦江区东溪真人民政府发布通告', options);
  assert.deepEqual(
    r.findings.filter((x) => x.category === 'expression').map((x) => x.suggestion),
    ['重庆市綦江区东溪镇人民政府'],
  );
});

test('任免通知中的普通人名不被当作领导人姓名的错写', () => {
  const notice = '区人民政府决定：任命李国强同志为区城市管理局副局长，张国华同志为区科技局局长；免去刘国忠同志的职务。';
  assert.deepEqual(
    runChecks(notice)
      .findings.filter((x) => x.category === 'expression')
      .map((x) => x.text),
    [],
  );
});

test('带有本人职务的领导人姓名错写被找出', () => {
  const f = runChecks('国务院副总理张国请出席会议并讲话。').findings.find((x) => x.category === 'expression');
  assert.equal(f?.text, '张国请');
  assert.equal(f?.suggestion, '张国清');
});
