// Reading the 2022 目录 of 綦江府办发〔2022〕63号 as pasted from the notice: 15 items, the merged 类别 cells continued.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { AppError } from '../platform/errors.ts';
import { parseCatalogText, parseMonth } from './catalog.ts';

const SEED_2022 = fs.readFileSync(new URL('./data/catalog-2022.txt', import.meta.url), 'utf8');

test('63号附件的 2022 年度目录：15 项，两类，承办单位和计划决策时间', () => {
  const entries = parseCatalogText(SEED_2022, 2022);
  assert.ok(!(entries instanceof AppError), entries instanceof AppError ? entries.message : '');
  assert.equal(entries.length, 15);
  assert.deepEqual(
    new Set(entries.map((e) => e.category)),
    new Set(['“十四五”区级规划及相关区级专项规划', '其它重大行政决策事项']),
  );
  assert.deepEqual(entries[0], {
    seq: 1,
    category: '“十四五”区级规划及相关区级专项规划',
    title: '重庆市綦江区“十四五”教育事业发展规划(2021—2025年)',
    leadUnit: '区教委',
    plannedMonth: '2022-01',
    note: '',
  });
  assert.equal(entries[14].leadUnit, '区住房城乡建委');
  assert.equal(entries[11].category, '其它重大行政决策事项');
});

test('格式有误时整份不导入，并指出第几行', () => {
  const bad = parseCatalogText(SEED_2022.replace('2022年3月', '三月'), 2022);
  assert.ok(bad instanceof AppError && /第\d+行的决策时间“三月”/.test(bad.message));
  const dup = parseCatalogText(`1\t类\t事项甲\t区教委\t2022年1月\n1\t\t事项乙\t区教委\t2022年2月`, 2022);
  assert.ok(dup instanceof AppError && /序号1重复/.test(dup.message));
  const year = parseCatalogText('1\t类\t事项\t区教委\t2023年1月', 2022);
  assert.ok(year instanceof AppError && /不在2022年度/.test(year.message));
  assert.equal(parseMonth('2022年13月'), null);
  assert.equal(parseMonth('2022.6'), '2022-06');
});
