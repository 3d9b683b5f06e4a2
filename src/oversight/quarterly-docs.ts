// 季度检查自查表 as files: an .xlsx with one row per indicator of each website and account (the form offices fill in
// and file), and a .docx with a table per website or account, built with the `docx` package (loaded on first use).
import { titledTableXlsx } from '../platform/documents/xlsx.ts';
import { OUTCOME_NAME } from './quarterly-model.ts';
import type { QuarterlyReport, QuarterlyTarget } from './quarterly.ts';
import { beijingMinute } from './time.ts';

const title = (r: QuarterlyReport) => `${r.unitName}${r.quarter.replace('Q', '年第')}季度政府网站与政务新媒体自查表`;

const evidenceText = (e: { at: string; summary: string; url?: string }[]) =>
  e.map((x) => `${beijingMinute(x.at)} ${x.summary}${x.url && !x.summary.includes(x.url) ? ` ${x.url}` : ''}`);

/** Rows of one target: its vetoes, then its deductions, then the result. */
function rowsOf(t: QuarterlyTarget): string[][] {
  const head = [`${t.kindName}「${t.name}」`];
  return [
    ...t.vetoes.map((v) => [
      ...head,
      '单项否决',
      v.name,
      v.line,
      OUTCOME_NAME[v.outcome],
      v.note,
      evidenceText(v.evidence).join('\n'),
    ]),
    ...t.deductions.map((d) => [
      ...head,
      '扣分',
      d.name,
      `${d.count} 处`,
      d.points ? `扣 ${d.points} 分` : '不扣分',
      '',
      evidenceText(d.evidence).join('\n'),
    ]),
    [...head, '结论', '得分', String(t.score), t.passed ? '合格' : '不合格', t.result, ''],
  ];
}

export async function quarterlyXlsx(r: QuarterlyReport): Promise<Buffer> {
  return titledTableXlsx({
    sheet: `${r.quarter}自查`,
    title: `${title(r)}（${r.from} 至 ${r.asOf}）`,
    headings: ['网站或账号', '类别', '指标', '标准', '结果', '说明', '依据（监测记录）'],
    rows: r.targets.flatMap(rowsOf),
    widths: [26, 10, 16, 40, 12, 30, 70],
    wrap: true,
  });
}

export async function quarterlyDocx(r: QuarterlyReport): Promise<Buffer> {
  const d = await import('docx');
  const font = { eastAsia: '仿宋_GB2312', ascii: '仿宋_GB2312', hAnsi: '仿宋_GB2312' };
  const p = (text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) =>
    new d.Paragraph({
      alignment: opts.center ? d.AlignmentType.CENTER : undefined,
      children: text
        .split('\n')
        .map(
          (line, i) => new d.TextRun({ text: line, font, size: opts.size ?? 21, bold: opts.bold, break: i ? 1 : 0 }),
        ),
    });
  const cell = (text: string, bold = false) => new d.TableCell({ children: [p(text, { bold })] });
  const row = (cells: string[], bold = false) => new d.TableRow({ children: cells.map((c) => cell(c, bold)) });
  const tableOf = (t: QuarterlyTarget) =>
    new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      rows: [
        row(['类别', '指标', '标准', '结果', '说明与依据'], true),
        ...rowsOf(t).map((c) => row([c[1], c[2], c[3], c[4], [c[5], c[6]].filter(Boolean).join('\n')])),
      ],
    });
  const doc = new d.Document({
    creator: 'gongkai',
    title: title(r),
    sections: [
      {
        properties: { page: { size: { orientation: d.PageOrientation.LANDSCAPE } } },
        children: [
          p(title(r), { bold: true, size: 36, center: true }),
          p(`检查期间：${r.from} 至 ${r.asOf}。依据《政府网站与政务新媒体检查指标》，数据取自读网值班监测记录。`),
          ...r.targets.flatMap((t) => [
            p(''),
            p(`${t.kindName}「${t.name}」${t.address ? `（${t.address}）` : ''}：${t.result}，得分 ${t.score}`, {
              bold: true,
              size: 24,
            }),
            tableOf(t),
          ]),
          ...(r.targets.length ? [] : [p('本单位没有登记监测的网站和政务新媒体账号。')]),
        ],
      },
    ],
  });
  return d.Packer.toBuffer(doc);
}
