// `node .test-build/test/support/demo-hashes.js FILE` (or through tsx), run once by `npm test` (scripts/test.mjs):
// writes to FILE, as JSON, one argon2 hash of the demo password per demo account, each with its own salt. testdb.ts
// hands them to loadDemo (presetDemoPasswordHashes), so the test files that load the demo do not each spend ~3 s of
// CPU hashing.
import fs from 'node:fs';
import { hashPassword } from '../../src/platform/auth/password.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/org/demo-data.ts';

const file = process.argv[2];
if (!file) throw new Error('用法：demo-hashes.ts 输出文件');
const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
fs.writeFileSync(`${file}.tmp`, JSON.stringify(hashes));
fs.renameSync(`${file}.tmp`, file);
