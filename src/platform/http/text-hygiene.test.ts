// The input hygiene rules, character class by character class, and the property that they agree with the language's
// own well-formedness test for surrogates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeUtf8Strict } from './text-hygiene-hook.ts';
import { fieldLabel, findTextProblem, textProblem } from './text-hygiene.ts';

const fault = (s: string) => textProblem(s)?.fault ?? null;

test('干净的中文：标点、全角空格、emoji（含 ZWJ 与变体选择符）、制表符与换行（含 CR LF）都可以', () => {
  for (const ok of [
    '关于开展2026年“科技活动周”的通知（第一期）——綦江区',
    '一、目标\n二、任务\r\n\t（一）宣传',
    '　首行缩进',
    '点赞👍🏽 家庭👨‍👩‍👧 ❤️',
    '',
    '   ',
    'A\u200bB',
    '\u00a0正文',
  ]) {
    assert.equal(textProblem(ok), null, JSON.stringify(ok));
  }
});

test('C0 控制字符（除制表符、换行）、NUL、DEL、C1 控制字符、单独的 CR 都被拒绝', () => {
  for (const c of [0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x85, 0x9f]) {
    assert.deepEqual(textProblem(`标题${String.fromCharCode(c)}正文`), { fault: 'control', codePoint: c });
  }
  assert.equal(fault('第一行\r第二行'), 'control');
  assert.equal(fault('末尾\r'), 'control');
});

test('双向控制字符被拒绝：嵌入、覆盖、隔离，以及 LRM、RLM、ALM', () => {
  const bidi = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];
  for (const c of bidi) {
    assert.deepEqual(textProblem(`report${String.fromCharCode(c)}gpj.pdf`), { fault: 'bidi', codePoint: c });
  }
});

test('只有不可见字符的文字被拒绝，可见文字中的零宽字符保留', () => {
  const invisible = ['\u200b', '\u200b\u200c\u200d', '\ufeff', ' \u2060 ', '\u3164', '\u00ad', '\u180e'];
  for (const s of [...invisible, '\u{e0020}\u{e0041}', '\ufe0f']) {
    assert.equal(fault(s), 'invisible', JSON.stringify(s));
  }
  assert.equal(fault('通\u200b知'), null);
});

test('单独的代理项（UTF-16 不完整）被拒绝，与 String.prototype.isWellFormed 一致', () => {
  assert.deepEqual(textProblem('标题\ud800'), { fault: 'surrogate', codePoint: 0xd800 });
  assert.deepEqual(textProblem('\udc00标题'), { fault: 'surrogate', codePoint: 0xdc00 });
  assert.equal(fault('\udc00\ud800'), 'surrogate');
  assert.equal(fault('😀'), null);
  const wellFormed = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => (fault(s) === 'surrogate') === !wellFormed(s)));
});

test('找出 JSON 中第一个有问题的字段，消息用中文字段名或路径', () => {
  assert.equal(findTextProblem({ title: '好', channels: [{ name: 'ok' }], n: 3, b: true, z: null }), null);
  const title = findTextProblem({ title: '通知\u0000' });
  assert.deepEqual([title?.status, title?.code, title?.field], [400, 'TEXT_CONTROL_CHAR', 'title']);
  assert.match(title!.message, /^「标题」含有不可见的控制字符（U\+0000）/);
  const nested = findTextProblem({ ok: 'x', rows: [{ label: 'a' }, { label: '\u202e' }] });
  assert.deepEqual([nested?.code, nested?.field], ['TEXT_BIDI_CONTROL', 'rows.1.label']);
  assert.match(nested!.message, /^「名称（rows\.1\.label）」含有改变文字显示方向的控制字符（U\+202E）/);
  const key = findTextProblem({ payload: { 'a\u0000b': 1 } });
  assert.equal(key?.field, 'payload.a\u0000b');
  assert.equal(findTextProblem({ someCode: '\u200b' })?.message, '「someCode」只有不可见的字符，请填写实际内容');
  assert.equal(fieldLabel([]), '「(整体)」');
  let deep: unknown = 'x';
  for (let i = 0; i < 100; i += 1) deep = [deep];
  assert.equal(findTextProblem(deep)?.code, 'INPUT_TOO_DEEP');
});

test('严格 UTF-8 解码：无效字节、截断的多字节序列、编码的代理项都被拒绝，开头的 BOM 去掉', () => {
  assert.equal(decodeUtf8Strict(Buffer.from('{"title":"通知"}')), '{"title":"通知"}');
  assert.equal(decodeUtf8Strict(Buffer.from('\ufeff{}')), '{}');
  for (const bad of [[0xff], [0xe9, 0x80], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
    const out = decodeUtf8Strict(Buffer.from([0x22, ...bad, 0x22]));
    assert.ok(typeof out !== 'string' && out.code === 'BODY_NOT_UTF8', JSON.stringify(bad));
  }
});
