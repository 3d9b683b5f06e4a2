// One findings table (issue 12): the 密级标志 / 个人信息 findings the secrecy step kept in secrecy_findings join their
// twins in revision_findings (same item, revision, rule and span), owned by src/publish (findings-model.ts).
// - kind: who may dismiss the finding — 'proofreading' (二审 and above, DOMAIN.md §2.5) or 'secrecy' (the 保密工作机构 at
//   its step, 保密审查制度 第七条); the former status 'secrecy' becomes kind 'secrecy', status 'open'.
// - Each secrecy_findings row gives its twin its status (open | dismissed | redacted | fixed | superseded), resolver,
//   reason and time, and its id: the ledger's secrecy.finding_dismiss and secrecy.redact entries name that id.
// - A secrecy finding without a twin (a revision not checked by publish) is inserted, its line and column computed.
import type { Kysely } from 'kysely';

const SAME = ['item_id', 'revision', 'rule', 'start_at', 'end_at'] as const;

/** 1-based line and column of a UTF-16 offset, as src/checks reports them. */
function position(text: string, start: number): { line: number; col: number } {
  const before = text.slice(0, start);
  return { line: before.split('\n').length, col: start - (before.lastIndexOf('\n') + 1) + 1 };
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('revision_findings')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('proofreading'))
    .execute();
  await db
    .updateTable('revision_findings')
    .set({ kind: 'secrecy', status: 'open' })
    .where('status', '=', 'secrecy')
    .execute();
  const rows = await db.selectFrom('secrecy_findings').selectAll().orderBy('created_at').orderBy('id').execute();
  for (const s of rows) {
    let twin = db.selectFrom('revision_findings').select('id');
    for (const column of SAME) twin = twin.where(column, '=', s[column]);
    const found = await twin.executeTakeFirst();
    const resolution = {
      kind: 'secrecy',
      status: s.status,
      resolved_by: s.resolved_by,
      reason: s.reason,
      resolved_at: s.resolved_at,
    };
    if (found) {
      await db
        .updateTable('revision_findings')
        .set({ id: s.id, ...resolution })
        .where('id', '=', found.id)
        .execute();
      continue;
    }
    const body = await db
      .selectFrom('revisions')
      .select('body_text')
      .where('item_id', '=', s.item_id)
      .where('number', '=', s.revision)
      .executeTakeFirst();
    await db
      .insertInto('revision_findings')
      .values({
        id: s.id,
        item_id: s.item_id,
        revision: s.revision,
        rule: s.rule,
        category: s.category,
        severity: s.severity,
        start_at: s.start_at,
        end_at: s.end_at,
        ...position(body?.body_text ?? '', Number(s.start_at)),
        text: s.text,
        suggestion: '',
        message: s.message,
        created_at: s.created_at,
        ...resolution,
      })
      .execute();
  }
  await db.schema.dropTable('secrecy_findings').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('secrecy_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('start_at', 'integer', (c) => c.notNull())
    .addColumn('end_at', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  const columns = [
    'id',
    'item_id',
    'revision',
    'rule',
    'category',
    'severity',
    'start_at',
    'end_at',
    'text',
    'message',
    'status',
    'resolved_by',
    'reason',
    'resolved_at',
    'created_at',
  ] as const;
  await db
    .insertInto('secrecy_findings')
    .columns([...columns])
    .expression(
      db
        .selectFrom('revision_findings')
        .select([...columns])
        .where('kind', '=', 'secrecy'),
    )
    .execute();
  await db
    .updateTable('revision_findings')
    .set({ status: 'secrecy', resolved_by: null, reason: null, resolved_at: null })
    .where('kind', '=', 'secrecy')
    .execute();
  await db.schema.alterTable('revision_findings').dropColumn('kind').execute();
}
