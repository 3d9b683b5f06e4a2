import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildTypoTables, findTypos } from './typo.ts';
import { runChecks } from './index.ts';

const flagged = (text: string) => findTypos(text).map((f) => [text.slice(f.start, f.end), f.suggestion, f.severity]);

test('音近形近的错别字：不在词表里的常用词错一字，给出正确写法', () => {
  assert.deepEqual(flagged('区政府对此项工作作出部暑。'), [['部暑', '部署', 'warning']]);
  assert.deepEqual(flagged('符合条件的企业可向区财政局申清补助。'), [['申清', '申请', 'warning']]);
  assert.deepEqual(flagged('各单位要抓好落食，加强环境治里。'), [
    ['落食', '落实', 'warning'],
    ['治里', '治理', 'warning'],
  ]);
});

test('形近字：笔顺只差一笔、结构相同的字（休/体）也在混淆集里，相似但正确的句子不报', () => {
  assert.deepEqual(flagged('区政府对此项工作作出具休安排。'), [['具休', '具体', 'warning']]);
  for (const text of ['区政府对此项工作作出具体安排。', '请于本月末前完成自查，未按期报送的予以通报。']) {
    assert.deepEqual(flagged(text), [], text);
  }
});

test('词表里只见过两三次的“词”（语料噪声）离一个常用得多的词一字之差时，仍按错别字提示；领导人姓名不受影响', () => {
  assert.deepEqual(flagged('全区干布职工积极参与。'), [['干布', '干部', 'warning']]);
  assert.deepEqual(flagged('上海市市长应勇近日在基层调研。'), []);
});

test('造成不雅或冒犯表述的错字是严重错误', () => {
  const [f] = findTypos('市领导到我区死察防汛工作。');
  assert.equal(f.rule, 'misspelling.offensive');
  assert.equal(f.severity, 'serious');
  assert.equal(f.suggestion, '视察');
});

test('正确的词、跨词的字、人名、代码和罕用但正确的词不被标记', () => {
  for (const text of [
    '区政府对此项工作作出部署，符合条件的企业可申请补助。',
    '学校安排全部暑假期间的安全教育活动。', // 部暑 spans 全部 + 暑假
    '李申清同志任区教委副主任。', // a given name after a surname
    '统一社会信用代码：91500222MA5U4G7X2K；国办发〔2022〕12号。',
    '区人民检察院依法开展公益诉讼。', // 检察, a rarer word one sound away from 检查
    '市领导到我区视察防汛工作。',
  ]) {
    assert.deepEqual(flagged(text), [], text);
  }
});

test('更正后的词必须比原词常见得多：两个都常用的词互不纠正', () => {
  const model = { words: '部署a公式a公事a', chars: '', confusable: '署暑 暑署 式事 事式', fuzzy: '', protect: '' };
  const found = findTypos('部暑；公式；公事；公事', buildTypoTables(model)).map((f) => f.suggestion);
  assert.deepEqual(found, ['部署']);
  // …and a written form that is itself a dictionary word, however rare, is never corrected.
  const rare = buildTypoTables({ ...model, words: `${model.words}部暑1` });
  assert.deepEqual(findTypos('部暑；', rare), []);
});

test('同一篇文字里反复出现、且比更正后的词还多的写法是该文的用语，不提示', () => {
  assert.deepEqual(flagged('加快培育科创版企业。').length, 1); // alone, 创版 looks like 创办
  assert.deepEqual(flagged('加快培育科创版企业。推动科创版上市。'), []);
  const text = '作出部暑。认真部署，统一部署，全面部署，按部暑落实。';
  assert.deepEqual(flagged(text), [
    ['部暑', '部署', 'warning'],
    ['部暑', '部署', 'warning'],
  ]);
});

test('区政府公报（约 4 万字）：音近形近只作警告，每万字不超过 4 条', () => {
  // What remains are coined terms and names unknown to jieba's older word list (修形, 药食同源, 微博): a reviewer
  // dismisses them; the budget catches a change that floods real text with suggestions.
  const gazette = readFileSync(new URL('../../test/fixtures/qijiang-gazette-2022-11.txt', import.meta.url), 'utf8');
  const typos = runChecks(gazette).findings.filter((f) => f.rule.startsWith('misspelling.'));
  assert.ok(typos.every((f) => f.severity === 'warning'));
  assert.ok(typos.length <= (gazette.length / 10_000) * 4, `${typos.length} 条：${typos.map((f) => f.text)}`);
});

test('在引擎输出中带 rule 和 category；列入词表的错别字不重复报告', () => {
  const { findings } = runChecks('请各单位抓好落食，同比增涨5%。');
  const typo = findings.find((f) => f.text === '落食')!;
  assert.equal(typo.rule, 'misspelling.confusable');
  assert.equal(typo.category, 'misspelling');
  assert.equal(findings.filter((f) => f.text.includes('增涨')).length, 1);
});

test('上下文有词时由词模型裁决：更正后的切分可能性高出 2^12 倍才报告', () => {
  // 大部 and 义工 are words, but 加大/部署/力度 and 做好/会议/工作 segment far better than 加/大部/暑/力度.
  assert.deepEqual(flagged('我们将持续加大部暑力度。'), [['部暑', '部署', 'warning']]);
  assert.deepEqual(flagged('要求各单位进一步做好会义工作。'), [['会义', '会议', 'warning']]);
  // Two frequent one-character words side by side (设/没): reported only when context and the model agree.
  assert.deepEqual(flagged('要求各单位进一步做好建没工作。'), [['建没', '建设', 'warning']]);
  for (const text of [
    '学校安排全部暑假期间的安全教育活动。', // 全部/暑假 segments better than 全/部署/假
    '村民吴邦郭家的房屋已完成危房改造。', // a name before 家: the model knows no names
    '我局会同市卫健委开展检查。', // 市卫健委: coined, the words around are unknown
  ]) {
    assert.deepEqual(flagged(text), [], text);
  }
});

test('词模型：同一模型里，上下文不支持更正时不报告，支持时报告', () => {
  // A toy model: 部署 frequent, 大部 and 暑假 words too; 部 and 暑 rare as words by themselves.
  const model = {
    words: '部署c大部a暑假a加大a力度a全部a',
    chars: '部2暑2假2全2加2',
    confusable: '署暑 暑署',
    fuzzy: '',
    protect: '',
  };
  const t = buildTypoTables(model);
  assert.deepEqual(
    findTypos('加大部暑力度', t).map((f) => f.suggestion),
    ['部署'],
  );
  assert.deepEqual(findTypos('全部暑假', t), []);
});
