// 重复字词: a phrase of two or more Chinese characters written twice in a row (重庆市綦江区重庆市綦江区), the
// usual slip of copy and paste. Reduplication is grammar, not a slip: AA (常常, 谢谢), AABB (扎扎实实), 一A一A
// (一步一步) and ABAB of verbs (研究研究) are left alone. One pass: for each character, the distance to its
// previous occurrence is the only period worth comparing.
import { isHan } from './chars.ts';
import { finding, type RawFinding } from './model.ts';

const MAX_PHRASE = 24;
/** Verbs and adjectives whose ABAB form is standard Chinese (研究研究, 雪白雪白). */
const ABAB = new Set([
  '研究',
  '商量',
  '讨论',
  '学习',
  '考虑',
  '休息',
  '了解',
  '打扫',
  '收拾',
  '锻炼',
  '活动',
  '交流',
  '比较',
  '介绍',
  '体验',
  '参观',
  '检查',
  '整理',
  '准备',
  '认识',
  '熟悉',
  '练习',
  '琢磨',
  '思考',
  '表扬',
  '关心',
  '帮助',
  '雪白',
  '通红',
  '冰凉',
  '笔直',
  '火红',
  '碧绿',
  '金黄',
  '漆黑',
  '滚烫',
  '溜达',
  '尝试',
  '试试',
  '看看',
  '走走',
  '聊聊',
]);

export function findDuplicates(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  const n = text.length;
  // This loop runs on every character, so it branches as little as it can: every character's last position is
  // kept (cheaper than asking first whether it is Chinese), one unsigned comparison tests 2 ≤ len ≤ MAX_PHRASE,
  // and a character not seen yet is far enough back never to look like a repeat.
  const last = new Int32Array(65536).fill(-MAX_PHRASE - 1);
  for (let j = 0; j < n; j++) {
    const c = text.charCodeAt(j);
    const prev = last[c];
    last[c] = j;
    const len = j - prev;
    if (
      (len - 2) >>> 0 > MAX_PHRASE - 2
      || text.charCodeAt(prev + 1) !== text.charCodeAt(j + 1)
      || !isHan(c)
      || j + len > n
    )
      continue;
    if (!repeats(text, prev, len) || legitimateReduplication(text.slice(j, j + len))) continue;
    const phrase = text.slice(j, j + len);
    out.push(
      finding(
        'duplicate',
        'duplicate',
        severityOf(text, prev, j + len, len),
        j,
        j + len,
        `“${phrase}”连续重复出现，疑似多打或复制粘贴重复`,
      ),
    );
    for (let k = j + 1; k < j + len; k++) last[text.charCodeAt(k)] = k;
    j += len - 1;
  }
  return out;
}

/** text[p, p+len) === text[p+len, p+2len), all Chinese characters. */
function repeats(text: string, p: number, len: number): boolean {
  for (let k = 0; k < len; k++) {
    const a = text.charCodeAt(p + k);
    if (a !== text.charCodeAt(p + len + k) || !isHan(a)) return false;
  }
  return true;
}

/** Two characters repeated between two other characters may be overlapping words (监测预测预警: 监测·预测·预警),
 *  so that case is only a hint; at a clause edge (，我们我们) or with three or more characters it is a slip. */
function severityOf(text: string, first: number, end: number, len: number): RawFinding['severity'] {
  if (len >= 3) return 'error';
  return isHan(text.charCodeAt(first - 1)) && isHan(text.charCodeAt(end)) ? 'info' : 'warning';
}

function legitimateReduplication(unit: string): boolean {
  if (unit.length !== 2) return false;
  return unit[0] === '一' || unit[0] === unit[1] || ABAB.has(unit);
}

/** Between two texts in the one text `findDuplicatesByText` reads: not a Chinese character, so no repeat spans two. */
const BETWEEN = '\n';

/**
 * 重复字词 of each text, from one pass over them all joined by a line break, each finding moved back to its text's
 * offsets. A repeat is a run of Chinese characters and what borders it: it cannot cross the line break, and a text's
 * edge bordered by a line break reads as bordered by nothing. One pass instead of one per text saves the detector's
 * set-up per call, most of the engine's fixed cost per call (a site's thousands of short pages).
 */
export function findDuplicatesByText(texts: readonly string[]): RawFinding[][] {
  const out: RawFinding[][] = texts.map(() => []);
  if (texts.length === 0) return out;
  // The findings come in order of position, so the text only moves forward.
  let text = 0;
  let start = 0;
  for (const f of findDuplicates(texts.join(BETWEEN))) {
    while (f.start >= start + texts[text].length + BETWEEN.length) {
      start += texts[text].length + BETWEEN.length;
      text++;
    }
    f.start -= start;
    f.end -= start;
    out[text].push(f);
  }
  return out;
}
