// 台账详情的中文字段：阶段、日期、时间、布尔值按人读的方式显示；没有中文名的键以键名显示，不丢弃。
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { payloadFields } from './ledger-fields.ts';

const none = () => undefined;
const brief = (p: unknown) => payloadFields(p, null, none).map((f) => `${f.label}：${f.value}`);

test('阶段、时间（北京时间）、是否、数组', () => {
  assert.deepEqual(
    brief({ from: 'level4', to: 'published', text: 'redacted', publishAt: '2026-03-01T16:30:00.000Z', major: true }),
    [
      '来源阶段：待主要领导审定',
      '去向阶段：已发布',
      '发布文本：脱密文本',
      '定时发布时间：2026-03-02 00:30:00',
      'major：是',
    ],
  );
});

test('排班表的起止是日期，不是阶段；未知的键保留', () => {
  assert.deepEqual(brief({ from: '2026-03-01', to: '2026-03-31', shifts: 3, someNewKey: 'x' }), [
    '开始日期：2026-03-01',
    '结束日期：2026-03-31',
    'shifts：3',
    'someNewKey：x',
  ]);
});

test('人员标识显示为姓名；对象已写明的标识不重复', () => {
  const names = (id: string) => (id === 'u1' ? '张三（区科技局）' : undefined);
  assert.deepEqual(
    payloadFields({ itemId: 'i1', userId: 'u1' }, 'i1', names).map((f) => `${f.label}：${f.value}`),
    ['人员：张三（区科技局）'],
  );
});

test('抽查清单的确认：检查项和结论写中文', () => {
  const payload = { sampleSeq: 7, itemId: 'i1', check: 'liveText', outcome: 'fail', note: '页面多出一句' };
  assert.deepEqual(
    payloadFields(payload, 'i1', () => undefined).map((f) => `${f.label}：${f.value}`),
    ['抽样记录序号：7', '检查项：发布页面与审定稿一致', '结论：不符合', '说明：页面多出一句'],
  );
});
