// 全文一致 (warnings): the same body named two ways in one document (区发展改革委 … 区发改委), a list of units in
// which one entry lacks the prefix all the others carry (区财政局、区民政局、教委、区人力社保局), and the same law or
// 规划 quoted under two titles (《重庆市安全生产条例》 … 《重庆市安全生产管理条例》). Read over the whole text, after
// the per-position detectors.
import { isNumeral } from './chars.ts';
import { finding, type RawFinding } from './model.ts';

/** Forms of one organ's name after its level (区/市/县): the full name first, then the accepted short form, then
 *  colloquial ones. Using two different short forms in one document is inconsistent. */
const ORGAN_FORMS: string[][] = [
  ['发展和改革委员会', '发展改革委', '发改委'],
  ['人力资源和社会保障局', '人力社保局', '人社局'],
  ['住房和城乡建设委员会', '住房城乡建委', '住建委'],
  ['住房和城乡建设局', '住房城乡建设局', '住建局'],
  ['经济和信息化委员会', '经济信息委', '经信委'],
  ['卫生健康委员会', '卫生健康委', '卫健委'],
  ['农业农村委员会', '农业农村委', '农委'],
  ['规划和自然资源局', '规划自然资源局', '规资局'],
  ['市场监督管理局', '市场监管局'],
  ['文化和旅游发展委员会', '文化旅游委', '文旅委'],
  ['城市管理局', '城管局'],
  ['退役军人事务局', '退役军人局'],
  ['医疗保障局', '医保局'],
  ['生态环境局', '环境局'],
  ['交通运输委员会', '交通运输委', '交委'],
  ['教育委员会', '教委'],
  ['机关事务管理局', '机关事务局'],
  ['大数据应用发展管理局', '大数据发展局'],
];
const FORM_OF = new Map<string, [number, number]>();
ORGAN_FORMS.forEach((forms, g) => {
  forms.forEach((f, k) => {
    FORM_OF.set(f, [g, k]);
  });
});
const ORGAN = new RegExp(`([区市县])(${[...FORM_OF.keys()].sort((a, b) => b.length - a.length).join('|')})`, 'g');

/** The unit that starts the last item of a list, before the words that follow the list (区教委按职责分工落实). */
const LAST_UNIT =
  /^[\u4e00-\u9fff]*?(局|委员会|委|办|中心|院|部|厅|队|所|站|政府|街道|联|协|公司|集团)(?![\u4e00-\u9fff]*(局|委|办|中心|院|部|厅|队|所|站|政府))/;
const UNIT_END = /(局|委|办|委员会|中心|院|部|厅|队|所|站|政府|街道|联|协|会|公司|集团)$/;
const VERTICAL =
  /[区市县省州]|中央|国家|团|人民银行|税务|海关|消防|武警|供电|邮政|电信|移动|联通|铁塔|烟草|气象|法院|检察/;
const UNIT_LAST = new Uint8Array(65536);
for (const ch of '局委办心院部厅队所站府道联协会司团') UNIT_LAST[ch.charCodeAt(0)] = 1;
const SEGMENT_END = new Uint8Array(65536);
for (const ch of '，。；：！？\n') SEGMENT_END[ch.charCodeAt(0)] = 1;

const TITLE = /《([^《》\n]{6,60})》/g;

export function findConsistencyProblems(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  organNames(text, out);
  if (text.includes('、')) unitLists(text, out);
  if (text.includes('《')) titles(text, out);
  return out;
}

function organNames(text: string, out: RawFinding[]): void {
  // level + group → the short form seen first
  const first = new Map<string, string>();
  for (const m of text.matchAll(ORGAN)) {
    const [g, k] = FORM_OF.get(m[2])!;
    if (k === 0) continue;
    const key = `${m[1]}${g}`;
    const had = first.get(key);
    if (had === undefined) first.set(key, m[2]);
    else if (had !== m[2]) {
      out.push(
        finding(
          'consistency.name',
          'consistency',
          'warning',
          m.index,
          m.index + m[0].length,
          `同一机构名称前后不一致：前文作“${m[1]}${had}”，此处作“${m[0]}”（规范简称为“${m[1]}${ORGAN_FORMS[g][1]}”）`,
          `${m[1]}${had}`,
        ),
      );
    }
  }
}

