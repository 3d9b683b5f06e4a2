// The test files run from JavaScript: `npm test` first transpiles src/ and test/ into .test-build/ (git-ignored), a
// mirror of the repository, and runs each file there with plain `node --test`. Through tsx every test process paid
// about 1 s of CPU for its loader (the hooks see each of the ~1,000 modules a server test imports); compiled, none.
//
// The mirror keeps every relative path a test relies on: .test-build/src and .test-build/test hold a copy of every
// file (the .ts sources too, for tests that read or spawn them) and next to each x.ts its x.js, transpiled by
// esbuild — the transpiler tsx itself uses, so the code runs as it does under tsx — with relative `.ts` imports
// pointing at `.js`; every other top-level entry (package.json, README.md, docs, web, dist, node_modules…) is a
// symbolic link to the repository's own. Incremental: only files whose size or time changed are copied and
// transpiled again, and files deleted from src/ or test/ leave the mirror.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const VERSION = 1; // bump when the output of this script changes for the same sources
const TREES = ['src', 'test'];

/** esbuild as tsx ships it (tsx is a dependency; esbuild is tsx's). */
function loadEsbuild(root) {
  const fromTsx = createRequire(createRequire(path.join(root, 'package.json')).resolve('tsx'));
  return fromTsx('esbuild');
}

function walk(dir, rel, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const r = path.join(rel, e.name);
    if (e.isDirectory()) walk(path.join(dir, e.name), r, out);
    else if (e.isFile()) out.push(r);
  }
  return out;
}

// esbuild prints every import and export with double quotes: `from "./x.ts"`, `import "./x.ts"`, `import("./x.ts")`.
const RELATIVE_TS = /(\b(?:from|import)\s*\(?\s*)"(\.{1,2}\/[^"\n]*?)\.ts"/g;

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/**
 * Brings `<root>/.test-build` up to date; returns its path and what was done. Safe to run from two runners at once
 * (every write is a rename of a complete file).
 */
export async function buildTests(root) {
  const out = path.join(root, '.test-build');
  fs.mkdirSync(out, { recursive: true });
  const esbuild = loadEsbuild(root);
  const manifestFile = path.join(out, '.manifest.json');
  const key = `${VERSION} esbuild ${esbuild.version} node ${process.versions.node}`;
  let manifest = {};
  try {
    const read = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    if (read.key === key) manifest = read.files;
  } catch {
    /* first build */
  }

  // Top-level entries other than the mirrored trees: links to the repository's.
  fs.mkdirSync(path.join(root, 'test-artifacts'), { recursive: true }); // screenshots land in the repository's
  for (const name of fs.readdirSync(root)) {
    if (TREES.includes(name) || name === '.git' || name === '.test-build') continue;
    const link = path.join(out, name);
    if (fs.existsSync(link)) continue;
    fs.rmSync(link, { force: true }); // a dangling link
    try {
      fs.symlinkSync(path.relative(out, path.join(root, name)), link);
    } catch (e) {
      if (e.code !== 'EEXIST') throw e; // made meanwhile by a runner started at the same time
    }
  }

  const sources = TREES.flatMap((t) => walk(path.join(root, t), t, []));
  const files = {};
  const wanted = new Set();
  const toCompile = [];
  let copied = 0;
  for (const rel of sources) {
    const from = path.join(root, rel);
    const st = fs.statSync(from);
    const stamp = `${st.size}:${st.mtimeMs}`;
    files[rel] = stamp;
    wanted.add(rel);
    const isTs = rel.endsWith('.ts') && !rel.endsWith('.d.ts');
    const js = `${rel.slice(0, -3)}.js`;
    if (isTs) wanted.add(js);
    if (manifest[rel] === stamp && fs.existsSync(path.join(out, rel)) && (!isTs || fs.existsSync(path.join(out, js))))
      continue;
    fs.mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    writeAtomically(path.join(out, rel), fs.readFileSync(from));
    copied += 1;
    if (isTs) toCompile.push(rel);
  }
  await Promise.all(
    toCompile.map(async (rel) => {
      const from = path.join(root, rel);
      const result = await esbuild.transform(fs.readFileSync(from, 'utf8'), {
        loader: 'ts',
        format: 'esm',
        target: `node${process.versions.node}`,
        sourcemap: 'inline',
        sourcefile: from, // stack traces name the repository's .ts file and line
        tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
      });
      writeAtomically(path.join(out, `${rel.slice(0, -3)}.js`), result.code.replace(RELATIVE_TS, '$1"$2.js"'));
    }),
  );

  // Files deleted or renamed in the repository leave the mirror.
  let removed = 0;
  for (const t of TREES) {
    if (!fs.existsSync(path.join(out, t))) continue;
    for (const rel of walk(path.join(out, t), t, [])) {
      if (wanted.has(rel) || rel.endsWith('.tmp')) continue;
      fs.rmSync(path.join(out, rel), { force: true });
      removed += 1;
    }
  }
  writeAtomically(manifestFile, JSON.stringify({ key, files }));
  return { dir: out, copied, compiled: toCompile.length, removed };
}

// `node scripts/test-build.mjs`: build the mirror alone (the runner calls buildTests itself).
if (import.meta.filename === path.resolve(process.argv[1] ?? '')) {
  const root = path.resolve(import.meta.dirname, '..');
  const r = await buildTests(root);
  console.log(`${path.relative(root, r.dir)}：复制 ${r.copied} 个文件，编译 ${r.compiled} 个，删除 ${r.removed} 个`);
}
