// The shipped dictionaries (src/checks/data, curated and updatable) merged with what an admin configured.
// JSON is imported, not read, so that src/checks stays free of I/O.
import formulations from './data/formulations.json' with { type: 'json' };
import leaders from './data/leaders.json' with { type: 'json' };
import misspellings from './data/misspellings.json' with { type: 'json' };
import lexicon from './data/lexicon.json' with { type: 'json' };
import district from './data/district.json' with { type: 'json' };
import type { CanonicalTerm, CheckOptions, LeaderEntry, LexiconEntry, TermKind, UnitEntry } from './model.ts';

export interface Dictionaries {
  terms: CanonicalTerm[];
  misspellings: [string, string][];
  lexicon: LexiconEntry[];
}

interface FormulationFile {
  entries: { text: string; kind: string }[];
}
interface LeaderFile {
  entries: { name: string; titles?: string[] }[];
}
interface PairFile {
  pairs: string[][];
}
interface LexiconFile {
  entries: { word: string; category: string; severity: string; note?: string }[];
}
interface DistrictFile {
  units: UnitEntry[];
  leaders: LeaderEntry[];
}

const TERM_KINDS = new Set<string>(['formulation', 'organ', 'place']);
const LEXICON_CATEGORIES = new Set<string>(['banned', 'sensitive', 'advertising']);
const SEVERITIES = new Set<string>(['serious', 'error', 'warning', 'info']);

export function buildDictionaries(options: CheckOptions = {}): Dictionaries {
  const useDistrict = options.defaultDistrict !== false;
  const d = district as DistrictFile;
  const terms: CanonicalTerm[] = [];
  for (const e of (formulations as FormulationFile).entries) {
    terms.push({ text: e.text, kind: (TERM_KINDS.has(e.kind) ? e.kind : 'formulation') as TermKind });
  }
  for (const e of (leaders as LeaderFile).entries) terms.push({ text: e.name, kind: 'leader', titles: e.titles ?? [] });
  for (const u of [...(useDistrict ? d.units : []), ...(options.units ?? [])]) {
    for (const text of [u.name, ...(u.short ?? [])]) terms.push({ text, kind: 'unit' });
  }
  for (const l of [...(useDistrict ? d.leaders : []), ...(options.leaders ?? [])]) {
    terms.push({ text: l.name, kind: 'leader', titles: [...(l.titles ?? []), ...(l.title ? [l.title] : [])] });
  }
  for (const text of options.terms ?? []) terms.push({ text, kind: 'formulation' });

  const pairs = (misspellings as PairFile).pairs
    .filter((p): p is [string, string] => p.length === 2 && p[0] !== p[1] && p[0].length > 0)
    .concat(options.misspellings ?? []);
  const shipped =
    options.defaultLexicon === false
      ? []
      : ((lexicon as LexiconFile).entries.filter(
          (e) => e.word && LEXICON_CATEGORIES.has(e.category) && SEVERITIES.has(e.severity),
        ) as LexiconEntry[]);
  return {
    terms: terms.filter((t) => t.text.length > 0),
    misspellings: pairs,
    lexicon: shipped.concat(options.lexicon ?? []),
  };
}
