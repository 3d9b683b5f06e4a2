// The typo detector's tables (typo.ts) in one binary file that `npm run build` writes beside the compiled code:
// building them from the model takes about 0.3 s of CPU at every start of `gongkai check` and of the server's
// proofreading worker; reading them is a file read, with the typed arrays viewing the file's bytes (no parsing).
// The file exists only in dist/, which the build empties and rewrites whenever a source changes, so it always
// matches the code and model beside it; the sources (tsx) build the tables on first use instead.
//
// It knows the tables' parts by kind, not typo.ts (which reads it): byte and 32-bit arrays, hash tables (anything with
// `state()`: their slots and size), and sets of strings.
//
// Layout: a 4-byte length, a JSON header naming each field and where its bytes start, then the fields, each at a
// multiple of 4 bytes.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TABLES_FILE = fileURLToPath(new URL('./data/typo-tables.bin', import.meta.url));

type Field =
  | { kind: 'u8' | 'u32'; offset: number; length: number }
  | { kind: 'hash'; offset: number; length: number; size: number }
  | { kind: 'set'; offset: number; length: number };

const align = (n: number) => (n + 3) & ~3;

/** A hash table's whole state (typo.ts `HashTable`). */
interface Stateful {
  state(): { slots: Uint32Array; size: number };
}
const stateful = (v: unknown): v is Stateful => typeof (v as Stateful | null)?.state === 'function';
/** Makes a hash table from the state it had. */
export type Restore = (slots: Uint32Array, size: number) => unknown;

export function encodeTables(t: object): Buffer {
  const header: Record<string, Field> = {};
  const parts: Uint8Array[] = [];
  let offset = 0;
  const add = (bytes: Uint8Array) => {
    parts.push(bytes, new Uint8Array(align(bytes.byteLength) - bytes.byteLength));
    const at = offset;
    offset += align(bytes.byteLength);
    return at;
  };
  const raw = (a: Uint8Array | Uint32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (const [name, value] of Object.entries(t) as [string, unknown][]) {
    if (value instanceof Uint8Array) header[name] = { kind: 'u8', offset: add(value), length: value.length };
    else if (value instanceof Uint32Array)
      header[name] = { kind: 'u32', offset: add(raw(value)), length: value.length };
    else if (stateful(value)) {
      const { slots, size } = value.state();
      header[name] = { kind: 'hash', offset: add(raw(slots)), length: slots.length, size };
    } else if (value instanceof Set) {
      const bytes = Buffer.from([...value].join('\n'));
      header[name] = { kind: 'set', offset: add(bytes), length: bytes.length };
    } else throw new Error(`错别字表的字段 ${name} 无法写入文件`);
  }
  const head = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(align(4 + head.length));
  prefix.writeUInt32LE(head.length, 0);
  head.copy(prefix, 4);
  return Buffer.concat([prefix, ...parts]);
}

export function decodeTables<T>(file: Buffer, restore: Restore): T {
  // The typed arrays view the bytes in place: they need an ArrayBuffer of their own, aligned to 4.
  const bytes = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
  const headLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString('utf8', 4, 4 + headLength)) as Record<string, Field>;
  const base = bytes.byteOffset + align(4 + headLength);
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(header)) {
    const at = base + f.offset;
    if (f.kind === 'u8') out[name] = new Uint8Array(bytes.buffer, at, f.length);
    else if (f.kind === 'u32') out[name] = new Uint32Array(bytes.buffer, at, f.length);
    else if (f.kind === 'hash') out[name] = restore(new Uint32Array(bytes.buffer, at, f.length), f.size);
    else out[name] = new Set(Buffer.from(bytes.buffer, at, f.length).toString('utf8').split('\n'));
  }
  return out as T;
}

/** The tables from the build's file, or undefined where there is none (running the sources). */
export function readTablesFile<T>(restore: Restore): T | undefined {
  let file: Buffer;
  try {
    file = fs.readFileSync(TABLES_FILE);
  } catch {
    return undefined;
  }
  return decodeTables<T>(file, restore);
}
