// 智能校对词典 (admin-edited dictionaries: 本区单位, 领导人姓名职务, 自定义词库) and the server-wide checker built from
// them. Each write is one transaction that bumps dict_version and appends its ledger entry; every node compares that
// number before a check and rebuilds its cached checker only when it moved.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import { type Checker, createChecker } from '../checks/index.ts';
import type { Db, Executor } from '../platform/db/types.ts';
import { AppError, conflict, invalid, notFound } from '../platform/errors.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import {
  type Dictionaries,
  type DictionaryKind,
  type DictLeader,
  type DictUnit,
  leaderFields,
  type LexiconWord,
  toCheckOptions,
  unitFields,
  wordFields,
} from './model.ts';
import * as dictStore from './store.ts';
import type { Actor } from '../org/model.ts';
import { canEditDictionaries } from '../org/policy/dictionaries.ts';
import { assertAllowed } from '../org/policy/verdict.ts';

export type { Dictionaries, DictionaryKind, DictLeader, DictUnit, LexiconWord } from './model.ts';

const cache = new WeakMap<Db, { version: number; checker: Promise<Checker> }>();

/**
 * The server-wide 智能校对 checker: the shipped dictionaries plus the admin's. One cheap read of dict_version per
 * call; the automata are rebuilt only after a dictionary changed (on any node). On SQLite, call it outside an open
 * transaction or pass that transaction as `db` (the single connection is held by the transaction).
 */
export async function getChecker(deps: Deps, db: Executor = deps.db): Promise<Checker> {
  const version = await dictStore.dictionaryVersion(db);
  const hit = cache.get(deps.db);
  if (hit?.version === version) return hit.checker;
  // Read after the version: the entries are at least that new, so a write in between only costs one more rebuild.
  const checker = dictStore.loadDictionaries(db).then((d) => createChecker(toCheckOptions(d)));
  cache.set(deps.db, { version, checker });
  checker.catch(() => {
    if (cache.get(deps.db)?.checker === checker) cache.delete(deps.db);
  });
  return checker;
}

export const listDictionaries = (db: Executor): Promise<Dictionaries> => dictStore.loadDictionaries(db);
export const dictionaryVersion = (db: Executor): Promise<number> => dictStore.dictionaryVersion(db);

type Action = 'add' | 'edit' | 'remove';
interface Written<T extends { id: string }> {
  entry: T;
  before?: T;
}

/** One dictionary write: admin only, one transaction, version bumped, signed in the ledger (district-wide). */
async function write<T extends { id: string }>(
  deps: Deps,
  actor: Actor,
  spec: Pick<Spec<T, unknown>, 'kind' | 'duplicate'>,
  action: Action,
  run: (tx: Executor, now: Date) => Promise<Written<T>>,
): Promise<T> {
  const { kind } = spec;
  assertAllowed(canEditDictionaries(actor));
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const now = deps.clock.now();
      await dictStore.bumpVersion(tx, now); // first: its row lock queues concurrent dictionary writes (PostgreSQL)
      const { entry, before } = await run(tx, now);
      const { id, ...fields } = entry;
      const payload = {
        kind,
        ...(action === 'remove' ? { removed: fields } : { entry: fields }),
        ...(before ? { before: withoutId(before) } : {}),
      };
      await appendLedger(
        tx,
        {
          actor: { id: actor.id, name: actor.name },
          role: 'sysAdmin',
          unitId: '',
          action: `dictionary.${action}`,
          subject: `dictionary:${kind}:${id}`,
          payload,
        },
        now,
      );
      return entry;
    });
  } catch (err) {
    // The pre-check below catches duplicates; this is the race two admins could still lose (unique index).
    if (!(err instanceof AppError) && isUniqueViolation(err)) throw duplicate(spec);
    throw err;
  }
}

const withoutId = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** What differs between the three dictionaries; the use cases below are the same for each. */
interface Spec<E extends { id: string }, I> {
  kind: DictionaryKind;
  what: string; // for 404: 单位词条
  duplicate: [field: string, message: (key: string) => string];
  fields(input: I | E): Omit<E, 'id'>;
  key(e: Omit<E, 'id'>): string;
  get(tx: Executor, id: string): Promise<E | null>;
  holder(tx: Executor, key: string): Promise<string | null>; // the id of the entry with this key
  insert(tx: Executor, e: E, at: Date): Promise<void>;
  update(tx: Executor, e: E, at: Date): Promise<void>;
  /** Rules across entries, beyond the fields' own (a leader's unit must be listed). */
  check?(tx: Executor, e: E): Promise<void>;
  /** Why an entry may not go (a unit still has leaders). */
  keep?(tx: Executor, e: E): Promise<void>;
}

