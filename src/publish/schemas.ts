// The publish API's request and response shapes (zod), which also feed the OpenAPI document.
import { z } from 'zod';
import { DECLASSIFICATIONS, OPINIONS, STEPS } from '../secrecy/model.ts';
import { FINDING_KINDS, FINDING_STATUSES, KEPT_SEVERITIES, STANDINGS } from './findings-model.ts';
import { BODY_FORMATS, ITEM_TYPES, LIMITS, STAGES } from './model.ts';

const Id = z.string().trim().min(1).max(64);
const Level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const Revision = z.int().positive();
const When = z.iso.datetime({ offset: true });

export const ItemParams = z.object({ id: Id });

const ChannelPick = z.object({ channelId: Id, columnId: Id.nullish() });
const Channels = z.array(ChannelPick).min(1).max(20);

const itemFields = {
  title: z.string().trim().min(1).max(LIMITS.title),
  sectionId: Id,
  channels: Channels,
  itemType: z.enum(ITEM_TYPES),
  source: z.string().max(LIMITS.source).nullish(),
  major: z.boolean().default(false), // 重大事项
};
const CoIssuers = z.array(Id).max(20); // 多机关共同形成 (保密审查制度 第九条)
const TypedBody = z.object({ format: z.enum(['text', 'html']), content: z.string().max(LIMITS.body) });

export const DraftBody = z.object({
  ...itemFields,
  unitId: Id.optional(),
  body: TypedBody,
  publishAt: When.nullish(),
  coIssuerUnitIds: CoIssuers.optional(),
});
// PUT replaces the particulars: an omitted publishAt clears it, an omitted coIssuerUnitIds too.
export const EditBody = z.object({
  ...itemFields,
  body: TypedBody,
  revision: Revision,
  publishAt: When.nullable().default(null),
  coIssuerUnitIds: CoIssuers.default([]),
});
export const SubmitBody = z.object({ revision: Revision });

// 保密审查制度 第八条(一)(二)、第十一条、第十二条: levels 1 and 2 state their disclosure opinion; checked in src/secrecy/model.ts,
// which names the missing field.
export const Disclosure = z.object({
  opinion: z.enum(OPINIONS).optional(),
  basisIds: z.array(z.string().max(40)).max(20).optional(),
  basisText: z.string().max(500).optional(),
  reason: z.string().max(2000).optional(),
  secrecyMatter: z.boolean().optional(),
  declassified: z.boolean().optional(),
  declassification: z.enum(DECLASSIFICATIONS).nullish(),
});

const reviewFields = {
  level: Level,
  revision: Revision,
  opinion: z.string().trim().min(1).max(LIMITS.opinion),
  proofreading: z.string().max(LIMITS.proofreading).default(''), // 校对
  disclosure: Disclosure.optional(),
};
export const ApproveBody = z.object({ ...reviewFields, standardsAttested: z.boolean() });
export const ReturnBody = z.object({ ...reviewFields, standardsAttested: z.boolean().optional() });

export const ListQuery = z.object({
  mine: z.enum(['0', '1']).optional(),
  stage: z.enum(STAGES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export const QueueQuery = ListQuery.pick({ limit: true, cursor: true });

// multipart/form-data fields arrive as strings: channels is JSON, major is 'true'/'false'.
const FormBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const FormJson = z
  .string()
  .max(10_000)
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: '须为 JSON' });
      return z.NEVER;
    }
  });
export const ImportDraftForm = z.object({
  title: itemFields.title.optional(),
  unitId: Id.optional(),
  sectionId: Id,
  channels: FormJson.pipe(Channels),
  itemType: z.enum(ITEM_TYPES).default('original'),
  source: itemFields.source,
  major: FormBool.default(false),
  publishAt: When.optional(),
  coIssuerUnitIds: FormJson.pipe(CoIssuers).optional(),
});
export const ImportRevisionForm = z.object({
  revision: z.coerce.number().int().positive(),
  title: itemFields.title.optional(),
});

const Abilities = z.object({
  canApprove: z.boolean(),
  canReturn: z.boolean(),
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
});
// 智能校对 findings of the current revision still open; serious and error block submitting and approving.
const OpenFindings = z.object({ serious: z.number(), error: z.number(), warning: z.number() });

export const ItemSummaryDto = z.object({
  id: z.string(),
  unitId: z.string(),
  sectionId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  title: z.string(),
  itemType: z.enum(ITEM_TYPES),
  source: z.string().nullable(),
  major: z.boolean(),
  stage: z.enum(STAGES),
  awaitingLevel: Level.nullable(),
  revision: z.number(),
  version: z.number(),
  publishAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: Abilities,
  openFindings: OpenFindings,
  proposedFindings: z.number(),
});

