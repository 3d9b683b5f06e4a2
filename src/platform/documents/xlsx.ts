// A titled table as an .xlsx workbook — a bold title across the columns, bold headings, then one row per record — the
// layout of the 台账, 值班表 and 登记表 that offices print and file.

export interface TitledTable {
  sheet: string;
  title: string;
  headings: readonly string[];
  rows: readonly (readonly string[])[];
  /** Column widths in characters, in heading order. */
  widths: readonly number[];
  /** Wrap long cells (several lines of steps) instead of letting them run on. */
  wrap?: boolean;
}

export async function titledTableXlsx(t: TitledTable): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs'); // loaded on the first export, not at the server's start
  const book = new ExcelJS.Workbook();
  book.creator = 'gongkai';
  const sheet = book.addWorksheet(t.sheet);
  sheet.addRow([t.title]);
  sheet.mergeCells(1, 1, 1, t.headings.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getRow(1).alignment = { horizontal: 'center' };
  sheet.addRow([...t.headings]).font = { bold: true };
  for (const r of t.rows) {
    const row = sheet.addRow([...r]);
    if (t.wrap) row.alignment = { vertical: 'top', wrapText: true };
  }
  t.widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
