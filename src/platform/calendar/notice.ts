// 导入节假日安排 in the notice's own words: the text of 国务院办公厅关于…年部分节假日安排的通知 as published, pasted or
// saved to a file, becomes a CalendarYear. Pure: text in, the year or a 400 naming the line (第N行) in zh-CN.
// Each section reads "二、春节：2月15日（农历腊月二十八、周日）至23日（…）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。"
import { invalid } from '../errors.ts';
import { type CalendarYear, isIsoDate, isWeekend } from './model.ts';
import { parseCalendarYear } from './validate.ts';

const NUMERAL = '[一二三四五六七八九十]+';
const SECTION_RE = new RegExp(`^(${NUMERAL})、\\s*([^：:]*?)\\s*[：:](.*)$`);
const STARTS_SECTION_RE = new RegExp(`(?<=[。；;\\s])(?=${NUMERAL}、)`, 'u');
const DATE_RE = /(?:(\d{1,2})月)?(\d{1,2})日/g;
const ASIDE_RE = /（[^）]*）|\([^)]*\)/g; // （周日）, （农历腊月二十八、周日）, （2月9日）: never dates of the schedule
const DAY_MS = 24 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');
const at = (line: number, name?: string) => `第${line}行${name ? `「${name}」` : ''}`;

/** The year the notice is about: its title ("关于2027年部分节假日安排"), else the one given. */
export function noticeYear(text: string, given?: number): number {
  const m = /(\d{4})\s*年\s*部分节假日安排/.exec(text);
  const year = m ? Number(m[1]) : given;
  if (!year)
    throw invalid('text', '未找到年份：请粘贴通知标题（国务院办公厅关于XXXX年部分节假日安排的通知），或选择年份');
  if (given && m && Number(m[1]) !== given)
    throw invalid('text', `通知是 ${m[1]} 年的安排，与所选年份 ${given} 不一致`);
  return year;
}

/** Dates of one sentence, a day without its month taking the month before it ("2月15日…至23日"). */
function datesOf(sentence: string, year: number, where: string): string[] {
  const out: string[] = [];
  let month: number | null = null;
  for (const m of sentence.replace(ASIDE_RE, '').matchAll(DATE_RE)) {
    if (m[1]) month = Number(m[1]);
    if (month === null) throw invalid('text', `${where}：「${m[0]}」缺少月份，应写作“X月X日”`);
    const date = `${year}-${pad(month)}-${pad(Number(m[2]))}`;
    if (!isIsoDate(date)) throw invalid('text', `${where}：${month}月${m[2]}日不是有效日期`);
    out.push(date);
  }
  return out;
}

function run(from: string, to: string, where: string): string[] {
  if (to < from) throw invalid('text', `${where}：放假结束日 ${to} 早于开始日 ${from}`);
  const days: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

interface Section {
  line: number;
  name: string;
  body: string;
}

function sectionsOf(text: string): Section[] {
  const sections: Section[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      for (const part of raw
        .replace(ASIDE_RE, '')
        .trim()
        .split(STARTS_SECTION_RE)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const m = SECTION_RE.exec(part);
        if (m) {
          if (!m[2]) throw invalid('text', `${at(i + 1)}：「${m[1]}、」后缺少节日名称`);
          sections.push({ line: i + 1, name: m[2], body: m[3] });
        } else if (new RegExp(`^${NUMERAL}、`).test(part) && /放假|上班/.test(part)) {
          throw invalid(
            'text',
            `${at(i + 1)}：应写作“${part.slice(0, part.indexOf('、') + 1)}节日名称：X月X日至X日放假”（缺少冒号）`,
          );
        }
      }
    });
  if (sections.length === 0) {
    throw invalid('text', '未找到放假安排：请粘贴通知正文，每项形如“一、元旦：1月1日放假，与周末连休。”');
  }
  return sections;
}

/** The notice's text → the year's holidays (放假) and make-up working days (上班), checked like any import. */
export function parseNotice(text: string, givenYear?: number): CalendarYear {
  const year = noticeYear(text, givenYear);
  const holidays: CalendarYear['holidays'] = [];
  const makeup: string[] = [];
  for (const s of sectionsOf(text)) {
    const where = at(s.line, s.name);
    let days: string[] | null = null;
    for (const sentence of s.body.split(/[。；;]/)) {
      if (sentence.includes('放假') && days === null) {
        const ds = datesOf(sentence.slice(0, sentence.indexOf('放假')), year, where);
        if (ds.length === 0 || ds.length > 2)
          throw invalid('text', `${where}：放假日期应写作“X月X日放假”或“X月X日至X日放假”`);
        days = run(ds[0], ds[ds.length - 1], where);
        const total = /共\s*(\d+)\s*天/.exec(sentence) ?? /放假\s*(\d+)\s*天/.exec(sentence);
        if (total && Number(total[1]) !== days.length) {
          throw invalid(
            'text',
            `${where}：写明共 ${total[1]} 天，但 ${ds[0]} 至 ${ds[ds.length - 1]} 是 ${days.length} 天`,
          );
        }
      } else if (sentence.includes('上班')) {
        for (const d of datesOf(sentence, year, where)) {
          if (!isWeekend(d)) throw invalid('text', `${where}：调休上班日 ${d} 不是周六或周日`);
          makeup.push(d);
        }
      }
    }
    if (!days) throw invalid('text', `${where}：未找到放假日期（应写作“X月X日至X日放假”）`);
    holidays.push({ name: s.name, days });
  }
  const source =
    /国务院办公厅关于\d{4}年部分节假日安排的通知[^\n]*/.exec(text)?.[0].trim()
    ?? `国务院办公厅关于${year}年部分节假日安排的通知`;
  return parseCalendarYear({ year, source: source.slice(0, 200), holidays, makeupWorkdays: makeup });
}
