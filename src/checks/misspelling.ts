// 错别字: curated unambiguous wrong → right pairs (data/misspellings.json, source and licence recorded there),
// matched exactly with one automaton built once.
import { scannerOf, type DictionaryRule, type DictionaryScanner } from './dictionary-scan.ts';
import { finding, type RawFinding } from './model.ts';

export function buildMisspellingChecker(pairs: [string, string][]): DictionaryRule & DictionaryScanner {
  const right = new Map<string, string>();
  for (const [w, r] of pairs) if (w && r && w !== r && !right.has(w)) right.set(w, r);
  const wrongs = [...right.keys()];
  return scannerOf({
    patterns: wrongs,
    start(text) {
      const out: RawFinding[] = [];
      return {
        finish: () => out,
        match(p, start, end) {
          const suggestion = right.get(wrongs[p])!;
          // The right form may contain the wrong one (a pair like 的确/确), so a match inside the right form is
          // not an error.
          const at = suggestion.indexOf(wrongs[p]);
          if (at >= 0 && text.startsWith(suggestion, start - at)) return;
          out.push(
            finding(
              'misspelling',
              'misspelling',
              'error',
              start,
              end,
              `错别字：“${wrongs[p]}”应为“${suggestion}”`,
              suggestion,
            ),
          );
        },
      };
    },
  });
}
