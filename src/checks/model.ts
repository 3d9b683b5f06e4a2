// 智能校对 (automatic proofreading) — the shapes every detector shares. Pure: no I/O anywhere in src/checks.

/** serious = a 单项否决 item (严重表述错误, secrets, unmasked IDs); error = must be fixed before publishing (65号 §5(四));
 *  warning = a reviewer should look; info = for the record. */
export type Severity = 'serious' | 'error' | 'warning' | 'info';

export const SEVERITY_ORDER: readonly Severity[] = ['serious', 'error', 'warning', 'info'];

export const SEVERITY_NAME: Record<Severity, string> = {
  serious: '严重',
  error: '错误',
  warning: '警告',
  info: '提示',
};

/** What kind of problem; lexicon entries bring their own (banned / sensitive / advertising). */
export type Category =
  | 'pii' // 个人信息
  | 'secrecy' // 密级标志
  | 'expression' // 严重表述错误
  | 'misspelling' // 错别字
  | 'duplicate' // 重复字词
  | 'format' // 公文格式 GB/T 9704-2012
  | 'punctuation' // 标点
  | 'formulation' // 规范表述：战略名称、一个中国、已废止表述、固定序列、新华社禁用词
  | 'usage' // 用词：的地得、动宾搭配
  | 'consistency' // 全文一致：同一机构、同一文件的不同写法
  | LexiconCategory;

export type LexiconCategory = 'banned' | 'sensitive' | 'advertising';

/** A finding before positions are turned into line:column (done once, in index.ts). */
export interface RawFinding {
  rule: string;
  category: Category;
  severity: Severity;
  /** UTF-16 offsets into the checked text, end exclusive. */
  start: number;
  end: number;
  message: string;
  /** The corrected or masked text to put in place of text[start, end); '' when there is nothing to propose. */
  suggestion: string;
}

export interface Finding extends RawFinding {
  /** 1-based line and column (column in UTF-16 code units, which equals characters for Chinese text). */
  line: number;
  column: number;
  text: string;
}

export interface CheckStats {
  chars: number;
  ms: number;
}

export interface CheckResult {
  findings: Finding[];
  stats: CheckStats;
}

export interface LeaderEntry {
  name: string;
  /** One title ("区长") or several ("中共中央总书记", "国家主席"). */
  title?: string;
  titles?: string[];
}

export interface UnitEntry {
  name: string;
  short?: string[];
}

export interface LexiconEntry {
  word: string;
  category: LexiconCategory;
  severity: Severity;
  note?: string;
}

export type TermKind = 'formulation' | 'organ' | 'place' | 'leader' | 'unit';

export interface CanonicalTerm {
  text: string;
  kind: TermKind;
  /** Titles of a leader: the context that confirms a near-miss of a three-character name. */
  titles?: string[];
}

/** Everything a caller may add at call time (admin-edited dictionaries). Extra entries are merged with the
 *  shipped data. */
export interface CheckOptions {
  leaders?: LeaderEntry[];
  units?: UnitEntry[];
  /** Extra canonical formulations or organ names. */
  terms?: string[];
  lexicon?: LexiconEntry[];
  /** Extra [wrong, right] pairs. */
  misspellings?: [string, string][];
  /** false: use only the lexicon given here, not the shipped default lexicon. */
  defaultLexicon?: boolean;
  /** false: ignore the shipped sample district dictionary (綦江区); use only `units`/`leaders` given here. */
  defaultDistrict?: boolean;
}

/** Every finding built with the same shape (fields in one order, line:column filled in later by report.ts), so that
 *  a lexicon producing hundreds of thousands of them keeps V8 on one hidden class. `text` may be given when the
 *  detector already holds that string (a lexicon word), so that no copy is cut from the checked text. */
export function finding(
  rule: string,
  category: Category,
  severity: Severity,
  start: number,
  end: number,
  message: string,
  suggestion = '',
  text = '',
): Finding {
  return { rule, category, severity, start, end, message, suggestion, line: 0, column: 0, text };
}
