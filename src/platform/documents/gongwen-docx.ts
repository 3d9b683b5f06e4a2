// A 公文 as .docx in the GB/T 9704-2012 layout (A4, margins 37/35/28/26 mm, red 发文机关标志 and 红色分隔线, 二号小标宋
// title, 三号仿宋 body at a fixed 28-point line, 一、 in 黑体 and （一） in 楷体, first lines indented two characters),
// built with the `docx` package (loaded on first use). Used by the 通报 (src/oversight) and the 目录's 印发 notice
// (src/decisions), which adds its 附件 — a table on a page of its own, as 綦江府办发〔2022〕63号 carries its 目录.

export interface GongwenBlock {
  kind: 'heading1' | 'heading2' | 'para';
  text: string;
}

/** A table attached to the document (附件): its title, headings and rows. */
export interface GongwenTable {
  title: string;
  headings: readonly string[];
  rows: readonly (readonly string[])[];
  /** Relative column widths, in heading order. */
  widths?: readonly number[];
}

export interface Gongwen {
  issuer: string; // 发文机关标志, e.g. 重庆市綦江区人民政府办公室文件
  docNumber: string; // 发文字号
  title: string;
  addressee: string; // 主送机关
  blocks: GongwenBlock[];
  signer: string; // 发文机关署名
  date: string; // 成文日期, 2026年3月2日
  /** 附注, e.g. （此件公开发布）. */
  remark?: string;
  attachment?: GongwenTable;
}

const MM = 56.7; // twips per millimetre
const BODY = 32; // 三号 16 pt, in half-points
const LINE = { line: 560, lineRule: 'exact' as const }; // 28 pt

export async function gongwenDocx(n: Gongwen): Promise<Buffer> {
  const d = await import('docx');
  const run = (text: string, font: string, size = BODY, extra: Record<string, unknown> = {}) =>
    new d.TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size, ...extra });
  const para = (children: InstanceType<typeof d.TextRun>[], opts: Record<string, unknown> = {}) =>
    new d.Paragraph({ children, spacing: LINE, ...opts });
  const indent = { firstLine: 640 };
  const body = n.blocks.map((b) =>
    b.kind === 'heading1'
      ? para([run(b.text, '黑体')], { indent })
      : b.kind === 'heading2'
        ? para([run(b.text, '楷体_GB2312')], { indent })
        : para([run(b.text, '仿宋_GB2312')], { indent, alignment: d.AlignmentType.JUSTIFIED }),
  );
  const red = { style: d.BorderStyle.SINGLE, size: 18, color: 'FF0000', space: 8 };
  const right = { alignment: d.AlignmentType.RIGHT, indent: { right: 1280 } };
  const children = [
    para([run(n.issuer, '方正小标宋简体', 60, { color: 'FF0000' })], {
      alignment: d.AlignmentType.CENTER,
      spacing: { before: 400, after: 400 },
    }),
    para([run(n.docNumber, '仿宋_GB2312')], { alignment: d.AlignmentType.CENTER, border: { bottom: red } }),
    para([run('', '仿宋_GB2312')]),
    para([run(n.title, '方正小标宋简体', 44)], { alignment: d.AlignmentType.CENTER, spacing: { line: 700 } }),
    para([run('', '仿宋_GB2312')]),
    para([run(n.addressee, '仿宋_GB2312')]),
    ...body,
    para([run('', '仿宋_GB2312')]),
    para([run(n.signer, '仿宋_GB2312')], right),
    para([run(n.date, '仿宋_GB2312')], right),
    ...(n.remark ? [para([run(n.remark, '仿宋_GB2312')], { indent })] : []),
    ...(n.attachment ? attachmentPage(d, n.attachment) : []),
  ];
  const page = {
    size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
    margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM) },
  };
  const doc = new d.Document({ creator: 'gongkai', title: n.title, sections: [{ properties: { page }, children }] });
  return d.Packer.toBuffer(doc);
}

/** 附件: on a new page, the 附件 label in 黑体, its title centred in 小标宋, then the table in 四号仿宋. */
function attachmentPage(d: typeof import('docx'), t: GongwenTable) {
  const font = (name: string) => ({ eastAsia: name, ascii: name, hAnsi: name });
  const cell = (text: string, bold: boolean, width: number) =>
    new d.TableCell({
      width: { size: width, type: d.WidthType.PERCENTAGE },
      children: [new d.Paragraph({ children: [new d.TextRun({ text, font: font('仿宋_GB2312'), size: 24, bold })] })],
    });
  const widths = t.widths ?? t.headings.map(() => 1);
  const total = widths.reduce((a, b) => a + b, 0);
  const pct = widths.map((w) => Math.round((w / total) * 100));
  const row = (cells: readonly string[], bold = false) =>
    new d.TableRow({ tableHeader: bold, children: cells.map((c, i) => cell(c, bold, pct[i] ?? 10)) });
  return [
    new d.Paragraph({
      pageBreakBefore: true,
      children: [new d.TextRun({ text: '附件', font: font('黑体'), size: BODY })],
    }),
    new d.Paragraph({
      alignment: d.AlignmentType.CENTER,
      spacing: { before: 200, after: 200 },
      children: [new d.TextRun({ text: t.title, font: font('方正小标宋简体'), size: 36 })],
    }),
    new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      rows: [row(t.headings, true), ...t.rows.map((r) => row(r))],
    }),
  ];
}