/** The clauses (between ，。；：！？ and line ends) that hold at least three 顿号, each once. */
function listClauses(text: string): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  let done = 0;
  for (let at = text.indexOf('、'); at >= 0; at = text.indexOf('、', Math.max(at + 1, done))) {
    // A list of units has an item ending in 局, 委, 办 … before one of its 顿号.
    if (!UNIT_LAST[text.charCodeAt(at - 1)]) continue;
    let start = at;
    while (start > done && !SEGMENT_END[text.charCodeAt(start - 1)]) start--;
    let end = at + 1;
    while (end < text.length && !SEGMENT_END[text.charCodeAt(end)]) end++;
    const clause = text.slice(start, end);
    if (clause.split('、').length >= 4) out.push({ index: start, text: clause });
    done = end;
  }
  return out;
}

function unitLists(text: string, out: RawFinding[]): void {
  for (const seg of listClauses(text)) {
    const items = seg.text.split('、');
    // Cheap test first: most lists with 顿号 are not lists of units of one level.
    const prefixes = ['区', '市', '县'].filter(
      (p) => items.filter((it, k) => it.startsWith(p) || (k === 0 && it.slice(0, 4).includes(p))).length >= 3,
    );
    if (prefixes.length === 0) continue;
    let offset = seg.index;
    const spans = items.map((item) => {
      const s = offset;
      offset += item.length + 1;
      return s;
    });
    // The first item carries the words before the list (由区财政局), the last the words after it (区教委负责).
    const clean = items.map((item, k) => (k === items.length - 1 ? (LAST_UNIT.exec(item)?.[0] ?? item) : item));
    const lead = /^(由|请|会同|联合|包括|组织|责成|经|对|在|以)/.exec(clean[0]);
    if (lead) {
      clean[0] = clean[0].slice(lead[0].length);
      spans[0] += lead[0].length;
    }
    for (const prefix of prefixes) {
      const carrying = clean.filter((it) => it.startsWith(prefix) && UNIT_END.test(it)).length;
      if (carrying < 3) continue;
      const lacking = clean.map((_it, k) => k).filter((k) => (k > 0 || lead) && !clean[k].startsWith(prefix));
      if (lacking.length !== 1) continue;
      const k = lacking[0];
      const it = clean[k];
      if (
        it.length < 2
        || !UNIT_END.test(it)
        || VERTICAL.test(it)
        || it.startsWith('各')
        || !/^[\u4e00-\u9fff]+$/.test(it)
      )
        continue;
      out.push(
        finding(
          'consistency.prefix',
          'consistency',
          'warning',
          spans[k],
          spans[k] + it.length,
          `并列的单位名称中其余均冠以“${prefix}”，“${it}”缺少“${prefix}”`,
          `${prefix}${it}`,
        ),
      );
    }
  }
}

function titles(text: string, out: RawFinding[]): void {
  const seen: string[] = [];
  for (const m of text.matchAll(TITLE)) {
    const title = m[1].replace(/^中华人民共和国/, '');
    if (seen.includes(title)) continue;
    const other = seen.find((t) => closeTitles(t, title));
    seen.push(title);
    if (!other) continue;
    out.push(
      finding(
        'consistency.title',
        'consistency',
        'warning',
        m.index,
        m.index + m[0].length,
        `同一文件名称前后不一致：前文作《${other}》，此处作《${m[1]}》`,
        `《${other}》`,
      ),
    );
  }
}

/** Two titles at most two edits apart, 7+ characters, neither edit a numeral or a year (第十三个/第十四个, 2022年度
 *  are two documents), the same at both ends (重庆市…条例 / 四川省…条例 are two laws). */
function closeTitles(a: string, b: string): boolean {
  if (Math.min(a.length, b.length) < 7 || Math.abs(a.length - b.length) > 2) return false;
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  const da = a.slice(p, a.length - q);
  const db = b.slice(p, b.length - q);
  if (da.length + db.length === 0 || p < 2 || q < 1 || editDistance(da, db) > 2) return false;
  return ![...da, ...db].some((c) => isNumeral(c) || /[年度版（）()]/.test(c));
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}
