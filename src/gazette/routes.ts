// HTTP for the 政府公报: issues (公报室 writes, 督查 reads too), placing and ordering published 公文, and reading a
// .docx into its GB/T 9704 elements. org/policy/gazette.ts decides; the service checks and writes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../org/request-context.ts';
import { canEditGazette } from '../org/policy/gazette.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import type { Deps } from '../platform/deps.ts';
import { readUpload } from '../platform/http/upload.ts';
import { contentDisposition } from '../publish/attachments-model.ts';
import * as gazette from './service.ts';

const nullableText = z.string().nullable();
export const OfficialDocumentDto = z.object({
  copyNumber: nullableText,
  classification: nullableText,
  urgency: nullableText,
  issuerMark: z.string(),
  docNumber: nullableText,
  signers: z.array(z.string()),
  title: z.string(),
  addressee: nullableText,
  body: z.array(z.object({ level: z.number().int(), text: z.string() })),
  attachmentNote: z.array(z.string()),
  signature: nullableText,
  date: nullableText,
  dateIso: nullableText,
  notes: z.array(z.string()),
  attachments: z.array(z.object({ title: z.string(), paragraphs: z.array(z.string()) })),
  cc: nullableText,
  printer: nullableText,
  printDate: nullableText,
  printDateIso: nullableText,
  indexNumber: nullableText.optional(),
});
const FindingDto = z.object({
  rule: z.string(),
  severity: z.string(),
  message: z.string(),
  suggestion: z.string(),
  text: z.string(),
  line: z.number(),
  column: z.number(),
});
const ImportedDto = z.object({ document: OfficialDocumentDto, formatFindings: z.array(FindingDto) });
const EntryDto = z.object({
  id: z.string(),
  itemId: nullableText,
  revision: z.number(),
  section: z.string(),
  position: z.number(),
  title: z.string(),
  docNumber: nullableText,
  issuers: z.array(z.string()),
  docDate: nullableText,
  document: OfficialDocumentDto,
  source: z.enum(gazette.ENTRY_SOURCES),
  sourceFile: nullableText,
  importedBy: nullableText,
});
const fields = {
  id: z.string(),
  status: z.enum(gazette.ISSUE_STATUSES),
  itemId: nullableText,
  publishedAt: nullableText,
  label: z.string(),
  year: z.number(),
  number: z.number(),
  totalNumber: z.number(),
  publishDate: z.string(),
  forewordTitle: nullableText,
  foreword: nullableText,
  sections: z.array(z.string()),
};
const IssueDto = z.object({ ...fields, entries: z.array(EntryDto) });
const IssueSummaryDto = z.object({ ...fields, entries: z.number() });
const IssueBody = z.object({
  year: z.number().int(),
  number: z.number().int(),
  totalNumber: z.number().int(),
  publishDate: z.string().max(10),
  forewordTitle: z.string().max(200).nullish(),
  foreword: z.string().max(40000).nullish(),
  sections: z.array(z.string().max(100)).max(30).optional(),
});
const IdParams = z.object({ id: z.uuid() });
const PaperQs = z.object({ paper: z.enum(['A4', '16K']).default('A4') });
const EditableDocument = OfficialDocumentDto.extend({
  copyNumber: z.string().max(20).nullable(),
  classification: z.string().max(50).nullable(),
  urgency: z.string().max(20).nullable(),
  issuerMark: z.string().max(200),
  docNumber: z.string().max(100).nullable(),
  signers: z.array(z.string().max(50)).max(20),
  title: z.string().max(500),
  addressee: z.string().max(2000).nullable(),
  body: z.array(z.object({ level: z.literal([0, 1, 2, 3, 4]), text: z.string().max(20000) })).max(2000),
  attachmentNote: z.array(z.string().max(500)).max(100),
  signature: z.string().max(500).nullable(),
  date: z.string().max(50).nullable(),
  notes: z.array(z.string().max(2000)).max(20),
  attachments: z
    .array(z.object({ title: z.string().max(500), paragraphs: z.array(z.string().max(20000)).max(2000) }))
    .max(50),
  cc: z.string().max(2000).nullable(),
  printer: z.string().max(200).nullable(),
  printDate: z.string().max(50).nullable(),
  indexNumber: z.string().max(100).nullish(),
});
const tags = ['gazette'];
const SettingsBody = z.object({
  masthead: z.string().max(200),
  siteTitle: z.string().max(200),
  supervisor: z.string().max(200),
  sponsor: z.string().max(200),
  publisher: z.string().max(200),
  address: z.string().max(300),
  postcode: z.string().max(50),
  phone: z.string().max(100),
});
const SettingsDto = SettingsBody.extend({ updatedAt: nullableText, canEdit: z.boolean() });

