// 智能校对 engine: `runChecks(text, options)` → findings sorted by position, with line:column, and stats.
// Dictionaries are compiled once per options object (createChecker), so a server or a batch pays for the
// automata once; every detector is a pure function of the text.
import { buildDictionaries } from './dictionaries.ts';
import { combineRules } from './dictionary-scan.ts';
import { findConsistencyProblems } from './consistency.ts';
import { findDuplicates, findDuplicatesByText } from './duplicate.ts';
import { findFormatProblems } from './docformat.ts';
import { buildExpressionChecker } from './expression.ts';
import { buildFormulationChecker, findFormulationPatterns } from './formulations.ts';
import { findHeadingProblems } from './headings.ts';
import { buildLeaderChecker } from './leaders.ts';
import { buildLexiconChecker } from './lexicon.ts';
import { buildMisspellingChecker } from './misspelling.ts';
import type { CheckOptions, CheckResult, RawFinding } from './model.ts';
import { findPersonalData } from './pii.ts';
import { findPunctuationProblems } from './punctuation.ts';
import { findPunctuationRules } from './punctuation-rules.ts';
import { dropShadowed, inReportOrder, locate } from './report.ts';
import { findSecrecyMarks } from './secrecy.ts';
import { buildSeriesChecker } from './series.ts';
import { findTypos, outside } from './typo.ts';
import { buildUsageChecker } from './usage.ts';

export type { Category, CheckOptions, CheckResult, Finding, Severity } from './model.ts';
/** The shipped 规范表述 and 固定提法 entries, each with its source and date (shown read-only in the dictionary screen). */
export { FORMULATION_RULES } from './formulations.ts';
export { SERIES } from './series.ts';

export interface Checker {
  run(text: string): CheckResult;
  /**
   * Many texts, each its own document: each gets exactly what `run` gives it. Cheaper for many short texts (a site's
   * pages): 重复字词, whose set-up dominates the fixed cost of a call, runs once over all of them (duplicate.ts).
   */
  runPages(texts: readonly string[]): CheckResult[];
}

export function createChecker(options: CheckOptions = {}): Checker {
  const dict = buildDictionaries(options);
  const expression = buildExpressionChecker(
    dict.terms,
    dict.misspellings.map(([, right]) => right),
  );
  const misspelling = buildMisspellingChecker(dict.misspellings);
  const lexicon = buildLexiconChecker(dict.lexicon);
  const dictionaries = combineRules([
    expression,
    misspelling,
    lexicon,
    buildFormulationChecker(),
    buildSeriesChecker(),
    buildUsageChecker(),
  ]);
  const leaders = buildLeaderChecker();
  // Each detector's findings, in this order (it breaks ties in the report). Only 表述错误 and 错别字 (listed, leaders'
  // names, 音近形近) can name the same span twice, so only they go through dropShadowed.
  const detect = (text: string, duplicates = findDuplicates(text)): RawFinding[][] => {
    const [wrongTermsOf, misspeltOf, wordsOf, formulationsOf, seriesOf, usageOf] = dictionaries.scanEach(text);
    const wrongTerms = wrongTermsOf();
    const misspelt = misspeltOf();
    const formulations = formulationsOf();
    const series = seriesOf();
    const usage = usageOf();
    const listed = wrongTerms.concat(misspelt);
    // A typo inside a listed wrong term or misspelling (变本加利) is that finding's, not a second one.
    const named = outside(leaders.find(text), wrongTerms);
    const lists = [
      findSecrecyMarks(text),
      findPersonalData(text),
      dropShadowed(listed.concat(named, outside(findTypos(text), listed.concat(named, formulations, usage)))),
      [],
      formulations,
      series,
      findFormulationPatterns(text),
      duplicates,
      findFormatProblems(text),
      findHeadingProblems(text),
      findPunctuationProblems(text),
      findPunctuationRules(text),
      usage,
      findConsistencyProblems(text),
    ];
    // The lexicon's findings (one object per match, 230k on the bench's 10 MB) are built last: built first, every
    // young-generation collection during the other detectors copied them.
    lists[3] = wordsOf();
    return lists;
  };
  const check = (text: string, duplicates?: RawFinding[]): CheckResult => {
    const t0 = performance.now();
    const findings = locate(text, inReportOrder(detect(text, duplicates)));
    return { findings, stats: { chars: text.length, ms: Math.round((performance.now() - t0) * 100) / 100 } };
  };
  return {
    run: (text) => check(text),
    runPages(texts) {
      const duplicates = findDuplicatesByText(texts);
      return texts.map((text, i) => check(text, duplicates[i]));
    },
  };
}

const cache = new WeakMap<CheckOptions, Checker>();
let defaultChecker: Checker | undefined;

/** Checks one text. Pass the same options object again to reuse its compiled dictionaries. */
export function runChecks(text: string, options?: CheckOptions): CheckResult {
  if (!options) return (defaultChecker ??= createChecker()).run(text);
  let checker = cache.get(options);
  if (!checker) cache.set(options, (checker = createChecker(options)));
  return checker.run(text);
}