function duplicate(spec: { duplicate: Spec<{ id: string }, unknown>['duplicate'] }, key?: string): AppError {
  const [field, message] = spec.duplicate;
  return new AppError(409, 'DUPLICATE_ENTRY', key ? message(key) : '该条目已在词典中', field);
}

/** The fields an edit sends replace those stored; what it leaves out is kept. */
const sent = <T extends object>(input: T): Partial<T> =>
  Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;

function useCases<E extends { id: string }, I extends object>(spec: Spec<E, I>) {
  const found = async (tx: Executor, id: string) => {
    const e = await spec.get(tx, id);
    if (!e) throw notFound(spec.what);
    return e;
  };
  const store = async (tx: Executor, entry: E, now: Date, save: Spec<E, I>['insert']) => {
    const key = spec.key(entry);
    const holder = await spec.holder(tx, key);
    if (holder && holder !== entry.id) throw duplicate(spec, key);
    await spec.check?.(tx, entry);
    await save(tx, entry, now);
  };
  return {
    add: (deps: Deps, actor: Actor, input: I): Promise<E> =>
      write(deps, actor, spec, 'add', async (tx, now) => {
        const entry = { id: randomUUID(), ...spec.fields(input) } as E;
        await store(tx, entry, now, spec.insert);
        return { entry };
      }),
    edit: (deps: Deps, actor: Actor, id: string, input: I): Promise<E> =>
      write(deps, actor, spec, 'edit', async (tx, now) => {
        const before = await found(tx, id);
        const entry = { id, ...spec.fields({ ...before, ...sent(input) }) } as E;
        await store(tx, entry, now, spec.update);
        return { entry, before };
      }),
    remove: (deps: Deps, actor: Actor, id: string): Promise<E> =>
      write(deps, actor, spec, 'remove', async (tx) => {
        const entry = await found(tx, id);
        await spec.keep?.(tx, entry);
        await dictStore.deleteEntry(tx, spec.kind, id);
        return { entry };
      }),
  };
}

export interface UnitInput {
  name?: string;
  shortNames?: string[];
}
export interface LeaderInput {
  name?: string;
  titles?: string[];
  unitId?: string | null;
}
export interface WordInput {
  word?: string;
  category?: string;
  severity?: string;
  note?: string | null;
}

const units = useCases<DictUnit, UnitInput>({
  kind: 'units',
  what: '单位词条',
  duplicate: ['name', (k) => `单位「${k}」已在本区单位词典中`],
  fields: unitFields,
  key: (e) => e.name,
  get: dictStore.getUnit,
  holder: dictStore.findUnitNamed,
  insert: dictStore.insertUnit,
  update: dictStore.updateUnit,
  async keep(tx, e) {
    const leaders = await dictStore.countLeadersOfUnit(tx, e.id);
    if (leaders > 0)
      throw conflict('UNIT_HAS_LEADERS', `该单位词条下还有 ${leaders} 位领导人，请先删除或改动他们的所属单位`);
  },
});

const leaders = useCases<DictLeader, LeaderInput>({
  kind: 'leaders',
  what: '领导人词条',
  duplicate: ['name', (k) => `领导人「${k}」已在领导人词典中`],
  fields: leaderFields,
  key: (e) => e.name,
  get: dictStore.getLeader,
  holder: dictStore.findLeaderNamed,
  insert: dictStore.insertLeader,
  update: dictStore.updateLeader,
  async check(tx, e) {
    if (e.unitId && !(await dictStore.getUnit(tx, e.unitId))) throw invalid('unitId', '所属单位不在本区单位词典中');
  },
});

const lexicon = useCases<LexiconWord, WordInput>({
  kind: 'lexicon',
  what: '词库词条',
  duplicate: ['word', (k) => `词语「${k}」已在自定义词库中`],
  fields: wordFields,
  key: (e) => e.word,
  get: dictStore.getWord,
  holder: dictStore.findWord,
  insert: dictStore.insertWord,
  update: dictStore.updateWord,
});

export const { add: addUnit, edit: editUnit, remove: removeUnit } = units;
export const { add: addLeader, edit: editLeader, remove: removeLeader } = leaders;
export const { add: addWord, edit: editWord, remove: removeWord } = lexicon;