export const gazetteRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/gazette/issues',
    { schema: { response: { 200: z.array(IssueSummaryDto) }, tags, summary: '政府公报各期（公报室、督查）' } },
    async (req) => gazette.listIssues(deps, actorOf(req)),
  );
  app.post(
    '/api/gazette/issues',
    { schema: { body: IssueBody, response: { 201: IssueDto }, tags, summary: '新建一期公报（公报室）' } },
    async (req, reply) => reply.code(201).send(await gazette.createIssue(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/gazette/issues/:id',
    { schema: { params: IdParams, response: { 200: IssueDto }, tags, summary: '一期公报及其目录' } },
    async (req) => gazette.getIssue(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/gazette/issues/:id/entries',
    {
      schema: {
        params: IdParams,
        body: z.object({ itemId: z.uuid(), section: z.string().max(100) }),
        response: { 200: IssueDto },
        tags,
        summary: '把已发布的公文编入本期某栏目末尾（公报室）',
      },
    },
    async (req) => gazette.addEntry(deps, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/gazette/issues/:id/entries/docx',
    {
      schema: {
        params: IdParams,
        response: { 200: z.object({ issue: IssueDto, formatFindings: z.array(FindingDto) }) },
        tags,
        summary: '把 Word 公文（.docx，表单字段 section 为栏目）读入并编入本期某栏目末尾（公报室）；涉密公文拒绝',
      },
    },
    async (req) => {
      assertAllowed(canEditGazette(actorOf(req)));
      const { file, fields } = await readUpload(req, z.object({ section: z.string().min(1).max(100) }));
      return gazette.addWordEntry(deps, actorOf(req), req.params.id, { section: fields.section, file });
    },
  );
  app.put(
    '/api/gazette/issues/:id/order',
    {
      schema: {
        params: IdParams,
        body: z.object({
          entries: z.array(z.object({ id: z.uuid(), section: z.string().max(100) })).max(500),
        }),
        response: { 200: IssueDto },
        tags,
        summary: '调整本期公文的栏目和顺序（公报室）',
      },
    },
    async (req) => gazette.orderEntries(deps, actorOf(req), req.params.id, req.body.entries),
  );
  app.delete(
    '/api/gazette/issues/:id/entries/:entryId',
    {
      schema: {
        params: z.object({ id: z.uuid(), entryId: z.uuid() }),
        response: { 200: IssueDto },
        tags,
        summary: '从本期移除一篇公文（公报室）',
      },
    },
    async (req) => gazette.removeEntry(deps, actorOf(req), req.params.id, req.params.entryId),
  );
  app.put(
    '/api/gazette/issues/:id/entries/:entryId',
    {
      schema: {
        params: z.object({ id: z.uuid(), entryId: z.uuid() }),
        body: EditableDocument,
        response: { 200: z.object({ issue: IssueDto, formatFindings: z.array(FindingDto) }) },
        tags,
        summary: '修改本期一篇公文的 GB/T 9704 要素（公报室）；返回公文格式问题',
      },
    },
    async (req) =>
      gazette.editEntry(deps, actorOf(req), req.params.id, req.params.entryId, {
        ...req.body,
        dateIso: null,
        printDateIso: null,
      }),
  );
  app.get(
    '/api/gazette/issues/:id/toc',
    {
      schema: {
        params: IdParams,
        querystring: PaperQs,
        response: {
          200: z.object({
            pages: z.number(),
            toc: z.array(z.object({ section: z.string(), title: z.string(), page: z.number() })),
          }),
        },
        tags,
        summary: '按排版结果计算的目录页码（公报室、督查）',
      },
    },
    async (req) => {
      const { pages, toc } = await gazette.typesetDraft(deps, actorOf(req), req.params.id, req.query.paper);
      return { pages, toc };
    },
  );
  app.get(
    '/api/gazette/issues/:id/pdf',
    { schema: { params: IdParams, querystring: PaperQs, tags, summary: '本期公报 PDF，A4 或 16开（公报室、督查）' } },
    async (req, reply) => {
      const actor = actorOf(req);
      const { pdf } = await gazette.typesetDraft(deps, actor, req.params.id, req.query.paper);
      const { label } = await gazette.getIssue(deps, actor, req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(`政府公报${label}-${req.query.paper}.pdf`))
        .send(pdf);
    },
  );
  app.get(
    '/api/gazette/issues/:id/html',
    { schema: { params: IdParams, tags, summary: '本期公报 HTML 版（公报室、督查）' } },
    async (req, reply) => {
      const { label, html } = await gazette.draftHtml(deps, actorOf(req), req.params.id);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-disposition', contentDisposition(`政府公报${label}.html`))
        .send(html);
    },
  );
  app.post(
    '/api/gazette/issues/:id/submit',
    {
      schema: {
        params: IdParams,
        body: z.object({
          sectionId: z.uuid().optional(),
          channels: z
            .array(z.object({ channelId: z.uuid(), columnId: z.uuid().nullish() }))
            .min(1)
            .max(20)
            .optional(),
        }),
        response: { 200: IssueDto },
        tags,
        summary: '把本期公报报送三审三校（公报室）；三审通过即在网上公报发布',
      },
    },
    async (req) => gazette.submitIssue(deps, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/gazette/published',
    {
      schema: {
        querystring: z.object({ q: z.string().max(100) }),
        response: {
          200: z.array(
            z.object({ itemId: z.string(), title: z.string(), unitId: z.string(), publishedAt: nullableText }),
          ),
        },
        tags,
        summary: '按标题查找已发布的公文（公报室）',
      },
    },
    async (req) => gazette.findPublished(deps, actorOf(req), req.query.q),
  );
  app.get(
    '/api/gazette/settings',
    {
      schema: {
        response: { 200: SettingsDto },
        tags,
        summary: '刊名、网上公报名称和版权页（公报室、督查、系统管理员）',
      },
    },
    async (req) => gazette.getSettings(deps, actorOf(req)),
  );
  app.put(
    '/api/gazette/settings',
    {
      schema: {
        body: SettingsBody,
        response: { 200: SettingsDto },
        tags,
        summary: '修改刊名、网上公报名称和版权页（公报室、系统管理员）',
      },
    },
    async (req) => gazette.updateSettings(deps, actorOf(req), req.body),
  );
  app.post(
    '/api/gazette/import',
    { schema: { response: { 200: ImportedDto }, tags, summary: '读取 Word 公文的 GB/T 9704 要素（公报室）' } },
    async (req) => {
      assertAllowed(canEditGazette(actorOf(req)));
      const { file } = await readUpload(req, z.object({}));
      return gazette.importOfficialDocx(file.buffer);
    },
  );
};
