// 审签单 as a printable A4 PDF (pdfkit), in the CJK font of platform/documents/cjk-fonts.ts, embedded as a subset of
// the characters used, so a sheet stays around 100 KB.
import { cjkPdf } from '../platform/documents/cjk-fonts.ts';
import type { Signoff, SignoffRow } from './signoff.ts';
import type { LedgerEvidence } from './signoff-ledger.ts';
import type { SignoffDismissal } from './signoff-dismissals.ts';

const MARGIN = 40;
const PAD = 4;
const REVIEW_HEAD = ['审核环节', '审核人', '时间', '结论', '审核意见', '校对情况', '公开属性意见及依据'];
const REVIEW_WIDTHS = [46, 62, 60, 48, 100, 80, 119]; // sums to the A4 width less margins (515 pt)

// DOMAIN §2.5: each 智能校对 finding dismissed instead of fixed, who proposed it and who (二审 or above) accepted it.
const DISMISS_HEAD = ['已忽略的智能校对发现', '忽略理由', '建议忽略', '确认忽略'];
const DISMISS_WIDTHS = [165, 130, 110, 110];

interface Cell {
  text: string;
  span?: number;
  label?: boolean;
}

export async function signoffPdf(s: Signoff): Promise<Buffer> {
  const { doc, bytes: done } = await cjkPdf({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `信息发布审签单：${s.title}`, Creator: 'gongkai' },
  });

  doc.font('bold').fontSize(18).text('信息发布审签单', { align: 'center' });
  doc.font('body').fontSize(8).text(`打印时间：${s.printedAt}`, { align: 'right' });
  const width = doc.page.width - 2 * MARGIN;
  const quarter = [80, width / 2 - 80, 80, width / 2 - 80];
  let y = table(doc, doc.y + 6, quarter, infoRows(s), 9.5);
  y = table(
    doc,
    y + 12,
    REVIEW_WIDTHS,
    [REVIEW_HEAD.map((text) => ({ text, label: true })), ...s.rows.map(reviewCells)],
    8.5,
    1,
  );
  if (s.rows.length === 0)
    doc
      .font('body')
      .fontSize(9)
      .text('当前版本尚无审核记录。', MARGIN, y + 6);
  if (s.dismissals.length > 0) {
    table(
      doc,
      y + (s.rows.length === 0 ? 26 : 12),
      DISMISS_WIDTHS,
      [DISMISS_HEAD.map((text) => ({ text, label: true })), ...s.dismissals.map(dismissalCells)],
      8,
      1,
    );
  }
  doc
    .font('body')
    .fontSize(7.5)
    .fillColor('#555555')
    .text(
      '本审签单依据平台记录生成；每一项审核均已记入登记台账（Merkle 树），附页“台账存证”可凭平台公钥独立核验。',
      MARGIN,
      doc.page.height - MARGIN - 12,
      { width, align: 'center', lineBreak: false },
    );
  evidencePages(doc, s.ledger, width);
  doc.end();
  return done;
}

function infoRows(s: Signoff): Cell[][] {
  const channels = s.channels.map((c) => `${c.name}（${c.kindName}${c.column ? `·${c.column}` : ''}）`).join('；');
  const label = (text: string): Cell => ({ text, label: true });
  return [
    [label('稿件标题'), { text: s.title, span: 3 }],
    [label('承办单位'), { text: s.unit.fullName || s.unit.name }, label('起草人'), { text: s.author.name }],
    [label('发布渠道'), { text: channels || '—', span: 3 }],
    [label('稿件类型'), { text: s.itemTypeName }, label('审签版本'), { text: `第 ${s.revision} 版` }],
    [
      label('重大事项'),
      { text: s.major ? '是（须主要领导审定）' : '否' },
      label('当前状态'),
      { text: s.publishedAt ? `${s.stageName}（${s.publishedAt}）` : s.stageName },
    ],
  ];
}

function reviewCells(r: SignoffRow): Cell[] {
  const d = r.disclosure;
  const disclosure = d
    ? [
        d.opinionName,
        d.secrecyMatter === null ? '' : d.secrecyMatter ? '属于保密事项' : '不属于保密事项',
        [...d.basis, d.basisText].filter(Boolean).join('；'),
        d.reason,
      ]
        .filter(Boolean)
        .join('\n')
    : '';
  return [
    r.levelName,
    `${r.reviewer.name}\n${r.roleName}`,
    r.time,
    r.decisionName,
    r.opinion,
    r.proofreading,
    disclosure,
  ].map((text) => ({ text }));
}

