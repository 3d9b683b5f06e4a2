// `/api/meta/labels`: the Chinese names of every state, level, role and option, straight from the models, so
// the browser UI never keeps a second copy that could drift from the server's rules.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Category, SEVERITY_NAME } from '../checks/model.ts';
import { CHANNEL_KIND_NAME, COLUMN_KINDS, ROLE_NAME, type UNIT_KINDS } from '../org/model.ts';
import { ITEM_TYPE_NAME, LEVEL_NAME, STAGE_NAME } from '../publish/model.ts';
import { DECLASSIFICATION_NAME, OPINION_NAME, PLACEHOLDER, STEP_NAME } from '../secrecy/model.ts';
import { WATCH_LABELS } from '../watch/names.ts';
import { ANSWER_NAME } from '../decisions/consultation.ts';
import { OPINION_NAME as LEGALITY_OPINION_NAME, STEP_NAME as DECISION_STEP_NAME } from '../decisions/model.ts';

const UNIT_KIND_NAME: Record<(typeof UNIT_KINDS)[number], string> = {
  office: '办公室',
  department: '部门',
  town: '镇街',
  other: '其他',
};

const CATEGORY_NAME: Record<Category, string> = {
  pii: '个人信息',
  secrecy: '密级标志',
  expression: '严重表述错误',
  misspelling: '错别字',
  duplicate: '重复字词',
  format: '公文格式',
  punctuation: '标点',
  formulation: '规范表述',
  usage: '用词',
  consistency: '全文一致',
  banned: '禁用词',
  sensitive: '敏感词',
  advertising: '广告用语',
};

const Names = z.record(z.string(), z.string());
const LabelsDto = z.object({
  stage: Names,
  level: Names,
  itemType: Names,
  role: Names,
  channelKind: Names,
  unitKind: Names,
  opinion: Names,
  declassification: Names,
  step: Names,
  severity: Names,
  category: Names,
  placeholder: z.string(),
  columnKinds: z.array(z.string()),
  watch: z.object({
    monitor: Names,
    incidentState: Names,
    step: Names,
    level: Names,
    vetoLine: Names,
    rule: Names,
    detail: Names,
    siteKind: Names,
    platform: Names,
    webhookKind: Names,
    deliveryChannel: Names,
    deliveryState: Names,
    columnKinds: z.array(z.string()),
  }),
  /** 重大行政决策: the procedure's steps in the 条例's order, the 合法性审查 opinions, the answers to comments. */
  decisions: z.object({ step: Names, opinion: Names, answer: Names }),
});

export const metaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meta/labels',
    {
      schema: {
        response: { 200: LabelsDto },
        tags: ['system'],
        summary: '界面所用的中文名称（状态、审核级别、角色、意见种类…）',
      },
    },
    async () => ({
      stage: STAGE_NAME,
      level: LEVEL_NAME,
      itemType: ITEM_TYPE_NAME,
      role: ROLE_NAME,
      channelKind: CHANNEL_KIND_NAME,
      unitKind: UNIT_KIND_NAME,
      opinion: OPINION_NAME,
      declassification: DECLASSIFICATION_NAME,
      step: STEP_NAME,
      severity: SEVERITY_NAME,
      category: CATEGORY_NAME,
      placeholder: PLACEHOLDER,
      columnKinds: [...COLUMN_KINDS],
      watch: WATCH_LABELS,
      decisions: { step: DECISION_STEP_NAME, opinion: LEGALITY_OPINION_NAME, answer: ANSWER_NAME },
    }),
  );
};
