// What the 质疑申请 routes take as queries and send out: zod schemas, which also feed OpenAPI.
import { z } from 'zod';

const limit = z.coerce.number().int().min(1).max(200).default(50);
const offset = z.coerce.number().int().min(0).max(100_000).default(0);
export const ListQuery = z.object({
  unitId: z.uuid().optional(),
  state: z.enum(['open', 'answered']).optional(),
  limit,
  offset,
});
export const OverdueQuery = z.object({ unitId: z.uuid().optional(), limit, offset });

/** What the citizen gets back: the number to quote, who answers, and by when. */
export const OpenedDto = z.object({
  caseNo: z.string().describe('案件编号，查询和答复时引用'),
  unitName: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  dueProvisional: z.boolean().describe('暂定：期限跨入尚未导入节假日安排的年份，按周一至周五推算，导入后自动重算'),
});

export const PublicUnitDto = z.object({ id: z.string(), name: z.string(), fullName: z.string() });

export const ChallengeDto = z.object({
  id: z.string(),
  caseNo: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  itemId: z.string().nullable(),
  subject: z.string().nullable(),
  question: z.string(),
  asker: z.object({
    name: z.string(),
    org: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  state: z.enum(['open', 'answered']),
  receivedAt: z.string(),
  receivedOn: z.string(),
  firstDueOn: z.string(),
  dueOn: z.string(),
  dueProvisional: z.boolean(),
  overdue: z.boolean(),
  workingDaysLeft: z.number().nullable(),
  late: z.boolean(),
  extension: z.object({ at: z.string(), by: z.string(), days: z.number(), reason: z.string() }).nullable(),
  extensionByName: z.string().nullable(),
  answer: z.object({ at: z.string(), by: z.string(), basis: z.string(), reason: z.string() }).nullable(),
  answerByName: z.string().nullable(),
  abilities: z.object({ canExtend: z.boolean(), canAnswer: z.boolean() }),
});

export const ChallengePageDto = z.object({ items: z.array(ChallengeDto), total: z.number() });
