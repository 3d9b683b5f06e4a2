import { test } from 'node:test';
import assert from 'node:assert/strict';
import leaders from './data/leaders-dated.json' with { type: 'json' };
import { buildLeaderChecker } from './leaders.ts';
import { runChecks } from './index.ts';

const checker = buildLeaderChecker();
const found = (text: string) => checker.find(text).map((f) => [f.rule, text.slice(f.start, f.end), f.suggestion]);

test('领导人姓名错一个音近或形近的字，由职务确认', () => {
  assert.deepEqual(found('原国家主席江泽明同志的讲话'), [['expression.leader-name', '江泽明', '江泽民']]);
  assert.deepEqual(found('时任国务院总理朱熔基到重庆考察。'), [['expression.leader-name', '朱熔基', '朱镕基']]);
  assert.deepEqual(found('浙江省委书记易练红主持会议。'), [['expression.leader-name', '易练红', '易炼红']]);
});

test('姓氏错字和两字姓名只在本人职务之后报告', () => {
  assert.deepEqual(found('国务院总理李朋出席开幕式。'), [['expression.leader-name', '李朋', '李鹏']]);
  assert.deepEqual(found('村民李朋反映道路损坏。'), []);
});

test('职务张冠李戴：只有特定的人担任过的职务放在另一位领导人名字前', () => {
  const [f] = checker.find('国家主席李强会见外宾。');
  assert.equal(f.rule, 'expression.leader-title');
  assert.equal(f.severity, 'serious');
  assert.match(f.message, /李强未曾任“国家主席”/);
});

test('正确的姓名、历史职务和普通人名不被标记', () => {
  for (const text of [
    '国家主席习近平、国务院总理李强出席。',
    '原国务院总理李鹏、全国人大常委会委员长李鹏', // both offices were his
    '国家主席江泽民、国务院总理朱镕基',
    '任命李国强同志为区财政局局长。', // an ordinary name near 李克强, not confirmed by his office
    '村民江泽明家的房屋已修缮。', // no office nearby
    '中共中央总书记、国家主席、中央军委主席习近平',
  ]) {
    assert.deepEqual(found(text), [], text);
  }
});

test('领导人名单每条都有来源和截止日期', () => {
  assert.ok(leaders.entries.length >= 100);
  for (const e of leaders.entries) assert.ok(e.source && e.asOf && e.titles.length > 0, e.name);
});

test('引擎输出带 rule 和 category，与原有领导人检查不重复', () => {
  const { findings } = runChecks('国务院总理李克墙出席会议。');
  const names = findings.filter((f) => f.category === 'expression');
  assert.equal(names.length, 1);
  assert.equal(names[0].suggestion, '李克强');
});