export const ItemDetailDto = ItemSummaryDto.extend({
  channels: z.array(z.object({ channelId: z.string(), columnId: z.string().nullable() })),
  body: z.object({ format: z.enum(BODY_FORMATS), html: z.string(), text: z.string() }),
});

export const PageDto = z.object({ items: z.array(ItemSummaryDto), nextCursor: z.string().nullable() });

const Person = z.object({ id: z.string(), name: z.string() });

// 附件: revisionAdded is the first revision with the file, revisionRemoved the first without it (null: still there).
export const AttachmentDto = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  revisionAdded: z.number(),
  revisionRemoved: z.number().nullable(),
  createdBy: Person,
  createdAt: z.string(),
  removedBy: Person.nullable(),
  removedAt: z.string().nullable(),
});
export const HistoryDto = z.object({
  itemId: z.string(),
  revisions: z.array(
    z.object({
      number: z.number(),
      title: z.string(),
      format: z.enum(BODY_FORMATS),
      createdBy: Person,
      createdAt: z.string(),
      diff: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })),
    }),
  ),
  steps: z.array(
    z.object({
      id: z.string(),
      revision: z.number(),
      level: Level,
      reviewer: Person,
      role: z.string(),
      decision: z.enum(['approve', 'return']),
      opinion: z.string(),
      proofreading: z.string(),
      standardsAttested: z.boolean(),
      createdAt: z.string(),
    }),
  ),
  disclosure: z.array(
    z.object({
      id: z.string(),
      revision: z.number(),
      step: z.enum(STEPS),
      kind: z.enum(['opinion', 'return', 'resume']),
      actor: Person,
      role: z.string(),
      opinion: z.enum(OPINIONS).nullable(),
      basisIds: z.array(z.string()),
      basisText: z.string(),
      reason: z.string(),
      secrecyMatter: z.boolean().nullable(),
      declassification: z.enum(DECLASSIFICATIONS).nullable(),
      createdAt: z.string(),
    }),
  ),
  publications: z.array(
    z.object({
      channelId: z.string(),
      columnId: z.string().nullable(),
      revision: z.number(),
      publishedAt: z.string(),
      text: z.enum(['full', 'redacted']),
      liveUrl: z.string().nullable().optional(),
    }),
  ),
  attachments: z.array(AttachmentDto),
});

export const PublishedBodyDto = z.object({
  itemId: z.string(),
  revision: z.number(),
  text: z.enum(['full', 'redacted']),
  html: z.string(),
  bodyText: z.string(),
  publishedAt: z.string(),
});

export const RunDueDto = z.object({ published: z.array(z.string()) });

export const FindingsQuery = z.object({ revision: z.coerce.number().int().positive().optional() });
export const FindingParams = z.object({ id: Id, findingId: Id });
export const LiveUrlBody = z.object({
  channelId: z.string({ error: '请选择发布渠道' }).min(1, '请选择发布渠道').max(100),
  url: z.string({ error: '请填写发布网址' }).min(1, '请填写发布网址').max(2000, '发布网址不能超过 2000 个字符'),
});
export const LiveUrlDto = z.object({ channelId: z.string(), url: z.string() });
// 2–500 characters once trimmed, checked by the model
export const DismissBody = z.object({ reason: z.string().max(5000) });
export const RejectBody = DismissBody;
const Standing = z.enum(STANDINGS);
export const FindingsDto = z.object({
  itemId: z.string(),
  revision: z.number(),
  current: z.boolean(),
  canDismiss: z.boolean(),
  decides: z.boolean(),
  findings: z.array(
    z.object({
      id: z.string(),
      rule: z.string(),
      category: z.string(),
      severity: z.enum(KEPT_SEVERITIES),
      start: z.number(),
      end: z.number(),
      line: z.number(),
      column: z.number(),
      text: z.string(),
      suggestion: z.string(),
      message: z.string(),
      status: z.enum(FINDING_STATUSES),
      reason: z.string().nullable(),
      resolvedBy: Person.nullable(),
      resolvedAs: Standing.nullable(),
      resolvedAt: z.string().nullable(),
      proposedBy: Person.nullable(),
      proposedAs: Standing.nullable(),
      proposalReason: z.string().nullable(),
      proposedAt: z.string().nullable(),
      rejectedBy: Person.nullable(),
      rejectionReason: z.string().nullable(),
      rejectedAt: z.string().nullable(),
      canDecide: z.boolean(),
      kind: z.enum(FINDING_KINDS),
      dismisser: z.enum(['reviewer', 'secrecyOffice']),
      canDismiss: z.boolean(),
    }),
  ),
});

export const AttachmentParams = z.object({ id: Id, attId: Id });
export const AttachmentsDto = z.object({
  itemId: z.string(),
  attachments: z.array(AttachmentDto),
  canChange: z.boolean(),
});
