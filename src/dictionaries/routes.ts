// HTTP for the 智能校对 dictionaries: 本区单位 (units), 领导人姓名职务 (leaders), 自定义词库 (lexicon). Reading: admin,
// e-gov center, inspector; every change: admin (org/policy/dictionaries.ts). Schemas give the shape; the rules and
// their zh-CN messages naming the field are model.ts's, so the CLI or a script gets the same answers.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { FORMULATION_RULES, SERIES } from '../checks/index.ts';
import { SEVERITIES, LEXICON_CATEGORIES } from './model.ts';
import * as dict from './service.ts';
import type { Actor } from '../org/model.ts';
import { OkDto } from '../org/dto.ts';
import { canEditDictionaries, canViewDictionaries } from '../org/policy/dictionaries.ts';
import { assertAllowed, isAllowed } from '../org/policy/verdict.ts';
import { actorOf } from '../org/request-context.ts';

const text = z.string().max(200);
const texts = z.array(text).max(50);
const UnitBody = z.object({ name: text, shortNames: texts.optional() });
const LeaderBody = z.object({ name: text, titles: texts, unitId: z.string().max(64).nullish() });
const WordBody = z.object({
  word: text,
  category: z.enum(LEXICON_CATEGORIES),
  severity: z.enum(SEVERITIES),
  note: z.string().max(500).nullish(),
});

export const DictUnitDto = z.object({ id: z.string(), name: z.string(), shortNames: z.array(z.string()) });
export const DictLeaderDto = z.object({
  id: z.string(),
  name: z.string(),
  titles: z.array(z.string()),
  unitId: z.string().nullable(),
});
export const LexiconWordDto = z.object({
  id: z.string(),
  word: z.string(),
  category: z.enum(LEXICON_CATEGORIES),
  severity: z.enum(SEVERITIES),
  note: z.string().nullable(),
});
const DictionariesDto = z.object({
  units: z.array(DictUnitDto),
  leaders: z.array(DictLeaderDto),
  lexicon: z.array(LexiconWordDto),
  version: z.number(),
  abilities: z.object({ canEdit: z.boolean() }),
  /** Shipped with the software (src/checks/data), read-only here: 规范表述 and 固定提法 with source and date. */
  builtin: z.object({
    formulations: z.array(
      z.object({
        wrong: z.string(),
        right: z.string(),
        kind: z.string(),
        severity: z.enum(SEVERITIES),
        source: z.string(),
        date: z.string(),
        since: z.string().optional(),
      }),
    ),
    series: z.array(z.object({ label: z.string(), items: z.array(z.string()), source: z.string(), date: z.string() })),
  }),
});

const BUILTIN = {
  formulations: FORMULATION_RULES.map(({ wrong, right, kind, severity, source, date, since }) => ({
    wrong,
    right,
    kind,
    severity,
    source,
    date,
    ...(since ? { since } : {}),
  })),
  series: SERIES.filter((s) => !s.until).map(({ label, items, source, date }) => ({ label, items, source, date })),
};

/** One dictionary's four write/read routes; the entries go out through `dto`, which strips anything else. */
interface KindRoutes<B extends z.ZodObject> {
  path: string;
  summary: string; // 本区单位
  body: B;
  dto: z.ZodObject;
  list(d: dict.Dictionaries): object[];
  add(deps: Deps, actor: Actor, input: z.infer<B>): Promise<object>;
  edit(deps: Deps, actor: Actor, id: string, input: Partial<z.infer<B>>): Promise<object>;
  remove(deps: Deps, actor: Actor, id: string): Promise<unknown>;
}

// The entries are plain objects of exactly the DTO's fields (model.ts); only their static type is wider.
type Entry = z.infer<z.ZodObject>;

const IdParams = z.object({ id: z.uuid() });

export const dictionaryRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/dictionaries',
    {
      schema: {
        response: { 200: DictionariesDto },
        tags: ['dictionaries'],
        summary: '智能校对词典：本区单位、领导人姓名职务、自定义词库',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAllowed(canViewDictionaries(actor));
      const [lists, version] = await Promise.all([dict.listDictionaries(deps.db), dict.dictionaryVersion(deps.db)]);
      return { ...lists, version, abilities: { canEdit: isAllowed(canEditDictionaries(actor)) }, builtin: BUILTIN };
    },
  );

  function register<B extends z.ZodObject>(k: KindRoutes<B>) {
    const base = `/api/dictionaries/${k.path}`;
    const tags = ['dictionaries'];
    app.get(base, { schema: { response: { 200: z.array(k.dto) }, tags, summary: `${k.summary}词典` } }, async (req) => {
      assertAllowed(canViewDictionaries(actorOf(req)));
      return k.list(await dict.listDictionaries(deps.db)) as Entry[];
    });
    app.post(
      base,
      { schema: { body: k.body, response: { 201: k.dto }, tags, summary: `新增${k.summary}（管理员）` } },
      async (req, reply) => reply.code(201).send((await k.add(deps, actorOf(req), req.body as z.infer<B>)) as Entry),
    );
    app.patch(
      `${base}/:id`,
      {
        schema: {
          params: IdParams,
          body: k.body.partial(),
          response: { 200: k.dto },
          tags,
          summary: `修改${k.summary}（管理员）`,
        },
      },
      async (req) => (await k.edit(deps, actorOf(req), req.params.id, req.body as Partial<z.infer<B>>)) as Entry,
    );
    app.delete(
      `${base}/:id`,
      { schema: { params: IdParams, response: { 200: OkDto }, tags, summary: `删除${k.summary}（管理员）` } },
      async (req) => {
        await k.remove(deps, actorOf(req), req.params.id);
        return { ok: true as const };
      },
    );
  }

  register({
    path: 'units',
    summary: '本区单位',
    body: UnitBody,
    dto: DictUnitDto,
    list: (d) => d.units,
    add: dict.addUnit,
    edit: dict.editUnit,
    remove: dict.removeUnit,
  });
  register({
    path: 'leaders',
    summary: '领导人姓名职务',
    body: LeaderBody,
    dto: DictLeaderDto,
    list: (d) => d.leaders,
    add: dict.addLeader,
    edit: dict.editLeader,
    remove: dict.removeLeader,
  });
  register({
    path: 'lexicon',
    summary: '自定义词库词语',
    body: WordBody,
    dto: LexiconWordDto,
    list: (d) => d.lexicon,
    add: dict.addWord,
    edit: dict.editWord,
    remove: dict.removeWord,
  });
};
