// 智能校对 of many page texts in one call, for the crawl's worker thread: each page gets exactly the findings that
// `createChecker(options).run(page)` gives it (proofread-batch.test.ts compares the two on the fixture site's pages
// and on pages made to catch a difference). Why: `checker.run` has a fixed cost per call — mostly the 重复字词
// detector, which sets up a 65,536-entry table for every text (about 0.1 ms, and the garbage collector's time for
// 256 KB each call) — and a site run proofreads thousands of short pages. Measured on the fixture site's 2,102 pages
// (1.28 M characters): 0.5 s one page at a time, 0.15 s as one text (bench/RESULTS.md, 读网监测).
//
// Each page stays its own document: the detectors that judge a text as a whole (成文日期 for 规范表述, 全文一致, 公文
// 格式 and 结构层次, half-width punctuation "once per document", the reading of context around personal data) run
// on each page alone, as in src/checks/index.ts. Only 重复字词, which looks at nothing but a run of Chinese characters
// and the character on either side of it, runs once on the pages joined by a line break (a repeat cannot cross it,
// and the characters on either side of a page are then a line break instead of nothing, neither of them Chinese);
// its findings are handed back to their page by offset. The composition below is index.ts's `detect`, in its
// order (ties in the report follow it): a detector added there must be added here, and the test fails until it is.
import { buildDictionaries } from '../checks/dictionaries.ts';
import { combineRules } from '../checks/dictionary-scan.ts';
import { findConsistencyProblems } from '../checks/consistency.ts';
import { findDuplicates } from '../checks/duplicate.ts';
import { findFormatProblems } from '../checks/docformat.ts';
import { buildExpressionChecker } from '../checks/expression.ts';
import { buildFormulationChecker, findFormulationPatterns } from '../checks/formulations.ts';
import { findHeadingProblems } from '../checks/headings.ts';
import { buildLeaderChecker } from '../checks/leaders.ts';
import { buildLexiconChecker } from '../checks/lexicon.ts';
import { buildMisspellingChecker } from '../checks/misspelling.ts';
import type { CheckOptions, CheckResult, RawFinding } from '../checks/model.ts';
import { findPersonalData } from '../checks/pii.ts';
import { findPunctuationProblems } from '../checks/punctuation.ts';
import { findPunctuationRules } from '../checks/punctuation-rules.ts';
import { dropShadowed, inReportOrder, locate } from '../checks/report.ts';
import { findSecrecyMarks } from '../checks/secrecy.ts';
import { buildSeriesChecker } from '../checks/series.ts';
import { findTypos, outside } from '../checks/typo.ts';
import { buildUsageChecker } from '../checks/usage.ts';
import { reportFindings, type TextReport } from './rules/content.ts';

export interface PageChecker {
  /** The findings of each text, as `createChecker(options).run(text)` gives them, in the same order. */
  runPages(texts: readonly string[]): CheckResult[];
}

/** Between two pages in the text 重复字词 reads: not a Chinese character, so no repeat spans two pages. */
const BETWEEN = '\n';

export function createPageChecker(options: CheckOptions = {}): PageChecker {
  const dict = buildDictionaries(options);
  const expression = buildExpressionChecker(
    dict.terms,
    dict.misspellings.map(([, right]) => right),
  );
  const dictionaries = combineRules([
    expression,
    buildMisspellingChecker(dict.misspellings),
    buildLexiconChecker(dict.lexicon),
    buildFormulationChecker(),
    buildSeriesChecker(),
    buildUsageChecker(),
  ]);
  const leaders = buildLeaderChecker();
  const detect = (text: string, duplicates: RawFinding[]): RawFinding[][] => {
    const [wrongTerms, misspelt, words, formulations, series, usage] = dictionaries.findEach(text);
    const listed = wrongTerms.concat(misspelt);
    const named = outside(leaders.find(text), wrongTerms);
    return [
      findSecrecyMarks(text),
      findPersonalData(text),
      dropShadowed(listed.concat(named, outside(findTypos(text), listed.concat(named, formulations, usage)))),
      words,
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
  };
  return {
    runPages(texts) {
      const duplicates = duplicatesByPage(texts);
      return texts.map((text, i) => {
        const t0 = performance.now();
        const findings = locate(text, inReportOrder(detect(text, duplicates[i])));
        return { findings, stats: { chars: text.length, ms: Math.round((performance.now() - t0) * 100) / 100 } };
      });
    },
  };
}

/** 重复字词 of every page from one pass over the pages joined, each finding moved back to its page's offsets. */
function duplicatesByPage(texts: readonly string[]): RawFinding[][] {
  const out: RawFinding[][] = texts.map(() => []);
  if (texts.length === 0) return out;
  // The findings come in order of position, so the page only moves forward.
  let page = 0;
  let start = 0;
  for (const f of findDuplicates(texts.join(BETWEEN))) {
    while (f.start >= start + texts[page].length + BETWEEN.length) {
      start += texts[page].length + BETWEEN.length;
      page++;
    }
    f.start -= start;
    f.end -= start;
    out[page].push(f);
  }
  return out;
}

/** What 智能校对 found in each text, for the watch (rules/content.ts). */
export function reportPages(checker: PageChecker, texts: readonly string[]): TextReport[] {
  return checker.runPages(texts).map((r, i) => reportFindings(texts[i], r.findings));
}
