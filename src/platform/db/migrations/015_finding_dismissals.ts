// 智能校对 dismissals as DOMAIN.md §2.5 states them: a serious or error finding is dismissed by a reviewer at level 2 or
// above; the author and the 一审 reviewer only *propose* it (status 'proposed'), and it counts once the 二审 reviewer
// (or a higher level) accepts. Columns on revision_findings, owned by src/publish (findings-model.ts):
// - proposed_by / proposed_as / proposal_reason / proposed_at: the pending or accepted proposal ('author' | 'level1');
// - resolved_as: the standing of whoever dismissed or accepted ('author' | 'level1'…'level4'; null before this);
// - rejected_by / rejection_reason / rejected_at: the last proposal the reviewer refused (the finding is open again).
// Serious and error findings that the author or the 一审 reviewer dismissed on a revision still in the chain become
// proposals, so that 二审 or a higher level decides them. Items already approved or published keep their history.
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';

const COLUMNS = [
  'proposed_by',
  'proposed_as',
  'proposal_reason',
  'proposed_at',
  'resolved_as',
  'rejected_by',
  'rejection_reason',
  'rejected_at',
] as const;
const IN_CHAIN = ['draft', 'returned', 'level1', 'level2', 'secrecy', 'referred', 'level3', 'level4'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of COLUMNS) {
    await db.schema
      .alterTable('revision_findings')
      .addColumn(column, 'text', (c) =>
        column === 'proposed_by' || column === 'rejected_by' ? c.references('users.id') : c,
      )
      .execute();
  }
  await proposeEarlierDismissals(db);
}

/** Serious and error dismissals by the author or at 一审, on a revision still in the chain, become proposals. */
export async function proposeEarlierDismissals(db: Kysely<any>): Promise<void> {
  const author = (eb: ExpressionBuilder<any, any>) =>
    eb.selectFrom('items').select('items.author_id').whereRef('items.id', '=', 'revision_findings.item_id');
  await db
    .updateTable('revision_findings')
    .set((eb) => ({
      status: 'proposed',
      proposed_by: eb.ref('resolved_by'),
      proposal_reason: eb.ref('reason'),
      proposed_at: eb.ref('resolved_at'),
      proposed_as: eb.case().when('resolved_by', '=', author(eb)).then('author').else('level1').end(),
      resolved_by: null,
      reason: null,
      resolved_at: null,
    }))
    .where('status', '=', 'dismissed')
    .where('severity', 'in', ['serious', 'error'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('items')
          .select(sql.lit(1).as('one'))
          .whereRef('items.id', '=', 'revision_findings.item_id')
          .whereRef('items.current_revision', '=', 'revision_findings.revision')
          .where('items.stage', 'in', IN_CHAIN),
      ),
    )
    // Only the author (while drafting) and the reviewer at the waiting level could dismiss: whoever it was is the
    // author, or did 一审 of this revision, or dismissed while the item still waits at 一审.
    .where((eb) =>
      eb.or([
        eb('resolved_by', '=', author(eb)),
        eb.exists(
          eb
            .selectFrom('review_steps')
            .select(sql.lit(1).as('one'))
            .whereRef('review_steps.item_id', '=', 'revision_findings.item_id')
            .whereRef('review_steps.revision', '=', 'revision_findings.revision')
            .where('review_steps.level', '=', 1)
            .whereRef('review_steps.reviewer_id', '=', 'revision_findings.resolved_by'),
        ),
        eb.exists(
          eb
            .selectFrom('items')
            .select(sql.lit(1).as('one'))
            .whereRef('items.id', '=', 'revision_findings.item_id')
            .where('items.stage', '=', 'level1'),
        ),
      ]),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('revision_findings')
    .set((eb) => ({
      status: 'dismissed',
      resolved_by: eb.ref('proposed_by'),
      reason: eb.ref('proposal_reason'),
      resolved_at: eb.ref('proposed_at'),
    }))
    .where('status', '=', 'proposed')
    .execute();
  for (const column of [...COLUMNS].reverse())
    await db.schema.alterTable('revision_findings').dropColumn(column).execute();
}
