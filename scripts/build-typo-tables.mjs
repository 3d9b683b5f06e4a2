// Run by scripts/build.mjs after tsc: writes the typo detector's tables into dist/ (src/checks/typo-tables-file.ts),
// so that `gongkai check` and the server read them instead of building them at every start.
import fs from 'node:fs';
import { buildTypoTables } from '../dist/checks/typo.js';
import { encodeTables, TABLES_FILE } from '../dist/checks/typo-tables-file.js';
import model from '../dist/checks/data/typo-model.json' with { type: 'json' };

fs.writeFileSync(TABLES_FILE, encodeTables(buildTypoTables(model)));
