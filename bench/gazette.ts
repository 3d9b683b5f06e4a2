// `npm run bench:gazette [-- --docs 10000 --queries 300]`: (1) typesetting a gazette issue of more than 60 pages
// (the seed's 2022年第11期 plus three of its documents again in a fourth section) — cover, 目录 with page numbers
// written back, documents, colophon, headers —
// side by side with a baseline in the same run: the same paragraphs poured into pdfkit with the same embedded font
// and nothing else (no 目录, no headers, no second pass). Each figure is the median of RUNS runs. (2) The online
// edition's full-text search over `--docs` documents generated from the seed's paragraphs (each a title and 12–40
// paragraphs of the six 公文 in a changing order, in 10 issues), on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm
// GIN): the query the edition runs (store.search, migration 033), for substrings of 2 to 8 characters taken from the
// text and for the filters alone; p50/p95 over `--queries` queries each.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { demoIssue } from '../src/gazette/demo.ts';
import { documentText } from '../src/gazette/html.ts';
import { issuersOf } from '../src/gazette/parse.ts';
import * as store from '../src/gazette/store.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { sql } from 'kysely';
import pino from 'pino';
import { PORTS } from '../src/app/ports.ts';
import { loadDemo } from '../src/org/demo.ts';
import { systemClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Deps } from '../src/platform/deps.ts';
import { openBenchDb } from './seed.ts';
import { machineLine, percentile } from './stats.ts';
import { typesetIssue, type TypesetIssue } from '../src/gazette/typeset.ts';
import { cjkFonts } from '../src/platform/documents/cjk-fonts.ts';

const RUNS = 3;

function sixtyPages(): TypesetIssue {
  const issue = demoIssue();
  const again = issue.sections.flatMap((s) => s.documents).slice(1, 4);
  return { ...issue, sections: [...issue.sections, { name: '部门文件（续）', documents: again }] };
}

async function baseline(issue: TypesetIssue): Promise<number> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 71 });
  doc.registerFont('body', cjkFonts().regular);
  doc.font('body').fontSize(11);
  const done = new Promise<number>((resolve) => {
    let bytes = 0;
    doc.on('data', (c: Buffer) => {
      bytes += c.length;
    });
    doc.on('end', () => resolve(bytes));
  });
  for (const s of issue.sections) {
    for (const d of s.documents) {
      doc.text(d.title);
      for (const p of [...d.body.map((b) => b.text), ...d.attachments.flatMap((a) => a.paragraphs)]) doc.text(p);
    }
  }
  doc.end();
  return done;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    runs.push(performance.now() - t0);
  }
  return median(runs) / 1000;
}

const issue = sixtyPages();
await typesetIssue(issue); // warm-up: pdfkit, fontkit and the font files load once
const { pages } = await typesetIssue(issue);
const gazette = await time(() => typesetIssue(issue));
const plain = await time(() => baseline(issue));
console.log(`排版一期 ${pages} 页：${gazette.toFixed(2)} 秒，${(pages / gazette).toFixed(1)} 页/秒`);
console.log(`基线（同样的段落和字体直接写入 pdfkit）：${plain.toFixed(2)} 秒；比值 ${(gazette / plain).toFixed(2)}`);

// ---- (2) search ----
const { values: args } = parseArgs({
  options: { docs: { type: 'string', default: '10000' }, queries: { type: 'string', default: '300' } },
});
const DOCS = Number(args.docs);
const QUERIES = Number(args.queries);
const seedDocs = issue.sections.flatMap((s) => s.documents).slice(0, 6);
const paragraphs = seedDocs.flatMap((d) => d.body.map((b) => b.text)).filter((p) => p.length >= 8);

/** A small deterministic generator (the same documents and queries on both databases). */
function rng(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

async function searchBench(engine: string): Promise<void> {
  const opened = await openBenchDb(engine);
  const db = opened.db;
  try {
    await migrateToLatest(db, opened.schema);
    const deps: Deps = {
      db,
      engine: opened.engine,
      clock: systemClock,
      config: loadConfig({ GONGKAI_DEMO: '0', LOG_LEVEL: 'silent' }),
      log: pino({ level: 'silent' }),
      ports: PORTS,
    };
    await loadDemo(deps); // the 公报室 (username gazette) who creates the issues
    const office = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'gazette')
      .executeTakeFirstOrThrow();
    const pick = rng(7);
    const issueIds: string[] = [];
    const t0 = performance.now();
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < 10; i++) {
        const id = randomUUID();
        issueIds.push(id);
        const fields = { year: 2013 + i, number: 1, totalNumber: 100 + i, publishDate: `${2013 + i}-01-10` };
        await store.insertIssue(
          tx,
          { ...fields, forewordTitle: null, foreword: null, sections: ['部门文件'], id },
          office.id,
          new Date(),
        );
      }
      for (let n = 0; n < DOCS; n++) {
        const model = seedDocs[pick(seedDocs.length)];
        const body = Array.from({ length: 12 + pick(29) }, () => ({
          level: 0 as const,
          text: paragraphs[pick(paragraphs.length)],
        }));
        const doc = { ...model, title: `${paragraphs[pick(paragraphs.length)].slice(0, 24)}的通知（${n}）`, body };
        await store.indexEntry(tx, {
          entry_id: randomUUID(),
          issue_id: issueIds[n % 10],
          year: 2013 + (n % 10),
          issuers: issuersOf(doc).join('、'),
          doc_number: (model.docNumber ?? '').replace(/\d+号$/, `${n}号`),
          title: doc.title,
          content: documentText(doc),
        });
      }
    });
    const loadS = (performance.now() - t0) / 1000;
    // What autovacuum does soon after a bulk load: without statistics PostgreSQL reads the whole table for any phrase.
    if (opened.engine === 'postgres') await sql`analyze gazette_search`.execute(db);
    const q = rng(11);
    const samples: number[] = [];
    let hits = 0;
    for (let i = 0; i < QUERIES; i++) {
      const p = paragraphs[q(paragraphs.length)];
      const len = 2 + q(7);
      const start = q(Math.max(1, p.length - len));
      const filter = i % 4;
      const f = {
        issueIds,
        text: filter === 3 ? null : p.slice(start, start + len),
        year: filter === 1 || filter === 3 ? 2013 + q(10) : null,
        issuer: filter === 2 ? '綦江区' : null,
        docNumber: filter === 3 ? `${q(DOCS)}号` : null,
      };
      const t = performance.now();
      hits += (await store.search(db, opened.engine, f, 50)).length;
      samples.push(performance.now() - t);
    }
    console.log(
      `检索 ${DOCS} 篇（${engine === 'postgres' ? 'PostgreSQL pg_trgm GIN' : 'SQLite FTS5 trigram'}；`
        + `写入 ${loadS.toFixed(1)} 秒）：`
        + `${QUERIES} 次查询 p50 ${percentile(samples, 0.5).toFixed(1)} 毫秒，p95 ${percentile(samples, 0.95).toFixed(1)} 毫秒，`
        + `最大 ${Math.max(...samples).toFixed(1)} 毫秒（平均每次 ${(hits / QUERIES).toFixed(1)} 条，上限 50）`,
    );
  } finally {
    await opened.close();
  }
}

await searchBench('sqlite');
await searchBench('postgres');
console.log(
  `${machineLine()}；负载 ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
