// 登记台账 export: a unit's ledger rows over a date range as .xlsx (exceljs) or .csv, with Chinese headings.
import type { Deps } from '../platform/deps.ts';
import { ROLE_NAME, type Role } from '../org/model.ts';
import { getUnit, listUnits } from '../org/service.ts';
import { titledTableXlsx } from '../platform/documents/xlsx.ts';
import { notFound } from '../platform/errors.ts';
import { listLedger } from '../platform/ledger/service.ts';
import type { LedgerRow } from '../platform/ledger/model.ts';
import { actionName } from './labels.ts';
import { beijingDateTime, beijingDayRange } from './time.ts';

export const LEDGER_HEADINGS = ['序号', '时间', '操作人', '角色', '单位', '操作', '对象', '详情', '叶哈希'];

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
  return { unitName: unit.fullName || unit.name, rows: entries.map((e) => toCells(e, unit.name)) };
}

function toCells(e: LedgerRow, unitName: string): string[] {
  const role = ROLE_NAME[e.role as Role] ?? e.role;
  return [
    String(e.seq),
    beijingDateTime(e.at),
    e.actor_name,
    role,
    unitName,
    actionName(e.action),
    e.subject,
    e.payload,
    e.leaf_hash,
  ];
}

export function ledgerXlsx(unitName: string, range: string, rows: string[][]): Promise<Buffer> {
  return titledTableXlsx({
    sheet: '登记台账',
    title: `${unitName} 信息发布登记台账（${range}）`,
    headings: LEDGER_HEADINGS,
    rows,
    widths: [8, 20, 10, 14, 20, 16, 44, 60, 20],
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
