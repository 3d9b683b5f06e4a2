// A list's scope as a query filter, the way Payload's access functions return a `Where`: a policy says which rows a
// person may list, and the store applies it inside its one query — never a check row by row after loading.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';

/** true: every row; false: none; otherwise the rows whose every named field takes one of the listed values. */
export type Where<Field extends string> = boolean | { readonly [K in Field]?: { readonly in: readonly string[] } };

/** Rows whose `field` is one of `values`; no values means no rows. */
export function whereIn<F extends string>(field: F, values: Iterable<string>): Where<F> {
  const list = [...new Set(values)];
  return list.length ? ({ [field]: { in: list } } as Record<F, { in: string[] }>) : false;
}

/**
 * The filter as a condition on the store's columns (`columns` names the column of each field). The caller handles
 * `true` (no condition) and `false` (no query at all), so every engine sees only plain `in` lists.
 */
export function whereSql<F extends string>(
  eb: ExpressionBuilder<any, any>,
  where: Exclude<Where<F>, boolean>,
  columns: Record<F, string>,
): Expression<SqlBool> {
  const fields = (Object.keys(where) as F[]).filter((f) => where[f] !== undefined);
  return eb.and(fields.map((f) => eb(columns[f] as string, 'in', [...where[f]!.in])));
}
