// One line of a test/fixtures/proofreading/*.jsonl file (bench:accuracy reads them, proofreading-corpus.ts writes
// some of them).
export interface ProofreadingCase {
  text: string;
  class: string;
  /** true: the text holds the error `expect`; false: a correct look-alike. */
  error: boolean;
  expect: string | null;
  source: string;
}
