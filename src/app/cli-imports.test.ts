// `gongkai --help` and `gongkai check` start fast because the command line's static imports reach only commander,
// Node's own modules and light files of ours: every command imports its heavy modules (the server, the databases,
// the monitors, the 智能校对 engine) when it runs. This follows the static imports from src/app/cli.ts and fails on
// any other package, naming the chain of files that brings it in. The server's start is held to the same rule for
// the packages only some requests need.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
// `import x from '…'`, `import { a, type B } from '…'`, `import '…'`, `export … from '…'`;
// not `import type`, not import().
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\bfrom\s+)?['"]([^'"]+)['"]/gm;
const ALLOWED = (spec: string) => spec === 'commander' || spec.startsWith('node:');

/** Every package reached by static imports from `entry`, with the chain of our files that reaches it. */
function staticPackages(entry: string): Map<string, string[]> {
  const via = new Map<string, string | null>([[entry, null]]);
  const packages = new Map<string, string[]>();
  const chain = (file: string) => {
    const files: string[] = [];
    for (let f: string | null | undefined = file; f; f = via.get(f)) files.unshift(path.relative(ROOT, f));
    return files;
  };
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (!spec.startsWith('.')) {
        if (!packages.has(spec)) packages.set(spec, chain(file));
        continue;
      }
      const target = path.resolve(path.dirname(file), spec);
      if (!via.has(target)) {
        via.set(target, file);
        queue.push(target);
      }
    }
  }
  return packages;
}

test('命令行启动时只静态加载 commander 和 Node 内置模块，其余在命令执行时加载', () => {
  const found = staticPackages(path.join(ROOT, 'src', 'app', 'cli.ts'));
  assert.ok(found.has('commander'), '应能沿静态导入找到 commander');
  const heavy = [...found].filter(([spec]) => !ALLOWED(spec)).map(([spec, files]) => `${spec}（${files.join(' → ')}）`);
  assert.deepEqual(heavy, []);
});

// What `gongkai serve` loads before it listens (src/app/commands/serve.ts): these packages load on first use instead —
// exceljs alone was a quarter of the CPU time from start to the first answer of /api/health.
const SERVER_ENTRIES = [
  'app/server.ts',
  'app/runtime.ts',
  'app/web-build.ts',
  'org/demo.ts',
  'oversight/checkpoints.ts',
];
const LOADED_ON_USE = [
  'exceljs',
  'pdfkit',
  'mammoth',
  'jszip',
  'sanitize-html',
  'nodemailer',
  'cheerio',
  'undici',
  'pg-boss',
  'tar',
  'age-encryption',
];

test('服务启动到开始监听之前不静态加载 exceljs、pdfkit 等只在使用时才需要的包', () => {
  const eager: string[] = [];
  for (const entry of SERVER_ENTRIES) {
    for (const [spec, files] of staticPackages(path.join(ROOT, 'src', entry))) {
      if (LOADED_ON_USE.includes(spec.split('/')[0])) eager.push(`${spec}（${files.join(' → ')}）`);
    }
  }
  assert.deepEqual([...new Set(eager)], []);
});

test('识别静态导入：值导入和 export … from 计入，import type 与动态 import() 不计入', () => {
  const text = [
    "import { a, type B } from 'pkg-a';",
    "import type { C } from 'pkg-b';",
    "import 'pkg-c';",
    "export { d } from 'pkg-d';",
    "export type { E } from 'pkg-e';",
    "const f = await import('pkg-f');",
    "import {\n  g,\n  h,\n} from 'pkg-g';",
  ].join('\n');
  assert.deepEqual(
    [...text.matchAll(STATIC_IMPORT)].map((m) => m[1]),
    ['pkg-a', 'pkg-c', 'pkg-d', 'pkg-g'],
  );
});
