import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import model from './data/typo-model.json' with { type: 'json' };
import { buildTypoTables, findTypos, HashTable, type Tables, type TypoModel } from './typo.ts';
import { decodeTables, encodeTables } from './typo-tables-file.ts';

const GAZETTE = fs.readFileSync(new URL('../../test/fixtures/qijiang-gazette-2022-11.txt', import.meta.url), 'utf8');

test('错别字表写入文件再读回：每一部分逐字节相同，查出的错别字相同', () => {
  const built = buildTypoTables(model as TypoModel);
  const file = encodeTables(built);
  // A file read into a Buffer may start anywhere in a shared pool: the reader copies what is not aligned.
  const shifted = Buffer.alloc(file.length + 1).subarray(1);
  file.copy(shifted);
  for (const bytes of [file, shifted]) {
    const back = decodeTables<Tables>(bytes, HashTable.restore);
    assert.deepEqual(Object.keys(back).sort(), Object.keys(built).sort());
    for (const [name, value] of Object.entries(built)) {
      const other = (back as unknown as Record<string, unknown>)[name];
      if (value instanceof HashTable) assert.deepEqual((other as HashTable).state(), value.state(), name);
      else assert.deepEqual(other, value, name);
    }
    const text = `${GAZETTE.slice(0, 20_000)}各单位要认真部暑，及时申清，抓好落食。`;
    assert.deepEqual(findTypos(text, back), findTypos(text, built));
    assert.ok(findTypos(text, back).length >= 3);
  }
});
