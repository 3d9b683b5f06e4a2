// Canonical JSON, RFC 8785 (JCS): object keys sorted by UTF-16 code units at every depth, no spaces, numbers and
// strings as ECMAScript serialises them. The same value always gives the same bytes, whichever database returned it
// and in whatever order its keys were built — so it hashes the same. What JCS cannot represent is refused, not
// rewritten: NaN and ±Infinity, lone surrogates, BigInt, functions, and objects that are not plain (Date, Map…).

export class NotCanonicalError extends Error {
  constructor(
    readonly where: string,
    reason: string,
  ) {
    super(`${where || '（整体）'}：${reason}`);
    this.name = 'NotCanonicalError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function str(s: string, where: string): string {
  if (LONE_SURROGATE.test(s)) throw new NotCanonicalError(where, '含有不成对的代理字符（无效的 Unicode）');
  return JSON.stringify(s);
}

/** The JCS text of `value`; throws NotCanonicalError naming the path of a value JCS cannot hold. */
export function canonicalJson(value: unknown, where = ''): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalError(where, `数值 ${value} 不能写入规范 JSON`);
      return JSON.stringify(value); // ECMAScript Number::toString, as RFC 8785 §3.2.2.3 requires; -0 → 0
    case 'string':
      return str(value, where);
    case 'object':
      break;
    default:
      throw new NotCanonicalError(where, `${typeof value} 类型的值不能写入规范 JSON`);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((v, i) => {
        if (v === undefined) throw new NotCanonicalError(`${where}[${i}]`, '数组中不能有 undefined');
        return canonicalJson(v, `${where}[${i}]`);
      })
      .join(',')}]`;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null)
    throw new NotCanonicalError(where, '只能写入普通对象（不能是日期、Map 等）');
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort(); // sort(): UTF-16 code units, as §3.2.3
  const at = (k: string) => (where ? `${where}.${k}` : k);
  return `{${keys.map((k) => `${str(k, at(k))}:${canonicalJson(obj[k], at(k))}`).join(',')}}`;
}

/**
 * Whether stored text is exactly the canonical form of the JSON it encodes. A duplicated key fails (JSON.parse keeps
 * the last value, SQLite's json_extract the first, so two readers would see two different entries), as do spaces,
 * unsorted keys, escapes written differently, and text that is not JSON at all.
 */
export function isCanonicalJson(text: string): boolean {
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}
