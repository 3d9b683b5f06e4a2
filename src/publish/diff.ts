// The text diff between two revisions a history shows. Character level, because Chinese has no spaces between
// words and a one-character slip (扫黑险恶 for 扫黑除恶) is exactly what reviewers must see. Pure.
import { diffChars, diffLines } from 'diff';

export type DiffOp = { op: 'equal' | 'insert' | 'delete'; text: string };

// A large, very different pair of texts would make the character diff slow; past this budget the
// line diff answers, and past that the whole text is shown as replaced.
const BUDGET_MS = 300;

export function textDiff(before: string, after: string): DiffOp[] {
  const changes = diffChars(before, after, { timeout: BUDGET_MS }) ?? diffLines(before, after, { timeout: BUDGET_MS });
  if (!changes)
    return [
      ...(before ? [{ op: 'delete' as const, text: before }] : []),
      ...(after ? [{ op: 'insert' as const, text: after }] : []),
    ];
  return changes
    .filter((c) => c.value !== '')
    .map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }));
}
