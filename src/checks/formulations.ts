// 规范表述: the standard names of national strategies and initiatives, the one-China naming of Taiwan, Hong Kong
// and Macao, formulations replaced by later law or party documents (date-aware), 新华社's 禁用词和慎用词 — each
// entry of data/formulation-rules.json with its source — plus the rules a word list cannot hold: Taiwan, Hong Kong
// or Macao listed as countries, “中国和台湾”, and post titles with a doubled level (綦江区区委书记).
import rules from './data/formulation-rules.json' with { type: 'json' };
import { scannerOf, type DictionaryRule, type DictionaryScanner } from './dictionary-scan.ts';
import { finding, type RawFinding, type Severity } from './model.ts';

export interface FormulationRule {
  wrong: string;
  right: string;
  kind: 'strategy' | 'one-china' | 'superseded' | 'xinhua';
  severity: Severity;
  source: string;
  date: string;
  /** superseded: from this date (YYYY-MM-DD) on the wrong form may not be used. */
  since?: string;
  notBefore?: string;
  notAfter?: string;
}

interface RuleFile {
  sources: Record<string, string>;
  entries: FormulationRule[];
}

/** The shipped entries, each with its source spelt out (the file names sources once, by key). */
export const FORMULATION_RULES: FormulationRule[] = (rules as RuleFile).entries.map((e) => ({
  ...e,
  source: (rules as RuleFile).sources[e.source] ?? e.source,
}));

const KIND_NAME: Record<FormulationRule['kind'], string> = {
  strategy: '规范表述',
  'one-china': '涉台港澳表述',
  superseded: '已废止表述',
  xinhua: '新华社禁用词',
};

/** Words right before an outdated name that make it a reference to the past: 原国家工商行政管理总局, 时任. */
const PAST = /(原|前|时任|曾任|曾|改革前的|更名前的)([\u4e00-\u9fff]{0,4}[省市区县])?$/;

/** The date a document bears: its 成文日期 (a line holding only a date) or a 发布日期 label; undefined when none. */
export function documentDate(text: string): string | undefined {
  const label = /(?:发布|成文|印发)(?:日期|时间)[：:]\s*(\d{4})[-年./](\d{1,2})[-月./](\d{1,2})/.exec(text);
  if (label) return iso(label[1], label[2], label[3]);
  let last: RegExpExecArray | null = null;
  const line = /^[ \t\u3000]*(\d{4})年(\d{1,2})月(\d{1,2})日[ \t\u3000]*$/gm;
  for (let m = line.exec(text); m; m = line.exec(text)) last = m;
  return last ? iso(last[1], last[2], last[3]) : undefined;
}

const iso = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;

export function buildFormulationChecker(
  entries: FormulationRule[] = FORMULATION_RULES,
): DictionaryRule & DictionaryScanner {
  const patterns = entries.map((e) => e.wrong);
  return scannerOf({
    patterns,
    start(text) {
      const out: RawFinding[] = [];
      let date: string | null | undefined;
      return {
        finish: () => out,
        match(p, start, end) {
          const e = entries[p];
          if (e.notBefore && start > 0 && e.notBefore.includes(text[start - 1])) return;
          if (e.notAfter && end < text.length && e.notAfter.includes(text[end])) return;
          if (e.kind === 'superseded') {
            if (PAST.test(text.slice(Math.max(0, start - 10), start)) || insideTitle(text, start)) return;
            date ??= documentDate(text) ?? null;
            if (date && e.since && date < e.since) return;
          }
          const why = e.kind === 'superseded' ? `自 ${e.since} 起` : '';
          const fix = e.right ? `应为“${e.right}”` : '不得使用';
          out.push(
            finding(
              `formulation.${e.kind}`,
              'formulation',
              e.severity,
              start,
              end,
              `${KIND_NAME[e.kind]}：“${e.wrong}”${why}${fix}（依据：${e.source}，${e.date}）`,
              e.right,
            ),
          );
        },
      };
    },
  });
}

/** True when `at` lies inside a 《…》 on its line: a quoted title of an old document keeps its old wording. */
function insideTitle(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && i > at - 80; i--) {
    const c = text[i];
    if (c === '》' || c === '\n') return false;
    if (c === '《') return true;
  }
  return false;
}

