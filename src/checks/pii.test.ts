import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPersonalData } from './pii.ts';
import { isCreditCode, isResidentId18, maskCard, maskId, maskMobile, passesLuhn } from './identifiers.ts';

// 11010519491231002X is the sample number printed in GB 11643-1999; the others are built with its algorithm.
const ID = '11010519491231002X';
const rules = (text: string) => findPersonalData(text).map((f) => `${f.rule}:${text.slice(f.start, f.end)}`);

test('身份证号：校验位正确才算，建议保留前 2 位和后 3 位', () => {
  assert.equal(isResidentId18(ID), true);
  assert.equal(isResidentId18('110105194912310021'), false);
  const [f] = findPersonalData(`经公示，拟补助对象张三（身份证号${ID}）符合条件。`);
  assert.equal(f.rule, 'pii.id-card');
  assert.equal(f.severity, 'serious');
  assert.equal(f.suggestion, '11*************02X');
  assert.equal(maskId(ID), '11*************02X');
});

test('18 位数字校验失败、日期不存在或地区码不存在的不算身份证号', () => {
  assert.deepEqual(rules('项目编码202211041234567890，合同编号110105194913310025。'), []);
  assert.deepEqual(rules('流水号990105194912310021'), []);
});

test('15 位旧身份证号被识别', () => {
  assert.deepEqual(rules('户主李四，身份证号500101850412123，家庭人口3人。'), ['pii.id-card:500101850412123']);
});

test('统一社会信用代码与索引号不是个人信息', () => {
  assert.equal(isCreditCode('91500110MA5U5P5Q3W'), true);
  assert.equal(isCreditCode('91500110MA5U5P5Q3C'), false);
  assert.deepEqual(rules('统一社会信用代码：11500110009304117T，索引号：11500110009304117T/2022-00123'), []);
  assert.deepEqual(rules('重庆某某建材有限公司（915002222034567814）'), []);
});

test('手机号：个人手机号建议 138****1234；机关公开联系电话只作提示', () => {
  assert.equal(maskMobile('13812341234'), '138****1234');
  const personal = findPersonalData('申请人王五，手机13812341234，住古南街道。');
  assert.deepEqual(
    personal.map((f) => [f.rule, f.severity, f.suggestion]),
    [['pii.mobile', 'error', '138****1234']],
  );
  const office = findPersonalData('咨询电话：13996512345（工作日9:00—17:00）');
  assert.deepEqual(
    office.map((f) => [f.rule, f.severity]),
    [['pii.mobile-contact', 'info']],
  );
});

test('办公座机、传真、邮编和统计数字不被标记', () => {
  const text =
    '联系电话:(023)48659622\n传真:(023)48659622\n邮编:401420\n全年实现地区生产总值13800000000元，服务13912345678人次。';
  assert.deepEqual(rules(text), []);
});

test('银行卡号：Luhn 校验通过且为已知卡组织前缀，只保留后 4 位', () => {
  assert.equal(passesLuhn('6222021234567890128'), true);
  assert.equal(maskCard('6222021234567890128'), '***************0128');
  assert.deepEqual(rules('补贴资金发放至卡号6222021234567890128。'), ['pii.bank-card:6222021234567890128']);
  assert.deepEqual(rules('补贴资金发放至卡号6222 0212 3456 7890 128。'), ['pii.bank-card:6222 0212 3456 7890 128']);
  assert.deepEqual(rules('订单号6222021234567890127。'), []);
});

test('电子邮箱：个人邮箱提示脱敏，单位公开的投稿邮箱不标记', () => {
  assert.deepEqual(rules('报名表发送至zhangsan1990@163.com即可'), ['pii.email:zhangsan1990@163.com']);
  assert.deepEqual(rules('邮 箱:496230550@qq.com'), []);
});

test('联系电话旁有家属或申请人：个人手机号，错误并给出脱敏建议', () => {
  const [f] = findPersonalData('申请人张某，配偶李某，联系电话：13812345678。');
  assert.equal(f.rule, 'pii.mobile');
  assert.equal(f.severity, 'error');
  assert.equal(f.suggestion, '138****5678');
});

test('救助对象名单公示中的联系电话是个人信息；公示的异议联系电话、单位值班电话不是', () => {
  const notice = '2023年度临时救助对象名单公示\n';
  assert.equal(findPersonalData(`${notice}刘某某 东溪镇 联系电话 15823457890`)[0].rule, 'pii.mobile');
  const contact = findPersonalData(`${notice}如有异议，请与区民政局联系，联系人：张科长，电话：13883451234。`);
  assert.deepEqual(
    contact.map((f) => f.severity),
    ['info'],
  );
  assert.deepEqual(
    findPersonalData('东溪镇人民政府值班电话：13883456789。').map((f) => f.severity),
    ['info'],
  );
});
