// 登记台账 export: a unit's ledger rows over a date range as .xlsx (exceljs) or .csv, with Chinese headings.
import type { Deps } from '../platform/deps.ts';
import { getUnit, listUnits } from '../org/service.ts';
import { titledTableXlsx } from '../platform/documents/xlsx.ts';
import { notFound } from '../platform/errors.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { type LedgerEntryView, readableEntries } from './ledger-read.ts';
import { beijingDayRange } from './time.ts';

export const LEDGER_HEADINGS = [
  '序号',
  '时间',
  '操作人',
  '操作人单位',
  '角色',
  '单位',
  '操作',
  '对象类别',
  '对象',
  '详情',
  '对象标识',
  '叶哈希',
];

/** Rows named per chunk: each chunk looks up its items and people in a few queries of bounded size. */
const CHUNK = 1000;

export interface LedgerExportInput {
  unit: string; // unit name or id
  from: string; // YYYY-MM-DD, inclusive
  to: string; // YYYY-MM-DD, inclusive
}

export async function ledgerTable(
  deps: Deps,
  input: LedgerExportInput,
): Promise<{ unitName: string; rows: string[][] }> {
  const range = beijingDayRange(input.from, input.to);
  const unit =
    (await getUnit(deps.db, input.unit))
    ?? (await listUnits(deps.db)).find((u) => u.name === input.unit || u.fullName === input.unit);
  if (!unit) throw notFound(`单位「${input.unit}」`);
  const entries = await listLedger(deps.db, { unitId: unit.id, ...range });
  const rows: string[][] = [];
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    const views = await readableEntries(deps, chunk);
    views.forEach((v, j) => {
      rows.push(toCells(v, chunk[j].actor_name, chunk[j].leaf_hash));
    });
  }
  return { unitName: unit.fullName || unit.name, rows };
}

/** 详情 as one line per field: 来源阶段：待一审. */
export const detailText = (v: LedgerEntryView): string => v.fields.map((f) => `${f.label}：${f.value}`).join('\n');

function toCells(v: LedgerEntryView, signedName: string, leafHash: string): string[] {
  return [
    String(v.seq),
    v.time,
    signedName,
    v.actor?.unitName ?? '',
    v.roleName,
    v.unitName,
    v.actionLabel,
    v.subjectView.kindName,
    v.subjectView.name,
    detailText(v),
    v.subject,
    leafHash,
  ];
}

export function ledgerXlsx(unitName: string, range: string, rows: string[][]): Promise<Buffer> {
  return titledTableXlsx({
    sheet: '登记台账',
    title: `${unitName} 信息发布登记台账（${range}）`,
    headings: LEDGER_HEADINGS,
    rows,
    widths: [8, 20, 10, 16, 14, 16, 20, 12, 36, 60, 30, 20],
  });
}

/** CSV with a BOM so that Excel opens the Chinese text correctly. */
export function ledgerCsv(rows: string[][]): string {
  // A leading = + - @ would make Excel run the cell as a formula (CSV injection): prefix it with '.
  const safe = (s: string) => (/^[=+\-@]/.test(s) ? `'${s}` : s);
  const quote = (raw: string) => {
    const s = safe(raw);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[LEDGER_HEADINGS, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}
