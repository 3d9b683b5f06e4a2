// Fails on any source line longer than 120 characters, naming file:line. Biome wraps code but leaves long string
// literals, comments and JSX text as they are; this catches those. A character is a JS string unit (line.length),
// so a Chinese character counts as one. Usage: node scripts/line-length.mjs [folder…]
import fs from 'node:fs';
import path from 'node:path';

const MAX = 120;
const ROOT = path.resolve(import.meta.dirname, '..');
const FOLDERS = ['src', 'web/src', 'test', 'bench', 'scripts'];
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|css|json)$/;
const SKIP = new Set(['node_modules', 'dist']);
// JSON has no string concatenation: a line holding one property whose string value is itself too long may stay.
const JSON_SINGLE_STRING = /^\s*"[^"]*":\s*"(?:[^"\\]|\\.)*",?$/;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (SOURCE.test(entry.name)) yield full;
  }
}

const folders = process.argv.length > 2 ? process.argv.slice(2) : FOLDERS;
const long = [];
for (const folder of folders) {
  const dir = path.resolve(ROOT, folder);
  if (!fs.existsSync(dir)) continue;
  for (const file of files(dir)) {
    const json = file.endsWith('.json');
    fs.readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .forEach((line, i) => {
        if (line.length <= MAX || (json && JSON_SINGLE_STRING.test(line))) return;
        long.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.length} characters`);
      });
  }
}
if (long.length > 0) {
  console.error(long.join('\n'));
  console.error(
    `${long.length} line(s) over ${MAX} characters: split long strings into concatenated pieces, re-wrap comments.`,
  );
  process.exit(1);
}
console.log(`line length: no line over ${MAX} characters in ${folders.join(', ')}`);