function dismissalCells(d: SignoffDismissal): Cell[] {
  const f = d.finding;
  const where = f.line === null ? '' : `第 ${f.line} 行：`;
  const what = `【${f.severityName}】${where}${f.text}${f.suggestion ? ` → ${f.suggestion}` : ''}\n${f.message}`;
  const act = (a: SignoffDismissal['dismissed'] | null) =>
    a ? `${a.by.name}\n${a.roleName}\n${a.time}` : '—（直接忽略）';
  return [what, d.reason, act(d.proposed), act(d.dismissed)].map((text) => ({ text }));
}

/** Draws bordered rows from y; a row that does not fit starts a new page, repeating `headRows` rows. Returns the
 *  y below. */
function table(
  doc: PDFKit.PDFDocument,
  top: number,
  widths: number[],
  rows: Cell[][],
  size: number,
  headRows = 0,
): number {
  const x0 = MARGIN;
  const bottom = doc.page.height - MARGIN - 16;
  let y = top;
  let pageTop = top; // where this page's rows began: a row taller than a page is drawn anyway, never looped on
  const draw = (cells: Cell[]) => {
    let x = x0;
    const boxes = cells.map((c, i) => {
      const span = c.span ?? 1;
      const at = cells.slice(0, i).reduce((n, p) => n + (p.span ?? 1), 0);
      const w = widths.slice(at, at + span).reduce((a, b) => a + b, 0);
      const box = { c, x, w };
      x += w;
      return box;
    });
    const height =
      Math.max(
        ...boxes.map((b) =>
          doc
            .font(b.c.label ? 'bold' : 'body')
            .fontSize(size)
            .heightOfString(b.c.text || ' ', { width: b.w - 2 * PAD }),
        ),
      )
      + 2 * PAD;
    if (y + height > bottom && y > pageTop) {
      doc.addPage();
      y = pageTop = MARGIN;
      rows.slice(0, headRows).forEach(draw);
    }
    for (const b of boxes) {
      if (b.c.label) doc.rect(b.x, y, b.w, height).fill('#f0f0f0');
      doc.rect(b.x, y, b.w, height).lineWidth(0.6).strokeColor('#333333').stroke();
      doc
        .fillColor('#000000')
        .font(b.c.label ? 'bold' : 'body')
        .fontSize(size)
        .text(b.c.text, b.x + PAD, y + PAD, { width: b.w - 2 * PAD });
    }
    y += height;
  };
  rows.forEach(draw);
  return y;
}

/** 台账存证 on pages of their own: the checkpoint, then each entry's bytes, leaf hash and audit path. */
function evidencePages(doc: PDFKit.PDFDocument, ev: LedgerEvidence, width: number): void {
  doc.addPage();
  doc.fillColor('#000000').font('bold').fontSize(14).text('台账存证', MARGIN, MARGIN, { align: 'center', width });
  doc.font('body').fontSize(8.5).moveDown(0.5).text(ev.statement, { width });
  doc
    .fontSize(7.5)
    .fillColor('#333333')
    .text(
      '核验方法：对每条记录，叶哈希 = SHA-256(0x00 ‖ 记录原文的 UTF-8 字节)；沿包含证明逐级计算'
        + '（RFC 9162 第 2.1.3.2 节）应得到检查点的根哈希；再用平台公钥（台账页面下载）核验检查点的 Ed25519 签名。',
      { width },
    );
  if (ev.checkpoint) {
    doc.moveDown(0.5).font('body').fontSize(7).fillColor('#000000').text(`检查点：\n${ev.checkpoint.note}`, { width });
  }
  for (const e of ev.entries) {
    doc
      .moveDown(0.6)
      .font('bold')
      .fontSize(8)
      .fillColor('#000000')
      .text(`第 ${e.seq} 条　${e.time}　${e.actionLabel}　${e.actorName}`, { width });
    doc
      .font('body')
      .fontSize(6.5)
      .text(`记录原文：${e.entry}`, { width })
      .text(`叶哈希：${e.leafHash}`, { width })
      .text(
        e.proof
          ? `包含证明（${e.proof.length} 个哈希，由近及远）：${e.proof.join(' ') || '（无：树中只有这一条）'}`
          : '包含证明：尚无检查点',
        { width },
      );
  }
}
