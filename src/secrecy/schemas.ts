// The 保密审查 API's request and response shapes (zod), which also feed the OpenAPI document. Business checks (and
// the 400s naming a missing field) are in model.ts, so the schemas here only bound sizes and types.
import { z } from 'zod';
import { STAGES } from '../org/policy/chain.ts';
import { DECLASSIFICATIONS, LIMITS, OPINIONS, SECRECY_FINDING_STATUSES, STEPS } from './model.ts';

const Id = z.string().trim().min(1).max(64);
const Revision = z.int().positive();

export const ItemParams = z.object({ id: Id });

const SpanIn = z.object({ start: z.int().min(0), end: z.int().min(0) });
const opinionFields = {
  opinion: z.enum(OPINIONS).optional(),
  basisIds: z.array(z.string().max(40)).max(LIMITS.bases).default([]),
  basisText: z.string().max(LIMITS.basisText).default(''),
  reason: z.string().max(LIMITS.reason).default(''),
};

export const OpinionBody = z.object({
  revision: Revision,
  ...opinionFields,
  spans: z.array(SpanIn).max(LIMITS.spans).optional(),
  referral: z
    .object({
      authority: z.string().max(LIMITS.authority).optional(),
      referenceNo: z.string().max(LIMITS.referenceNo).optional(),
    })
    .optional(),
});

export const ResumeBody = z.object({
  revision: Revision,
  answer: z.string().max(LIMITS.answer).default(''),
  answerRef: z.string().max(LIMITS.referenceNo).optional(),
  decision: z.object({ ...opinionFields, spans: z.array(SpanIn).max(LIMITS.spans).optional() }).optional(),
});

export const ReturnBody = z.object({ revision: Revision, reason: z.string().max(LIMITS.reason).default('') });
export const ConsentBody = z.object({
  revision: Revision,
  unitId: Id.optional(),
  note: z.string().max(500).optional(),
});
export const ConsentForm = z.object({
  revision: z.coerce.number().int().positive(),
  unitId: Id,
  note: z.string().max(500).optional(),
});

export const BasesDto = z.array(
  z.object({ id: z.string(), law: z.string(), article: z.string(), summary: z.string() }),
);

const Span = z.object({ start: z.number(), end: z.number() });
export const RecordDto = z.object({
  itemId: z.string(),
  title: z.string(),
  unitId: z.string(),
  stage: z.enum(STAGES),
  revision: z.number(),
  opinions: z.array(
    z.object({
      id: z.string(),
      itemId: z.string(),
      revision: z.number(),
      step: z.enum(STEPS),
      kind: z.enum(['opinion', 'return', 'resume']),
      actorId: z.string(),
      actorName: z.string(),
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
  receipts: z.array(
    z.object({
      id: z.string(),
      itemId: z.string(),
      revision: z.number(),
      unitId: z.string(),
      state: z.enum(['open', 'answered', 'referred', 'resumed', 'closed']),
      receivedOn: z.string(),
      dueOn: z.string(),
      dueProvisional: z.boolean().describe('暂定：期限跨入尚未导入节假日安排的年份，按周一至周五推算，导入后自动重算'),
      authority: z.string().nullable(),
      referenceNo: z.string().nullable(),
      referredAt: z.string().nullable(),
      answer: z.string().nullable(),
      answerRef: z.string().nullable(),
      answeredAt: z.string().nullable(),
      createdAt: z.string(),
      reminders: z.array(z.object({ kind: z.string(), sentAt: z.string() })),
    }),
  ),
  redaction: z
    .object({
      revision: z.number(),
      spans: z.array(Span),
      originalText: z.string(),
      redactedText: z.string(),
      createdAt: z.string(),
    })
    .nullable(),
  findings: z.array(
    z.object({
      id: z.string(),
      itemId: z.string(),
      revision: z.number(),
      rule: z.string(),
      category: z.string(),
      severity: z.string(),
      start: z.number(),
      end: z.number(),
      text: z.string(),
      message: z.string(),
      status: z.enum(SECRECY_FINDING_STATUSES),
      resolvedBy: z.string().nullable(),
      reason: z.string().nullable(),
      resolvedAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  coIssuers: z.array(z.object({ unitId: z.string(), name: z.string(), consented: z.boolean() })),
  consents: z.array(
    z.object({
      id: z.string(),
      itemId: z.string(),
      revision: z.number(),
      unitId: z.string(),
      kind: z.enum(['document', 'approval']),
      actorId: z.string(),
      actorName: z.string(),
      note: z.string(),
      fileName: z.string().nullable(),
      fileSha256: z.string().nullable(),
      fileSize: z.number().nullable(),
      createdAt: z.string(),
    }),
  ),
  blockers: z.array(z.string()),
  abilities: z.object({
    canGiveOpinion: z.boolean(),
    canResume: z.boolean(),
    canDismissFindings: z.boolean(),
    canConsent: z.boolean(),
    canFileConsent: z.boolean(),
  }),
});

const QueueEntry = z.object({
  itemId: z.string(),
  title: z.string(),
  stage: z.enum(STAGES),
  revision: z.number(),
  unitId: z.string(),
  receivedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  dueProvisional: z.boolean(),
});
export const QueueDto = z.object({ review: z.array(QueueEntry), consent: z.array(QueueEntry) });
