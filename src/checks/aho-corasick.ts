// Aho-Corasick automaton over UTF-16 code units, built once and scanned with charCodeAt.
// Reports ALL matches, overlapping ones included (mint-filter drops them: ARCHITECTURE.md, "text").
// Layout: characters map to a dense alphabet (Int32Array of 65 536); the root has a direct table; other
// transitions live in one open-addressing hash of typed arrays, so a scan allocates nothing.

export type MatchHandler = (pattern: number, start: number, end: number) => void;

export interface Automaton {
  readonly patterns: readonly string[];
  /** Calls onMatch for every occurrence of every pattern, in order of end position. */
  scan(text: string, onMatch: MatchHandler): void;
}

export function buildAutomaton(patterns: readonly string[]): Automaton {
  const classOf = new Int32Array(65536);
  let alphabet = 0;
  for (const p of patterns)
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (classOf[c] === 0) classOf[c] = ++alphabet;
    }
  const trie = buildTrie(patterns, classOf);
  const table = new TransitionTable(
    trie.stateCount,
    trie.edges.filter(([state]) => state !== 0),
  );
  const rootNext = new Int32Array(alphabet + 1).fill(0);
  for (const [state, cls, next] of trie.edges) if (state === 0) rootNext[cls] = next;
  const { fail, output } = linkFailures(trie, table, rootNext);
  const { firstPattern, samePattern } = trie;
  const lengths = Int32Array.from(patterns, (p) => p.length);

  function scan(text: string, onMatch: MatchHandler): void {
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const cls = classOf[text.charCodeAt(i)];
      if (cls === 0) {
        s = 0;
        continue;
      }
      for (;;) {
        if (s === 0) {
          s = rootNext[cls];
          break;
        }
        const next = table.get(s, cls);
        if (next >= 0) {
          s = next;
          break;
        }
        s = fail[s];
      }
      for (let o = output[s]; o > 0; o = output[fail[o]]) {
        for (let p = firstPattern[o]; p >= 0; p = samePattern[p]) onMatch(p, i + 1 - lengths[p], i + 1);
      }
    }
  }
  return { patterns, scan };
}

interface Trie {
  edges: [number, number, number][];
  children: number[][];
  classes: number[][];
  firstPattern: Int32Array;
  samePattern: Int32Array;
  stateCount: number;
}

function buildTrie(patterns: readonly string[], classOf: Int32Array): Trie {
  const children: number[][] = [[]];
  const classes: number[][] = [[]];
  const lookup = new Map<number, number>();
  const edges: [number, number, number][] = [];
  const endsAt: number[] = [];
  const key = (s: number, cls: number) => s * 65537 + cls;
  patterns.forEach((p, id) => {
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const cls = classOf[p.charCodeAt(i)];
      let next = lookup.get(key(s, cls));
      if (next === undefined) {
        next = children.length;
        children.push([]);
        classes.push([]);
        children[s].push(next);
        classes[s].push(cls);
        lookup.set(key(s, cls), next);
        edges.push([s, cls, next]);
      }
      s = next;
    }
    endsAt[id] = p.length === 0 ? -1 : s;
  });
  const stateCount = children.length;
  const firstPattern = new Int32Array(stateCount).fill(-1);
  const samePattern = new Int32Array(patterns.length).fill(-1);
  for (let id = patterns.length - 1; id >= 0; id--) {
    const s = endsAt[id];
    if (s < 0) continue;
    samePattern[id] = firstPattern[s];
    firstPattern[s] = id;
  }
  return { edges, children, classes, firstPattern, samePattern, stateCount };
}

function linkFailures(trie: Trie, table: TransitionTable, rootNext: Int32Array) {
  const { stateCount, children, classes, firstPattern } = trie;
  const fail = new Int32Array(stateCount);
  const output = new Int32Array(stateCount);
  const queue = new Int32Array(stateCount);
  let head = 0;
  let tail = 0;
  for (const c of children[0]) queue[tail++] = c;
  const step = (s: number, cls: number): number => {
    for (;;) {
      if (s === 0) return rootNext[cls];
      const next = table.get(s, cls);
      if (next >= 0) return next;
      s = fail[s];
    }
  };
  while (head < tail) {
    const s = queue[head++];
    // output[s]: s itself when a pattern ends here, else the nearest such state on the failure chain (0: none).
    output[s] = firstPattern[s] >= 0 ? s : output[fail[s]];
    const kids = children[s];
    for (let k = 0; k < kids.length; k++) {
      const child = kids[k];
      fail[child] = s === 0 ? 0 : step(fail[s], classes[s][k]);
      queue[tail++] = child;
    }
  }
  return { fail, output };
}

/** (state, class) → state; -1 when absent. Most states below the root have one child or none (a lexicon's words
 *  share few prefixes), so their edge sits in two arrays by state; only states with several children use the open
 *  addressing hash (linear probing), which a scan would otherwise probe for almost every character. */
class TransitionTable {
  /** The class of a state's only child; 0 when it has none, -1 when it has several (look in the hash). */
  private readonly soleClass: Int32Array;
  private readonly soleTarget: Int32Array;
  private readonly states: Int32Array;
  private readonly classes: Int32Array;
  private readonly targets: Int32Array;
  private readonly mask: number;

  constructor(stateCount: number, edges: [number, number, number][]) {
    const children = new Int32Array(stateCount);
    for (const [state] of edges) children[state]++;
    this.soleClass = new Int32Array(stateCount);
    this.soleTarget = new Int32Array(stateCount);
    let hashed = 0;
    for (const [state, cls, target] of edges) {
      if (children[state] === 1) {
        this.soleClass[state] = cls;
        this.soleTarget[state] = target;
      } else {
        this.soleClass[state] = -1;
        hashed++;
      }
    }
    let size = 16;
    while (size < hashed * 2) size <<= 1;
    this.mask = size - 1;
    this.states = new Int32Array(size).fill(-1);
    this.classes = new Int32Array(size);
    this.targets = new Int32Array(size);
    for (const [state, cls, target] of edges) if (children[state] > 1) this.set(state, cls, target);
  }

  private slot(state: number, cls: number): number {
    return ((Math.imul(state, 0x9e3779b1) ^ Math.imul(cls, 0x85ebca6b)) >>> 0) & this.mask;
  }

  private set(state: number, cls: number, target: number): void {
    let i = this.slot(state, cls);
    while (this.states[i] !== -1) i = (i + 1) & this.mask;
    this.states[i] = state;
    this.classes[i] = cls;
    this.targets[i] = target;
  }

  get(state: number, cls: number): number {
    const only = this.soleClass[state];
    if (only >= 0) return only === cls ? this.soleTarget[state] : -1;
    const { states, classes, mask } = this;
    for (let i = this.slot(state, cls); ; i = (i + 1) & mask) {
      const st = states[i];
      if (st === state && classes[i] === cls) return this.targets[i];
      if (st === -1) return -1;
    }
  }
}
