// 值班日历订阅: an .ics feed of a person's shifts or a unit's roster. Calendar apps fetch it without a cookie, so the
// address carries an unguessable token (32 random bytes), stored only as its SHA-256; a new token replaces the old
// one and any token can be revoked. Only published rosters appear.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canManageFeed } from '../org/policy/duty.ts';
import { listUnits } from '../org/service.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { newToken, tokenId } from '../platform/auth/token.ts';
import { notFound } from '../platform/errors.ts';
import { peopleOf, record, roleIn, unitFacts } from './context.ts';
import { buildIcs, type FeedEvent } from './ics.ts';
import type { Shift } from './model.ts';
import * as store from './store.ts';
import * as log from './store-log.ts';

const DAY_MS = 86400000;
/** A feed shows the past month and the next half year. */
export const FEED_PAST_DAYS = 31;
export const FEED_AHEAD_DAYS = 183;

export const feedPath = (token: string) => `/api/duty/feeds/${token}.ics`;

export interface NewFeed extends log.FeedToken {
  token: string; // shown once
  path: string;
}

export async function createFeedToken(
  deps: Deps,
  actor: Actor,
  input: { kind: 'user' | 'unit'; unitId?: string },
): Promise<NewFeed> {
  const owner = { kind: input.kind, ownerId: input.kind === 'user' ? actor.id : (input.unitId ?? '') };
  return deps.db.transaction().execute(async (tx) => {
    if (owner.kind === 'unit') await unitFacts(tx, owner.ownerId);
    assertAllowed(canManageFeed(actor, owner));
    const now = deps.clock.now();
    const replaced = await log.revokeFeedTokens(tx, now.toISOString(), owner);
    const token = newToken();
    const feed: log.FeedToken = {
      id: randomUUID(),
      ...owner,
      createdBy: actor.id,
      createdAt: now.toISOString(),
      revokedAt: null,
    };
    await log.insertFeedToken(tx, feed, tokenId(token));
    const unitId = owner.kind === 'unit' ? owner.ownerId : null;
    await record(
      tx,
      actor,
      roleIn(actor, unitId),
      unitId,
      'duty.feed_create',
      `duty-feed:${feed.id}`,
      { kind: owner.kind, ownerId: owner.ownerId, replaced },
      now,
    );
    return { ...feed, token, path: feedPath(token) };
  });
}

/** The actor's own feed and the feeds of the units whose roster they keep (never the tokens themselves). */
/** My own feed and those of every unit whose feeds I may manage (the admin: every unit's), so each can be stopped. */
export async function listFeedTokens(deps: Deps, actor: Actor): Promise<log.FeedToken[]> {
  const units = (await listUnits(deps.db))
    .map((u) => ({ kind: 'unit' as const, ownerId: u.id }))
    .filter((f) => canManageFeed(actor, f).allowed);
  return log.listFeedTokens(deps.db, [{ kind: 'user', ownerId: actor.id }, ...units]);
}

export async function revokeFeedToken(deps: Deps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const feed = await log.getFeedToken(tx, id);
    if (!feed || feed.revokedAt) throw notFound('日历订阅');
    assertAllowed(canManageFeed(actor, feed));
    const unitId = feed.kind === 'unit' ? feed.ownerId : null;
    await log.revokeFeedTokens(tx, deps.clock.now().toISOString(), { id });
    await record(
      tx,
      actor,
      roleIn(actor, unitId),
      unitId,
      'duty.feed_revoke',
      `duty-feed:${id}`,
      { kind: feed.kind, ownerId: feed.ownerId },
      deps.clock.now(),
    );
  });
}

/** The .ics text for a token, or 404 for an unknown or revoked one (the same answer, so tokens cannot be probed). */
export async function renderFeed(deps: Deps, token: string): Promise<string> {
  const feed = await log.feedByHash(deps.db, tokenId(token));
  if (!feed) throw notFound('日历订阅');
  const now = deps.clock.now().getTime();
  const range = {
    from: new Date(now - FEED_PAST_DAYS * DAY_MS).toISOString(),
    to: new Date(now + FEED_AHEAD_DAYS * DAY_MS).toISOString(),
  };
  const shifts = await store.findShifts(deps.db, {
    ...range,
    ...(feed.kind === 'user' ? { userIds: [feed.ownerId] } : { unitIds: [feed.ownerId] }),
  });
  const unitNames = new Map<string, string>();
  for (const u of new Set(shifts.map((s) => s.unitId).concat(feed.kind === 'unit' ? [feed.ownerId] : [])))
    unitNames.set(u, (await unitFacts(deps.db, u)).name);
  const people = await peopleOf(deps.db, [
    ...shifts.flatMap((s) => [...s.officerIds, ...(s.leaderId ? [s.leaderId] : [])]),
    ...(feed.kind === 'user' ? [feed.ownerId] : []),
  ]);
  const name = (id: string) => people.get(id)?.name ?? '';
  const contact = (id: string) => `${name(id)}${people.get(id)?.phone ? ` ${people.get(id)!.phone}` : ''}`;
  const events: FeedEvent[] = shifts.map((s: Shift) => {
    const unit = unitNames.get(s.unitId) ?? '';
    const who = s.officerIds.map(name).join('、') || '（未安排）';
    const summary =
      feed.kind === 'user'
        ? `${s.leaderId === feed.ownerId ? '带班' : '值班'}：${s.name}（${unit}）`
        : `${s.name}：${who}${s.leaderId ? `（带班：${name(s.leaderId)}）` : ''}`;
    const description = [
      `单位：${unit}`,
      `班次：${s.name}`,
      `值班人员：${s.officerIds.map(contact).join('；') || '（未安排）'}`,
      `带班领导：${s.leaderId ? contact(s.leaderId) : '无'}`,
    ].join('\n');
    return { id: s.id, summary, description, startsAt: s.startsAt, endsAt: s.endsAt, version: s.version };
  });
  const title = feed.kind === 'user' ? `${name(feed.ownerId)}的值班安排` : `${unitNames.get(feed.ownerId) ?? ''}值班表`;
  return buildIcs(title, events, new Date(now));
}
