// How duty rules answer: a pure rule returns null (allowed) or a Violation — an AppError carrying the stable code, the
// HTTP status (400 bad input, 409 wrong moment or state, 422 rule broken) and the zh-CN reason. Use cases `enforce` it.
import type { AppError } from '../../platform/errors.ts';

export type Violation = AppError;

/** Throws the violation (rolled back with the caller's transaction); nothing for null. */
export function enforce(answer: Violation | null): void {
  if (answer) throw answer;
}