const PLACES = '台湾|香港|澳门|台湾地区|香港特别行政区|澳门特别行政区|中国香港|中国澳门|中国台湾';
/** 美国、日本、台湾等国家 — Taiwan, Hong Kong or Macao in a list that is then called countries. */
const LISTED_AS_COUNTRY = new RegExp(
  String.raw`(?:${PLACES})(?:[、和及与](?:[\u4e00-\u9fff]{1,8}))*等(?:\d+|[一二三四五六七八九十几多]+)?个?`
    + '(国家|国)(?!和地区|与地区|及地区|、地区|内|际|籍|民|家和地区)',
  'g',
);
const COUNTRY_THEN_PLACE = new RegExp(`(?:国家|国)(?:[和、与及]|以及)(?:${PLACES})(?:地区)?`, 'g');
/** 中国和台湾: Taiwan (Hong Kong, Macao) set beside China as an equal. */
const CHINA_AND = /中国(?:和|与|同|、|及)(台湾|香港|澳门)(?!同胞|地区|特别行政区的)/g;
/** 綦江区区委书记, 中共重庆市委市委书记: the level written twice in a party post. */
const DOUBLED_LEVEL = /([\u4e00-\u9fff]{2,})([省市区县州])\2委(书记|副书记|常委|委员)/g;
/** 中共重庆市委市委书记: the committee named twice. */
const DOUBLED_COMMITTEE = /([省市区县州])委\1委(书记|副书记|常委)/g;
const NOT_A_PLACE_END = /(城|社|辖|园|景|片|本|全|各|该|郊|小|街|校|厂|矿|军|营|分)$/;

export function findFormulationPatterns(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  // Each rule runs only where its key words occur: most texts name neither Taiwan, Hong Kong nor Macao.
  const places = text.includes('台湾') || text.includes('香港') || text.includes('澳门');
  for (const m of places ? text.matchAll(LISTED_AS_COUNTRY) : []) {
    const at = m.index + m[0].length - m[1].length;
    out.push(
      oneChina(
        at,
        at + m[1].length,
        '涉台港澳表述：台湾、香港、澳门与国家并列时，应称“国家和地区”（一个中国原则；新华社禁用词和慎用词）',
        '国家和地区',
      ),
    );
  }
  for (const m of places ? text.matchAll(CHINA_AND) : []) {
    if (text.slice(m.index - 2, m.index) === '国民') continue;
    const mainland = m[1] === '台湾' ? '大陆' : '内地';
    out.push(
      oneChina(
        m.index,
        m.index + 2,
        `涉台港澳表述：“中国”不得与“${m[1]}”并列，应为“${mainland}”（一个中国原则；新华社禁用词和慎用词）`,
        mainland,
      ),
    );
  }
  for (const m of places ? text.matchAll(COUNTRY_THEN_PLACE) : []) {
    // 各国和台湾 … only when a country list precedes: 其他国家和香港 / 多国及台湾
    if (!/(各|其他|其它|多|等|外)$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    out.push(
      oneChina(
        m.index,
        m.index + m[0].length,
        '涉台港澳表述：台湾、香港、澳门不得与国家并列，应称“国家和地区”（一个中国原则）',
        '',
      ),
    );
  }
  const doubled = /(省省|市市|区区|县县|州州)委|(省|市|区|县|州)委\2委/.test(text);
  for (const m of doubled ? text.matchAll(DOUBLED_LEVEL) : []) {
    if (NOT_A_PLACE_END.test(m[1])) continue;
    const at = m.index + m[1].length;
    out.push(
      finding(
        'formulation.doubled-level',
        'formulation',
        'error',
        at,
        at + 2,
        `职务表述：“${m[1]}${m[2]}${m[2]}委${m[3]}”层级重复，应为“${m[1]}${m[2]}委${m[3]}”`,
        m[2],
      ),
    );
  }
  for (const m of doubled ? text.matchAll(DOUBLED_COMMITTEE) : []) {
    out.push(
      finding(
        'formulation.doubled-level',
        'formulation',
        'error',
        m.index,
        m.index + 4,
        `职务表述：“${m[0]}”层级重复，应为“${m[1]}委${m[2]}”`,
        `${m[1]}委`,
      ),
    );
  }
  return out;
}

const oneChina = (start: number, end: number, message: string, suggestion: string) =>
  finding('formulation.one-china', 'formulation', 'serious', start, end, message, suggestion);
