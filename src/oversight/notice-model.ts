// 通报 (notice of the results) of a 随机抽查: names the units with problems and the problems (65号 §8; 保密审查制度
// 第十六条), in the parts of a 公文 (GB/T 9704-2012): 发文机关标志, 发文字号, 标题, 主送机关, 正文 with 一、（一）
// headings, 发文机关署名, 成文日期. Pure: the same inspection gives the same text, which the .docx and .pdf lay out.
import type { Inspection } from './checklist.ts';

export interface NoticeOptions {
  issuer: string; // 发文机关, e.g. 重庆市綦江区人民政府办公室
  docNumber: string; // 发文字号, e.g. 綦府办〔2026〕12号
  date: string; // 成文日期 'YYYY-MM-DD'
}

export interface NoticeBlock {
  kind: 'heading1' | 'heading2' | 'para';
  text: string;
}

export interface Notice {
  issuer: string;
  docNumber: string;
  title: string;
  addressee: string;
  blocks: NoticeBlock[];
  signer: string;
  date: string; // 2026年12月7日: Arabic numerals, no zero padding (GB/T 9704 §7.3.5.1)
}

const DOC_NUMBER = /^\S+〔\d{4}〕[1-9]\d*号$/;
const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number) => (n <= 10 ? CN_NUM[n - 1] : `${n}`);

/** 2026-03-05 → 2026年3月5日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 发文字号 as GB/T 9704 writes it: 机关代字〔YYYY〕N号 — 六角括号, full year, no 第, no leading zeros. */
export function checkDocNumber(s: string): string | null {
  return DOC_NUMBER.test(s)
    ? null
    : '发文字号应写作“机关代字〔年份〕序号号”，如 綦府办〔2026〕12号（六角括号，序号不加“第”、不编虚位）';
}

export function buildNotice(x: Inspection, o: NoticeOptions): Notice {
  const items = x.units.reduce((n, u) => n + u.checked, 0);
  const named = x.units.filter((u) => u.withProblems > 0);
  const clean = x.units.filter((u) => u.withProblems === 0 && u.checked > 0);
  const period = `${chineseDate(x.from)}至${chineseDate(x.to)}`;
  const blocks: NoticeBlock[] = [
    {
      kind: 'para',
      text:
        `根据政府网站与政务新媒体信息发布三审三校制度和保密审查制度有关规定，区政府办公室对各单位${period}发布的信息`
        + '进行了随机抽查。现将抽查情况通报如下。',
    },
    { kind: 'heading1', text: '一、抽查基本情况' },
    {
      kind: 'para',
      text:
        `本次抽查覆盖 ${x.units.length} 个单位，每单位随机抽取至多 ${x.perUnit} 条已发布信息，共抽查 ${items} 条。`
        + `样本按随机种子 ${x.seed} 抽取，记入登记台账第 ${x.seq} 条，任何人可按同一种子重抽核对。`
        + '逐条检查审签单是否完整、各级审核意见及校对是否齐全、保密审查意见及依据、排除的智能校对发现是否有理由、'
        + '发布页面与审定稿是否一致。',
    },
    { kind: 'heading1', text: '二、存在的问题' },
  ];
  if (!named.length) blocks.push({ kind: 'para', text: '本次抽查未发现问题。' });
  named.forEach((u, i) => {
    blocks.push({ kind: 'heading2', text: `（${cn(i + 1)}）${u.unitName}` });
    blocks.push({ kind: 'para', text: `抽查 ${u.checked} 条，${u.withProblems} 条存在问题：` });
    u.problems.forEach((p, j) => {
      blocks.push({ kind: 'para', text: `${j + 1}.《${p.title}》：${p.check}不符合要求（${p.note}）。` });
    });
  });
  if (clean.length)
    blocks.push({ kind: 'para', text: `${clean.map((u) => u.unitName).join('、')}抽查的信息未发现问题。` });
  blocks.push(
    { kind: 'heading1', text: '三、工作要求' },
    {
      kind: 'para',
      text:
        '被通报单位要对照问题逐条整改，于通报印发之日起 10 个工作日内将整改情况报区政府办公室。各单位要严格落实'
        + '“先审后发”和三审三校制度，审核意见、校对和保密审查意见及依据须完整记录。抽查结果纳入年度政务公开考核。',
    },
  );
  return {
    issuer: o.issuer,
    docNumber: o.docNumber,
    title: `关于${period}政务公开信息发布随机抽查情况的通报`,
    addressee: '各镇人民政府、街道办事处，区政府各部门，有关单位：',
    blocks,
    signer: o.issuer,
    date: chineseDate(o.date),
  };
}

/** The notice as plain text, one paragraph a line (the .pdf and the draft for review read the same). */
export function noticeLines(n: Notice): string[] {
  return [n.title, n.addressee, ...n.blocks.map((b) => b.text), n.signer, n.date];
}
