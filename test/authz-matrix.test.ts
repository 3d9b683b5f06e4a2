// 权限矩阵：every API route × every role → allowed or denied, checked over HTTP against the policies in
// src/org/policy. A route missing from this table fails the test, so a new route cannot ship unreviewed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before } from 'node:test';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { buildServer } from '../src/app/server.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/org/demo.ts';
import { openChallenge } from '../src/secrecy/challenge-service.ts';
import { buildDutyMatrix, type DutyMatrix } from './support/duty-matrix.ts';
import { buildWatchMatrix, type WatchMatrix } from './support/watch-matrix.ts';
import { mailedPassword } from './support/mailbox.ts';
import { createTestDeps, type TestDeps } from './support/testdb.ts';
import calendar2026 from '../src/platform/calendar/data/2026.json' with { type: 'json' };
import { notifyUsers } from '../src/platform/notify/service.ts';
import { submitComment } from '../src/decisions/consultation.ts';
import { loadDecisionsDemo } from '../src/decisions/demo.ts';
import { DEFAULT_SETTINGS } from '../src/gazette/model.ts';
import { test } from './support/shard.ts';

// The three administrators (三员分立): sysadmin 系统管理员, secadmin 安全管理员, auditor 审计管理员; gazette 公报室. kjj.pending: a 区科技局
// account the 安全管理员 asked 工作人员 for, not yet confirmed by the 主要领导 — it must be refused whatever 工作人员 may do.
const ACTORS = [
  'anonymous',
  'kjj.staff',
  'kjj.section',
  'kjj.leader',
  'kjj.principal',
  'kjj.secrecy',
  'kjj.duty',
  'kjj.dutyleader',
  'fgw.staff',
  'fgw.section',
  'fgw.leader',
  'egov',
  'inspector',
  'sysadmin',
  'secadmin',
  'auditor',
  'gazette',
  'kjj.pending',
] as const;
// Only on the rows that mark `decisionActors`: the 区政府办公室 keeping the district's 目录 (its 工作人员 and 分管领导)
// and the 区司法局's 合法性审查机构 (src/decisions/demo.ts adds it).
const DECISION_ACTORS = ['ban.staff', 'ban.leader', 'sfj.legal'] as const;
type ActorName = (typeof ACTORS)[number] | (typeof DECISION_ACTORS)[number];
const LOGGED_IN = ACTORS.filter((a) => a !== 'anonymous');
const notice2026 = {
  format: 'notice',
  content: fs.readFileSync(new URL('../src/platform/calendar/testdata/notice-2026.txt', import.meta.url), 'utf8'),
};
const KJJ_VIEWERS: ActorName[] = [
  'kjj.staff',
  'kjj.section',
  'kjj.leader',
  'kjj.principal',
  'kjj.secrecy',
  'egov',
  'inspector',
  'sysadmin',
  'auditor',
];

interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  multipart?: Buffer;
  fields?: Record<string, string>;
}
interface Case {
  route: string;
  allowed: readonly ActorName[];
  /** Also send it as DECISION_ACTORS. */
  decisionActors?: boolean;
  request: (as: ActorName) => Promise<Req>;
}

let deps: TestDeps;
let app: FastifyInstance;
const sessions = new Map<ActorName, { cookie: string; csrf: string }>();
let kjj: { id: string; sectionId: string; siteId: string; columnId: string; wechatId: string };
let fgwId: string;
let counter = 0;

async function call(as: ActorName, req: Req) {
  const s = sessions.get(as);
  const headers: Record<string, string> = s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {};
  if (req.multipart) {
    const boundary = '----gongkai-matrix';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="sectionId"\r\n\r\n${kjj.sectionId}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="channels"\r\n\r\n`
          + `${JSON.stringify([{ channelId: kjj.siteId, columnId: kjj.columnId }])}\r\n`,
      ),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="itemType"\r\n\r\noriginal\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="revision"\r\n\r\n1\r\n`),
      ...Object.entries(req.fields ?? {}).map(([k, v]) =>
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="通知.docx"\r\n`
          + 'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n',
      ),
      req.multipart,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return app.inject({
      method: req.method,
      url: req.url,
      payload: body,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  }
  // Each person from their own address: per-address limits (the public 质疑申请 form) count people, not this loop.
  const remoteAddress = `10.0.0.${[...ACTORS, ...DECISION_ACTORS].indexOf(as) + 1}`;
  return app.inject({ method: req.method, url: req.url, payload: req.payload as object, headers, remoteAddress });
}

async function ok(as: ActorName, req: Req) {
  const res = await call(as, req);
  assert.ok(res.statusCode < 300, `${as} ${req.method} ${req.url} → ${res.statusCode} ${res.body}`);
  return res.json();
}

const draftBody = (title = `矩阵测试稿件 ${++counter}`, major = false, extra: Record<string, unknown> = {}) => ({
  title,
  sectionId: kjj.sectionId,
  major,
  channels: [{ channelId: kjj.siteId, columnId: kjj.columnId }],
  itemType: 'original',
  body: { format: 'text', content: '关于开展科技活动周的通知。' },
  ...extra,
});
const DISCLOSE = { opinion: 'disclose', basisIds: ['ogi-19'], reason: '属于应主动公开的信息' };
const review = (level: number, revision = 1) => ({
  level,
  revision,
  opinion: '同意',
  proofreading: '已校对',
  standardsAttested: true,
  ...(level <= 2 && { disclosure: level === 1 ? { ...DISCLOSE, secrecyMatter: false } : DISCLOSE }),
});

/** A fresh item of 区科技局 by kjj.staff, brought to `stage` by the right people (保密审查 between 二审 and 三审). */
async function itemAt(
  stage: 'draft' | 'level1' | 'level2' | 'secrecy' | 'level3' | 'level4',
  major = false,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const { id } = await ok('kjj.staff', {
    method: 'POST',
    url: '/api/items',
    payload: draftBody(undefined, major, extra),
  });
  if (stage === 'draft') return id;
  await ok('kjj.staff', { method: 'POST', url: `/api/items/${id}/submit`, payload: { revision: 1 } });
  const by: ActorName[] = ['kjj.staff', 'kjj.section', 'kjj.leader'];
  const target = stage === 'secrecy' ? 3 : Number(stage.slice(-1));
  for (let level = 1; level < target; level++) {
    if (level === 3)
      await ok('kjj.secrecy', {
        method: 'POST',
        url: `/api/items/${id}/secrecy/opinion`,
        payload: { revision: 1, ...DISCLOSE },
      });
    await ok(by[level - 1], { method: 'POST', url: `/api/items/${id}/approve`, payload: review(level) });
  }
  if (stage !== 'secrecy' && target >= 3)
    await ok('kjj.secrecy', {
      method: 'POST',
      url: `/api/items/${id}/secrecy/opinion`,
      payload: { revision: 1, ...DISCLOSE },
    });
  return id;
}

/** An item at 二审 whose error finding kjj.staff proposed to dismiss (建议忽略) before submitting and passing 一审. */
async function proposedAtLevel2(): Promise<{ id: string; findingId: string }> {
  const id = await itemAt('draft', false, {
    body: { format: 'text', content: '要再接再励，做好科技活动周各项工作。' },
  });
  const { findings } = await ok('kjj.staff', { method: 'GET', url: `/api/items/${id}/findings` });
  await ok('kjj.staff', {
    method: 'POST',
    url: `/api/items/${id}/findings/${findings[0].id}/dismiss`,
    payload: { reason: '引用上级文件原文' },
  });
  await ok('kjj.staff', { method: 'POST', url: `/api/items/${id}/submit`, payload: { revision: 1 } });
  await ok('kjj.staff', { method: 'POST', url: `/api/items/${id}/approve`, payload: review(1) });
  return { id, findingId: findings[0].id };
}

async function referredItem(): Promise<string> {
  const id = await itemAt('secrecy');
  await ok('kjj.secrecy', {
    method: 'POST',
    url: `/api/items/${id}/secrecy/opinion`,
    payload: {
      revision: 1,
      ...DISCLOSE,
      opinion: 'refer',
      referral: { authority: '区国家保密局', referenceNo: '綦科报〔2026〕1号' },
    },
  });
  return id;
}

async function publishedItem(): Promise<string> {
  const id = await itemAt('level3');
  await ok('kjj.leader', { method: 'POST', url: `/api/items/${id}/approve`, payload: review(3) });
  return id;
}

/** A sample of 区科技局 drawn by the 督查 that holds a published item: its ledger seq and one drawn item. */
async function inspectedSample(): Promise<{ seq: number; itemId: string }> {
  await publishedItem();
  const period = { from: '2026-01-01', to: '2026-12-31', perUnit: 1, unitIds: [kjj.id] };
  const drawn = await ok('inspector', { method: 'POST', url: '/api/oversight/samples', payload: period });
  return { seq: drawn.seq, itemId: drawn.units[0].items[0].id };
}

/** A draft of kjj.staff's with one attachment (a .docx). */
async function attachedItem(): Promise<{ id: string; attId: string }> {
  const id = await itemAt('draft');
  const added = await ok('kjj.staff', {
    method: 'POST',
    url: `/api/items/${id}/attachments`,
    multipart: await minimalDocx(),
  });
  return { id, attId: added.id };
}

async function minimalDocx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?>'
      + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml"'
      + ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?>'
      + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1"'
      + ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
      + ' Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8"?>'
      + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
      + '<w:body><w:p><w:r><w:t>关于开展科技活动周的通知</w:t></w:r></w:p></w:body></w:document>',
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A notification addressed to `as` (for anonymous: to the 系统管理员, whose it then is not). */
async function notificationFor(as: ActorName): Promise<string> {
  const username = as === 'anonymous' ? 'sysadmin' : as;
  const user = await deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const [id] = await deps.db
    .transaction()
    .execute((tx) =>
      notifyUsers(
        tx,
        [user.id],
        { kind: 'matrix', title: '矩阵测试', body: '请查看', subject: 'matrix' },
        deps.clock.now(),
      ),
    );
  return id;
}

/** A fresh 区科技局 account with a pending 工作人员 request (asked by the 安全管理员): the request's id. */
const kjjRequest = async () =>
  (
    await ok('secadmin', {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `asked${++counter}`,
        displayName: '申请对象',
        unitId: kjj.id,
        email: 'asked@example.gov.cn',
        roles: [{ role: 'staff', sectionId: kjj.sectionId }],
      },
    })
  ).pendingRoles[0].id;

const unitBody = () => ({
  name: `矩阵单位${++counter}`,
  fullName: `重庆市綦江区矩阵单位${counter}`,
  kind: 'department',
});

const KJJ_HANDLERS: ActorName[] = ['kjj.leader', 'kjj.principal', 'kjj.secrecy'];
const challengeBody = () => ({
  name: '矩阵申请人',
  phone: '13800001234',
  subject: `矩阵测试事项 ${++counter}`,
  unitId: kjj.id,
  question: '为何未公开？',
});
/** A fresh, open 质疑申请 addressed to 区科技局 (opened through the service: the HTTP form is rate-limited per address). */
const kjjChallenge = async () =>
  (
    await openChallenge(deps, {
      asker: { name: '矩阵申请人', org: null, phone: '13800001234', email: null },
      subject: `矩阵测试事项 ${++counter}`,
      unitId: kjj.id,
      question: '为何未公开？',
    })
  ).id;

const DICTIONARY_READERS: ActorName[] = ['egov', 'inspector', 'sysadmin'];
const DICTIONARY_KINDS: [string, () => Record<string, unknown>][] = [
  ['units', () => ({ name: `重庆市綦江区矩阵单位${++counter}` })],
  ['leaders', () => ({ name: `矩阵${++counter}`, titles: ['区长'] })],
  ['lexicon', () => ({ word: `矩阵词${++counter}`, category: 'banned', severity: 'error' })],
];
/** A fresh dictionary entry added by the 系统管理员, for the edit and remove rows. */
const dictionaryEntry = async (kind: string, body: Record<string, unknown>) =>
  (await ok('sysadmin', { method: 'POST', url: `/api/dictionaries/${kind}`, payload: body })).id;
// kjj.pending reads 区科技局's duty as any of its people does (home unit), not by the role still awaiting confirmation.
const DUTY_VIEWERS: ActorName[] = [
  'kjj.staff',
  'kjj.section',
  'kjj.leader',
  'kjj.principal',
  'kjj.secrecy',
  'kjj.duty',
  'kjj.dutyleader',
  'egov',
  'inspector',
  'sysadmin',
  'auditor',
  'kjj.pending',
];
const ROSTER_KEEPERS: ActorName[] = ['kjj.leader', 'kjj.principal', 'kjj.dutyleader', 'sysadmin'];
const DUTY_RECORDERS: ActorName[] = ['kjj.duty', 'kjj.dutyleader'];
const EMERGENCY_DECLARERS: ActorName[] = [...ROSTER_KEEPERS, 'egov'];
let duty: DutyMatrix;
const LEDGER_READERS: ActorName[] = [
  'kjj.section',
  'kjj.leader',
  'kjj.principal',
  'fgw.section',
  'fgw.leader',
  'egov',
  'inspector',
  'auditor',
];
const KJJ_LEDGER_READERS: ActorName[] = ['kjj.section', 'kjj.leader', 'kjj.principal', 'egov', 'inspector', 'auditor'];

// 读网值班 monitoring (src/org/policy/watch.ts): the e-gov center and the 系统管理员 keep the registry; 区科技局's duty officer
// and duty leader see and handle its incidents (the inspector reads); the duty leader keeps the unit's
// contacts and robots.
let watch: WatchMatrix;
const WATCH_VIEWERS: ActorName[] = ['kjj.duty', 'kjj.dutyleader', 'egov', 'inspector', 'sysadmin', 'auditor'];
const WATCH_MANAGERS: ActorName[] = ['egov', 'sysadmin'];
const WATCH_HANDLERS: ActorName[] = ['kjj.duty', 'kjj.dutyleader', 'egov', 'sysadmin'];
const WATCH_UNIT_KEEPERS: ActorName[] = ['kjj.dutyleader', 'egov', 'sysadmin'];
const watchSite = () => ({
  unitId: watch.unitId,
  name: `矩阵网站${++counter}`,
  url: `https://x${counter}.example.gov.cn/`,
  kind: 'subsite',
});
const WATCH_CASES: Case[] = [
  {
    route: 'GET /api/watch/overview',
    allowed: WATCH_VIEWERS,
    request: async () => ({ method: 'GET', url: '/api/watch/overview' }),
  },
  {
    route: 'GET /api/watch/sites',
    allowed: WATCH_VIEWERS,
    request: async () => ({ method: 'GET', url: '/api/watch/sites' }),
  },
  {
    route: 'POST /api/watch/sites',
    allowed: WATCH_MANAGERS,
    request: async () => ({ method: 'POST', url: '/api/watch/sites', payload: watchSite() }),
  },
  {
    route: 'GET /api/watch/sites/{id}',
    allowed: WATCH_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/watch/sites/${watch.siteId}` }),
  },
  {
    // 立即检测: who manages the monitors or stands duty for the site's unit; a fresh site each time (one check at a
    // time per site). Its homepage does not resolve, so the check started in the background ends at once.
    route: 'POST /api/watch/sites/{id}/check',
    allowed: WATCH_HANDLERS,
    request: async () => ({ method: 'POST', url: `/api/watch/sites/${await watch.site()}/check` }),
  },
  {
    route: 'PATCH /api/watch/sites/{id}',
    allowed: WATCH_MANAGERS,
    request: async () => ({
      method: 'PATCH',
      url: `/api/watch/sites/${await watch.site()}`,
      payload: { name: '改名后的网站' },
    }),
  },
  {
    route: 'DELETE /api/watch/sites/{id}',
    allowed: WATCH_MANAGERS,
    request: async () => ({ method: 'DELETE', url: `/api/watch/sites/${await watch.site()}` }),
  },
  {
    route: 'PUT /api/watch/sites/{id}/thresholds',
    allowed: WATCH_MANAGERS,
    request: async () => ({
      method: 'PUT',
      url: `/api/watch/sites/${await watch.site()}/thresholds`,
      payload: { availabilityWarnPct: 2 },
    }),
  },
  {
    route: 'POST /api/watch/sites/{id}/columns',
    allowed: WATCH_MANAGERS,
    request: async () => ({
      method: 'POST',
      url: `/api/watch/sites/${watch.siteId}/columns`,
      payload: { name: `矩阵栏目${++counter}`, url: `https://kjj.example.gov.cn/n${counter}/`, kind: '动态要闻' },
    }),
  },
  {
    route: 'PATCH /api/watch/columns/{id}',
    allowed: WATCH_MANAGERS,
    request: async () => ({
      method: 'PATCH',
      url: `/api/watch/columns/${await watch.column()}`,
      payload: { clockDays: 30 },
    }),
  },
  {
    route: 'DELETE /api/watch/columns/{id}',
    allowed: WATCH_MANAGERS,
    request: async () => ({ method: 'DELETE', url: `/api/watch/columns/${await watch.column()}` }),
  },
  {
    route: 'POST /api/watch/sites/{id}/pages',
    allowed: WATCH_MANAGERS,
    request: async () => ({
      method: 'POST',
      url: `/api/watch/sites/${watch.siteId}/pages`,
      payload: { url: `https://kjj.example.gov.cn/fixed${++counter}.html`, label: '机构职能' },
    }),
  },
  {
    route: 'DELETE /api/watch/pages/{id}',
    allowed: WATCH_MANAGERS,
    request: async () => ({ method: 'DELETE', url: `/api/watch/pages/${await watch.page()}` }),
  },
  {
    route: 'GET /api/watch/accounts',
    allowed: WATCH_VIEWERS,
    request: async () => ({ method: 'GET', url: '/api/watch/accounts' }),
  },
  {
    route: 'POST /api/watch/accounts',
    allowed: WATCH_MANAGERS,
    request: async () => ({
      method: 'POST',
      url: '/api/watch/accounts',
      payload: { unitId: watch.unitId, platform: 'weibo', name: `矩阵微博${++counter}` },
    }),
  },
  {
    route: 'PATCH /api/watch/accounts/{id}',
    allowed: WATCH_MANAGERS,
    request: async () => ({
      method: 'PATCH',
      url: `/api/watch/accounts/${await watch.account()}`,
      payload: { name: '改名后的账号' },
    }),
  },
  {
    route: 'DELETE /api/watch/accounts/{id}',
    allowed: WATCH_MANAGERS,
    request: async () => ({ method: 'DELETE', url: `/api/watch/accounts/${await watch.account()}` }),
  },
  {
    route: 'PUT /api/watch/accounts/{id}/last-post',
    allowed: WATCH_HANDLERS,
    request: async () => ({
      method: 'PUT',
      url: `/api/watch/accounts/${watch.accountId}/last-post`,
      payload: { lastPostOn: '2026-02-27' },
    }),
  },
  {
    route: 'GET /api/watch/units/{unitId}/settings',
    allowed: WATCH_UNIT_KEEPERS,
    request: async () => ({ method: 'GET', url: `/api/watch/units/${watch.unitId}/settings` }),
  },
  {
    route: 'PUT /api/watch/units/{unitId}/settings',
    allowed: WATCH_UNIT_KEEPERS,
    request: async () => ({
      method: 'PUT',
      url: `/api/watch/units/${watch.unitId}/settings`,
      payload: { contactIds: [], ackMinutes: 30 },
    }),
  },
  {
    route: 'POST /api/watch/units/{unitId}/webhooks',
    allowed: WATCH_UNIT_KEEPERS,
    request: async () => ({
      method: 'POST',
      url: `/api/watch/units/${watch.unitId}/webhooks`,
      payload: {
        kind: 'dingtalk',
        name: `矩阵钉钉${++counter}`,
        url: 'https://oapi.dingtalk.com/robot/send?access_token=matrix',
      },
    }),
  },
  {
    route: 'PATCH /api/watch/webhooks/{id}',
    allowed: WATCH_UNIT_KEEPERS,
    request: async () => ({
      method: 'PATCH',
      url: `/api/watch/webhooks/${await watch.webhook()}`,
      payload: { active: false },
    }),
  },
  {
    route: 'DELETE /api/watch/webhooks/{id}',
    allowed: WATCH_UNIT_KEEPERS,
    request: async () => ({ method: 'DELETE', url: `/api/watch/webhooks/${await watch.webhook()}` }),
  },
  {
    route: 'GET /api/watch/incidents',
    allowed: WATCH_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/watch/incidents?unitId=${watch.unitId}&open=1` }),
  },
  {
    route: 'GET /api/watch/incidents/export',
    allowed: WATCH_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/watch/incidents/export?unitId=${watch.unitId}` }),
  },
  {
    route: 'GET /api/watch/incidents/{id}',
    allowed: WATCH_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/watch/incidents/${watch.incidentId}` }),
  },
  {
    route: 'POST /api/watch/incidents/{id}/handle',
    allowed: WATCH_HANDLERS,
    request: async () => ({
      method: 'POST',
      url: `/api/watch/incidents/${await watch.incident('notified')}/handle`,
      payload: { note: '已联系平台运维' },
    }),
  },
  {
    route: 'POST /api/watch/incidents/{id}/recover',
    allowed: WATCH_HANDLERS,
    request: async () => ({
      method: 'POST',
      url: `/api/watch/incidents/${await watch.incident('notified')}/recover`,
      payload: { note: '已恢复原页面' },
    }),
  },
  {
    route: 'POST /api/watch/incidents/{id}/close',
    allowed: WATCH_HANDLERS,
    request: async () => ({
      method: 'POST',
      url: `/api/watch/incidents/${await watch.incident('recovered')}/close`,
      payload: { note: '已复核' },
    }),
  },
];

// 政府公报: the 公报室 compiles issues; the 督查 reads them. Each row works on a fresh issue of its own.
const GAZETTE_READERS: ActorName[] = ['gazette', 'inspector'];
let gazettePublished: string | undefined;
const gazetteIssueBody = (c = ++counter) => {
  const year = 2000 + Math.floor(c / 99);
  return { year, number: (c % 99) + 1, totalNumber: 1000 + c, publishDate: `${year}-12-10` };
};
async function gazetteIssue(withEntry = false): Promise<{ id: string; entryId: string }> {
  const issue = await ok('gazette', { method: 'POST', url: '/api/gazette/issues', payload: gazetteIssueBody() });
  if (!withEntry) return { id: issue.id, entryId: '' };
  gazettePublished ??= await publishedItem();
  const added = await ok('gazette', {
    method: 'POST',
    url: `/api/gazette/issues/${issue.id}/entries`,
    payload: { itemId: gazettePublished, section: '区政府文件' },
  });
  return { id: issue.id, entryId: added.entries[0].id };
}
const GAZETTE_CASES: Case[] = [
  {
    route: 'GET /api/gazette/issues',
    allowed: GAZETTE_READERS,
    request: async () => ({ method: 'GET', url: '/api/gazette/issues' }),
  },
  {
    route: 'POST /api/gazette/issues',
    allowed: ['gazette'],
    request: async () => ({ method: 'POST', url: '/api/gazette/issues', payload: gazetteIssueBody() }),
  },
  {
    route: 'GET /api/gazette/issues/{id}',
    allowed: GAZETTE_READERS,
    request: async () => ({ method: 'GET', url: `/api/gazette/issues/${(await gazetteIssue()).id}` }),
  },
  {
    route: 'POST /api/gazette/issues/{id}/entries',
    allowed: ['gazette'],
    request: async () => {
      const { id } = await gazetteIssue();
      gazettePublished ??= await publishedItem();
      return {
        method: 'POST',
        url: `/api/gazette/issues/${id}/entries`,
        payload: { itemId: gazettePublished, section: '部门文件' },
      };
    },
  },
  {
    route: 'PUT /api/gazette/issues/{id}/order',
    allowed: ['gazette'],
    request: async () => {
      const { id, entryId } = await gazetteIssue(true);
      return {
        method: 'PUT',
        url: `/api/gazette/issues/${id}/order`,
        payload: { entries: [{ id: entryId, section: '部门文件' }] },
      };
    },
  },
  {
    route: 'DELETE /api/gazette/issues/{id}/entries/{entryId}',
    allowed: ['gazette'],
    request: async () => {
      const { id, entryId } = await gazetteIssue(true);
      return { method: 'DELETE', url: `/api/gazette/issues/${id}/entries/${entryId}` };
    },
  },
  {
    route: 'POST /api/gazette/issues/{id}/submit',
    allowed: ['gazette'],
    request: async () => {
      const { id } = await gazetteIssue(true);
      return { method: 'POST', url: `/api/gazette/issues/${id}/submit`, payload: {} };
    },
  },
  {
    route: 'PUT /api/gazette/issues/{id}/entries/{entryId}',
    allowed: ['gazette'],
    request: async () => {
      const { id, entryId } = await gazetteIssue(true);
      const issue = await ok('gazette', { method: 'GET', url: `/api/gazette/issues/${id}` });
      return {
        method: 'PUT',
        url: `/api/gazette/issues/${id}/entries/${entryId}`,
        payload: { ...issue.entries[0].document, indexNumber: '11500222009300383T/2022-00001' },
      };
    },
  },
  {
    route: 'GET /api/gazette/issues/{id}/toc',
    allowed: GAZETTE_READERS,
    request: async () => ({ method: 'GET', url: `/api/gazette/issues/${(await gazetteIssue()).id}/toc` }),
  },
  {
    route: 'GET /api/gazette/issues/{id}/pdf',
    allowed: GAZETTE_READERS,
    request: async () => ({ method: 'GET', url: `/api/gazette/issues/${(await gazetteIssue()).id}/pdf?paper=A4` }),
  },
  {
    route: 'GET /api/gazette/issues/{id}/html',
    allowed: GAZETTE_READERS,
    request: async () => ({ method: 'GET', url: `/api/gazette/issues/${(await gazetteIssue()).id}/html` }),
  },
  {
    route: 'GET /api/gazette/published',
    allowed: ['gazette'],
    request: async () => ({ method: 'GET', url: `/api/gazette/published?q=${encodeURIComponent('通知')}` }),
  },
  {
    route: 'POST /api/gazette/import',
    allowed: ['gazette'],
    request: async () => ({ method: 'POST', url: '/api/gazette/import', multipart: await minimalDocx() }),
  },
  {
    route: 'POST /api/gazette/issues/{id}/entries/docx',
    allowed: ['gazette'],
    request: async () => ({
      method: 'POST',
      url: `/api/gazette/issues/${(await gazetteIssue()).id}/entries/docx`,
      multipart: await minimalDocx(),
      fields: { section: '区政府文件' },
    }),
  },
  {
    route: 'GET /api/gazette/settings',
    allowed: ['gazette', 'inspector', 'sysadmin'],
    request: async () => ({ method: 'GET', url: '/api/gazette/settings' }),
  },
  {
    route: 'PUT /api/gazette/settings',
    allowed: ['gazette', 'sysadmin'],
    request: async () => ({
      method: 'PUT',
      url: '/api/gazette/settings',
      payload: DEFAULT_SETTINGS,
    }),
  },
];

// 重大行政决策: a unit keeps its own 目录 (here 区科技局's, one year per request); its staff and leaders carry the
// items through the procedure; everyone holding a role reads. Each row imports a 目录 of its own.
const KJJ_UNIT_STAFF: ActorName[] = ['kjj.staff', 'kjj.section', 'kjj.leader', 'kjj.principal'];
const DECISION_READERS = LOGGED_IN.filter((a) => a !== 'kjj.pending');
let decisionYear = 2000;
const decisionImport = () => {
  const year = ++decisionYear;
  return { unitId: kjj.id, year, text: `1\t专项规划\t綦江区科技创新专项规划\t区科技局\t${year}年6月` };
};
async function decisionCatalog(): Promise<{ id: string; itemId: string }> {
  const { id } = await ok('kjj.staff', {
    method: 'POST',
    url: '/api/decisions/catalogs/import',
    payload: decisionImport(),
  });
  const catalog = await ok('kjj.staff', { method: 'GET', url: `/api/decisions/catalogs/${id}` });
  return { id, itemId: catalog.items[0].id };
}
/** The rows below take items from a 目录 of 20 (the years a unit may import are few): a fresh item each time. */
let decisionPool: { id: string; year: number; items: { id: string; seq: number }[] } | undefined;
async function decisionItem(): Promise<{ id: string; itemId: string; seq: number; year: number }> {
  if (!decisionPool?.items.length) {
    const year = ++decisionYear;
    const text = Array.from(
      { length: 20 },
      (_, i) => `${i + 1}\t专项规划\t綦江区科技专项规划${i + 1}\t区科技局\t${year}年6月`,
    );
    const { id } = await ok('kjj.staff', {
      method: 'POST',
      url: '/api/decisions/catalogs/import',
      payload: { unitId: kjj.id, year, text: text.join('\n') },
    });
    decisionPool = {
      id,
      year,
      items: (await ok('kjj.staff', { method: 'GET', url: `/api/decisions/catalogs/${id}` })).items,
    };
  }
  const item = decisionPool.items.shift()!;
  return { id: decisionPool.id, itemId: item.id, seq: item.seq, year: decisionPool.year };
}
let decisionDraft: Promise<string> | undefined; // one published 征求意见稿 of 区科技局, shared by the rows below
/** An item of a fresh 目录 in 预公开 with one comment from the public. */
async function decisionWithComment(): Promise<{ itemId: string; commentId: string }> {
  decisionDraft ??= itemAt('level3').then(async (id) => {
    await ok('kjj.leader', { method: 'POST', url: `/api/items/${id}/approve`, payload: review(3) });
    return id;
  });
  const { itemId } = await decisionItem();
  const act = (action: object) =>
    ok('kjj.staff', { method: 'POST', url: `/api/decisions/items/${itemId}/actions`, payload: { action } });
  await act({ kind: 'complete', step: 'launch', on: '2026-03-02', outcome: '启动' });
  await act({
    kind: 'openConsultation',
    opensOn: '2026-03-02',
    closesOn: '2026-04-01',
    draftItemId: await decisionDraft,
  });
  await submitComment(deps, itemId, { text: '建议增加科技企业扶持内容' });
  const [comment] = await ok('kjj.staff', { method: 'GET', url: `/api/decisions/items/${itemId}/comments` });
  return { itemId, commentId: comment.id };
}
/** A pending proposal of kjj.staff on a fresh 区科技局 目录 (the unit keeping it: its leader and principal decide). */
async function decisionProposal(kind: 'change' | 'withdraw'): Promise<string> {
  const { id, itemId, seq, year } = await decisionItem();
  const entry = {
    seq,
    category: '专项规划',
    title: `綦江区科技专项规划${seq}`,
    leadUnit: '区科技局',
    plannedMonth: `${year}年9月`,
  };
  const body = kind === 'change' ? { kind, itemId, entry, reason: '推迟' } : { kind, itemId, reason: '不再实施' };
  return (await ok('kjj.staff', { method: 'POST', url: `/api/decisions/catalogs/${id}/proposals`, payload: body })).id;
}
/** A 目录 kept by the 区政府办公室 (ban.staff imports it once) whose item 1 the 区科技局 leads. */
let officeCatalog: Promise<{ id: string; itemId: string }> | undefined;
const officeDecision = () => {
  officeCatalog ??= (async () => {
    const units = await ok('sysadmin', { method: 'GET', url: '/api/units' });
    const office = units.find((u: { name: string }) => u.name === '区政府办公室');
    const text = '1\t专项规划\t綦江区科技创新专项规划\t区科技局\t2099年6月';
    const payload = { unitId: office.id, year: 2099, text };
    const { id } = await ok('ban.staff', { method: 'POST', url: '/api/decisions/catalogs/import', payload });
    const catalog = await ok('ban.staff', { method: 'GET', url: `/api/decisions/catalogs/${id}` });
    return { id, itemId: catalog.items[0].id };
  })();
  return officeCatalog;
};
const ALL_DECISION_READERS: ActorName[] = [...DECISION_READERS, ...DECISION_ACTORS];
const OFFICE_UNIT: ActorName[] = ['ban.staff', 'ban.leader'];
const WATCH_ALL: ActorName[] = ['sfj.legal', 'inspector'];
const DECISION_CASES: Case[] = [
  {
    route: 'GET /api/decisions/board',
    allowed: ALL_DECISION_READERS,
    decisionActors: true,
    request: async () => ({ method: 'GET', url: '/api/decisions/board?year=2099' }),
  },
  {
    route: 'GET /api/decisions/catalogs/{id}/export.xlsx',
    allowed: ALL_DECISION_READERS,
    decisionActors: true,
    request: async () => ({ method: 'GET', url: `/api/decisions/catalogs/${(await officeDecision()).id}/export.xlsx` }),
  },
  {
    route: 'GET /api/decisions/catalogs/{id}/notice.docx',
    allowed: OFFICE_UNIT,
    decisionActors: true,
    request: async () => ({ method: 'GET', url: `/api/decisions/catalogs/${(await officeDecision()).id}/notice.docx` }),
  },
  {
    route: 'POST /api/decisions/catalogs/{id}/notice-item',
    allowed: ['ban.staff'],
    decisionActors: true,
    request: async () => ({
      method: 'POST',
      url: `/api/decisions/catalogs/${(await officeDecision()).id}/notice-item`,
      payload: {},
    }),
  },
  {
    route: 'GET /api/decisions/items/{id}/records.zip',
    allowed: [...KJJ_UNIT_STAFF, ...OFFICE_UNIT, ...WATCH_ALL],
    decisionActors: true,
    request: async () => ({
      method: 'GET',
      url: `/api/decisions/items/${(await officeDecision()).itemId}/records.zip`,
    }),
  },
  {
    route: 'GET /api/decisions/catalogs/{id}/records.zip',
    allowed: [...OFFICE_UNIT, ...WATCH_ALL],
    decisionActors: true,
    request: async () => ({ method: 'GET', url: `/api/decisions/catalogs/${(await officeDecision()).id}/records.zip` }),
  },
  {
    route: 'GET /api/decisions/catalogs/{id}/proposals',
    allowed: DECISION_READERS,
    request: async () => ({ method: 'GET', url: `/api/decisions/catalogs/${(await decisionItem()).id}/proposals` }),
  },
  {
    route: 'POST /api/decisions/catalogs/{id}/proposals',
    allowed: KJJ_UNIT_STAFF,
    request: async () => {
      const { id, itemId } = await decisionItem();
      return {
        method: 'POST',
        url: `/api/decisions/catalogs/${id}/proposals`,
        payload: { kind: 'withdraw', itemId, reason: '不再实施' },
      };
    },
  },
  {
    route: 'POST /api/decisions/proposals/{id}/decision',
    allowed: ['kjj.leader', 'kjj.principal'],
    request: async () => ({
      method: 'POST',
      url: `/api/decisions/proposals/${await decisionProposal('change')}/decision`,
      payload: { approve: true },
    }),
  },
  {
    route: 'POST /api/decisions/proposals/{id}/decision (撤销)',
    allowed: ['kjj.principal'],
    request: async () => ({
      method: 'POST',
      url: `/api/decisions/proposals/${await decisionProposal('withdraw')}/decision`,
      payload: { approve: true },
    }),
  },
  {
    route: 'GET /api/decisions/catalogs/{id}/versions',
    allowed: DECISION_READERS,
    request: async () => ({ method: 'GET', url: `/api/decisions/catalogs/${(await decisionItem()).id}/versions` }),
  },
  {
    route: 'GET /api/decisions/catalogs/{id}/diff',
    allowed: DECISION_READERS,
    request: async () => ({
      method: 'GET',
      url: `/api/decisions/catalogs/${(await decisionItem()).id}/diff?from=1&to=1`,
    }),
  },
  {
    route: 'GET /api/decisions/items/{id}/comments',
    allowed: KJJ_UNIT_STAFF,
    request: async () => ({
      method: 'GET',
      url: `/api/decisions/items/${(await decisionWithComment()).itemId}/comments`,
    }),
  },
  {
    route: 'POST /api/decisions/items/{id}/comments/{commentId}/answer',
    allowed: KJJ_UNIT_STAFF,
    request: async () => {
      const { itemId, commentId } = await decisionWithComment();
      return {
        method: 'POST',
        url: `/api/decisions/items/${itemId}/comments/${commentId}/answer`,
        payload: { answer: 'adopted', reason: '已吸收' },
      };
    },
  },
  {
    route: 'GET /api/decisions/catalogs',
    allowed: DECISION_READERS,
    request: async () => ({ method: 'GET', url: '/api/decisions/catalogs' }),
  },
  {
    route: 'POST /api/decisions/catalogs/import',
    allowed: KJJ_UNIT_STAFF,
    request: async () => ({ method: 'POST', url: '/api/decisions/catalogs/import', payload: decisionImport() }),
  },
  {
    route: 'GET /api/decisions/catalogs/{id}',
    allowed: DECISION_READERS,
    request: async () => ({ method: 'GET', url: `/api/decisions/catalogs/${(await decisionCatalog()).id}` }),
  },
  {
    route: 'GET /api/decisions/items/{id}',
    allowed: DECISION_READERS,
    request: async () => ({ method: 'GET', url: `/api/decisions/items/${(await decisionCatalog()).itemId}` }),
  },
  {
    route: 'POST /api/decisions/items/{id}/actions',
    allowed: KJJ_UNIT_STAFF,
    request: async () => ({
      method: 'POST',
      url: `/api/decisions/items/${(await decisionCatalog()).itemId}/actions`,
      payload: { action: { kind: 'complete', step: 'launch', on: '2026-03-02', outcome: '启动' } },
    }),
  },
];

const CASES: Case[] = [
  ...GAZETTE_CASES,
  ...DECISION_CASES,
  { route: 'GET /api/health', allowed: ACTORS, request: async () => ({ method: 'GET', url: '/api/health' }) },
  { route: 'GET /api/meta/labels', allowed: ACTORS, request: async () => ({ method: 'GET', url: '/api/meta/labels' }) },
  {
    route: 'POST /api/auth/login',
    allowed: ACTORS,
    request: async () => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'kjj.duty', password: DEMO_PASSWORD },
    }),
  },
  { route: 'GET /api/auth/me', allowed: LOGGED_IN, request: async () => ({ method: 'GET', url: '/api/auth/me' }) },
  { route: 'GET /api/units', allowed: LOGGED_IN, request: async () => ({ method: 'GET', url: '/api/units' }) },
  {
    route: 'GET /api/units/{id}',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: `/api/units/${kjj.id}` }),
  },
  {
    route: 'GET /api/units/{id}/sections',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: `/api/units/${kjj.id}/sections` }),
  },
  { route: 'GET /api/channels', allowed: LOGGED_IN, request: async () => ({ method: 'GET', url: '/api/channels' }) },
  {
    route: 'GET /api/channels/{id}/columns',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: `/api/channels/${kjj.siteId}/columns` }),
  },
  {
    route: 'POST /api/units',
    allowed: ['sysadmin'],
    request: async () => ({ method: 'POST', url: '/api/units', payload: unitBody() }),
  },
  {
    route: 'PATCH /api/units/{id}/settings',
    allowed: ['sysadmin'],
    request: async () => ({
      method: 'PATCH',
      url: `/api/units/${kjj.id}/settings`,
      payload: { authorMayLevel1: true },
    }),
  },
  {
    route: 'POST /api/units/{id}/sections',
    allowed: ['sysadmin'],
    request: async () => ({
      method: 'POST',
      url: `/api/units/${kjj.id}/sections`,
      payload: { name: `矩阵科${++counter}` },
    }),
  },
  {
    route: 'POST /api/channels',
    allowed: ['sysadmin'],
    request: async () => ({
      method: 'POST',
      url: '/api/channels',
      payload: { unitId: kjj.id, kind: 'weibo', name: `矩阵微博${++counter}` },
    }),
  },
  {
    route: 'POST /api/channels/{id}/columns',
    allowed: ['sysadmin'],
    request: async () => ({
      method: 'POST',
      url: `/api/channels/${kjj.siteId}/columns`,
      payload: { name: `矩阵栏目${++counter}`, kind: '专题' },
    }),
  },
  // Accounts (三员分立): the 安全管理员 keeps them, the 审计管理员 reads them; role requests are decided by the 主要领导.
  {
    route: 'GET /api/users',
    allowed: ['secadmin', 'auditor'],
    request: async () => ({ method: 'GET', url: '/api/users' }),
  },
  {
    route: 'POST /api/users',
    allowed: ['secadmin'],
    request: async () => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `matrix${++counter}`,
        displayName: '矩阵用户',
        unitId: kjj.id,
        email: 'matrix@example.gov.cn',
      },
    }),
  },
  {
    route: 'POST /api/users/{id}/roles',
    allowed: ['secadmin'],
    request: async () => {
      const user = await ok('secadmin', {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: `grant${++counter}`,
          displayName: '授权对象',
          unitId: kjj.id,
          email: 'grant@example.gov.cn',
        },
      });
      return { method: 'POST', url: `/api/users/${user.id}/roles`, payload: { role: 'dutyOfficer', unitId: kjj.id } };
    },
  },
  {
    route: 'DELETE /api/users/{id}/roles/{roleId}',
    allowed: ['secadmin'],
    request: async () => {
      const user = await ok('secadmin', {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: `revoke${++counter}`,
          displayName: '撤销对象',
          unitId: kjj.id,
          email: 'revoke@example.gov.cn',
        },
      });
      const role = await ok('secadmin', {
        method: 'POST',
        url: `/api/users/${user.id}/roles`,
        payload: { role: 'dutyOfficer', unitId: kjj.id },
      });
      return { method: 'DELETE', url: `/api/users/${user.id}/roles/${role.id}` };
    },
  },
  {
    route: 'POST /api/users/{id}/password',
    allowed: ['secadmin'],
    request: async () => {
      const user = await ok('secadmin', {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: `reset${++counter}`,
          displayName: '重置对象',
          unitId: kjj.id,
          email: 'reset@example.gov.cn',
        },
      });
      return { method: 'POST', url: `/api/users/${user.id}/password`, payload: {} };
    },
  },
  {
    route: 'GET /api/role-requests',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: '/api/role-requests?status=pending' }),
  },
  {
    route: 'POST /api/role-requests/{id}/confirm',
    allowed: ['kjj.principal'],
    request: async () => ({ method: 'POST', url: `/api/role-requests/${await kjjRequest()}/confirm`, payload: {} }),
  },
  {
    route: 'POST /api/role-requests/{id}/refuse',
    allowed: ['kjj.principal'],
    request: async () => ({
      method: 'POST',
      url: `/api/role-requests/${await kjjRequest()}/refuse`,
      payload: { reason: '人选另议' },
    }),
  },
  {
    route: 'POST /api/items',
    allowed: ['kjj.staff'],
    request: async () => ({ method: 'POST', url: '/api/items', payload: draftBody() }),
  },
  {
    route: 'POST /api/items/import',
    allowed: ['kjj.staff'],
    request: async () => ({ method: 'POST', url: '/api/items/import', multipart: await minimalDocx() }),
  },
  {
    route: 'PUT /api/items/{id}',
    allowed: ['kjj.staff'],
    request: async () => ({
      method: 'PUT',
      url: `/api/items/${await itemAt('draft')}`,
      payload: { ...draftBody('改后的标题'), revision: 1 },
    }),
  },
  {
    route: 'POST /api/items/{id}/revisions/import',
    allowed: ['kjj.staff'],
    request: async () => ({
      method: 'POST',
      url: `/api/items/${await itemAt('draft')}/revisions/import`,
      multipart: await minimalDocx(),
    }),
  },
  {
    route: 'POST /api/items/{id}/submit',
    allowed: ['kjj.staff'],
    request: async () => ({
      method: 'POST',
      url: `/api/items/${await itemAt('draft')}/submit`,
      payload: { revision: 1 },
    }),
  },
  {
    route: 'POST /api/items/{id}/approve (一审)',
    allowed: ['kjj.staff'],
    request: async () => ({ method: 'POST', url: `/api/items/${await itemAt('level1')}/approve`, payload: review(1) }),
  },
  {
    route: 'POST /api/items/{id}/approve (二审)',
    allowed: ['kjj.section'],
    request: async () => ({ method: 'POST', url: `/api/items/${await itemAt('level2')}/approve`, payload: review(2) }),
  },
  {
    route: 'POST /api/items/{id}/approve (三审)',
    allowed: ['kjj.leader'],
    request: async () => ({ method: 'POST', url: `/api/items/${await itemAt('level3')}/approve`, payload: review(3) }),
  },
  {
    route: 'POST /api/items/{id}/approve (审定)',
    allowed: ['kjj.principal'],
    request: async () => {
      const id = await itemAt('level3', true);
      await ok('kjj.leader', { method: 'POST', url: `/api/items/${id}/approve`, payload: review(3) });
      return { method: 'POST', url: `/api/items/${id}/approve`, payload: review(4) };
    },
  },
  {
    route: 'POST /api/items/{id}/return',
    allowed: ['kjj.leader'],
    request: async () => ({
      method: 'POST',
      url: `/api/items/${await itemAt('level3')}/return`,
      payload: { ...review(3), opinion: '数据需核实' },
    }),
  },
  {
    route: 'GET /api/items/{id}',
    allowed: KJJ_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/items/${await itemAt('level2')}` }),
  },
  {
    route: 'GET /api/items/{id}/history',
    allowed: KJJ_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/items/${await itemAt('level2')}/history` }),
  },
  {
    route: 'PUT /api/items/{id}/live-url',
    allowed: ['kjj.staff', 'kjj.section', 'egov'],
    request: async () => {
      const id = await publishedItem();
      const { channels } = await ok('kjj.staff', { method: 'GET', url: `/api/items/${id}` });
      return {
        method: 'PUT',
        url: `/api/items/${id}/live-url`,
        payload: { channelId: channels[0].channelId, url: 'https://kjj.example.gov.cn/art/1.html' },
      };
    },
  },
  {
    route: 'GET /api/items/{id}/published',
    allowed: KJJ_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/items/${await publishedItem()}/published` }),
  },
  // 智能校对 findings (65号 第五条(四)) and 附件: a fresh item per request, so one person's action never changes the
  // next one's case.
  {
    route: 'GET /api/items/{id}/findings',
    allowed: KJJ_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/items/${await itemAt('level2')}/findings` }),
  },
  {
    route: 'POST /api/items/{id}/findings/{findingId}/dismiss',
    allowed: ['kjj.staff'],
    request: async () => {
      const id = await itemAt('draft', false, {
        body: { format: 'text', content: '要再接再励，做好科技活动周各项工作。' },
      });
      const { findings } = await ok('sysadmin', { method: 'GET', url: `/api/items/${id}/findings` });
      return {
        method: 'POST',
        url: `/api/items/${id}/findings/${findings[0].id}/dismiss`,
        payload: { reason: '引用上级文件原文' },
      };
    },
  },
  // DOMAIN §2.5: the author's 建议忽略 of an error waits at 二审, where only the 科室负责人 accepts or refuses it.
  {
    route: 'POST /api/items/{id}/findings/{findingId}/accept',
    allowed: ['kjj.section'],
    request: async () => {
      const { id, findingId } = await proposedAtLevel2();
      return { method: 'POST', url: `/api/items/${id}/findings/${findingId}/accept`, payload: {} };
    },
  },
  {
    route: 'POST /api/items/{id}/findings/{findingId}/reject',
    allowed: ['kjj.section'],
    request: async () => {
      const { id, findingId } = await proposedAtLevel2();
      return {
        method: 'POST',
        url: `/api/items/${id}/findings/${findingId}/reject`,
        payload: { reason: '应当改正，不能忽略' },
      };
    },
  },
  {
    route: 'POST /api/items/{id}/attachments',
    allowed: ['kjj.staff'],
    request: async () => ({
      method: 'POST',
      url: `/api/items/${await itemAt('draft')}/attachments`,
      multipart: await minimalDocx(),
    }),
  },
  {
    route: 'GET /api/items/{id}/attachments',
    allowed: KJJ_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/items/${(await attachedItem()).id}/attachments` }),
  },
  {
    route: 'GET /api/items/{id}/attachments/{attId}',
    allowed: KJJ_VIEWERS,
    request: async () => {
      const { id, attId } = await attachedItem();
      return { method: 'GET', url: `/api/items/${id}/attachments/${attId}` };
    },
  },
  {
    route: 'DELETE /api/items/{id}/attachments/{attId}',
    allowed: ['kjj.staff'],
    request: async () => {
      const { id, attId } = await attachedItem();
      return { method: 'DELETE', url: `/api/items/${id}/attachments/${attId}` };
    },
  },
  {
    route: 'GET /api/secrecy/bases',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: '/api/secrecy/bases' }),
  },
  {
    route: 'GET /api/secrecy/queue',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: '/api/secrecy/queue' }),
  },
  {
    route: 'GET /api/items/{id}/secrecy',
    allowed: KJJ_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/items/${await itemAt('secrecy')}/secrecy` }),
  },
  {
    route: 'POST /api/items/{id}/secrecy/opinion',
    allowed: ['kjj.secrecy'],
    request: async () => ({
      method: 'POST',
      url: `/api/items/${await itemAt('secrecy')}/secrecy/opinion`,
      payload: { revision: 1, ...DISCLOSE },
    }),
  },
  {
    route: 'POST /api/items/{id}/secrecy/resume',
    allowed: ['kjj.secrecy'],
    request: async () => ({
      method: 'POST',
      url: `/api/items/${await referredItem()}/secrecy/resume`,
      payload: { revision: 1, answer: '经区国家保密局确定，不属于国家秘密' },
    }),
  },
  {
    route: 'POST /api/items/{id}/secrecy/return',
    allowed: ['kjj.secrecy'],
    request: async () => ({
      method: 'POST',
      url: `/api/items/${await itemAt('secrecy')}/secrecy/return`,
      payload: { revision: 1, reason: '请删去内部数据后再报' },
    }),
  },
  // The one dismiss route, for a 密级标志 / 个人信息 finding: the policy asks by its kind (the 保密工作机构 at its step).
  {
    route: 'POST /api/items/{id}/findings/{findingId}/dismiss (密级标志或个人信息)',
    allowed: ['kjj.secrecy'],
    request: async () => {
      const id = await itemAt('secrecy', false, {
        body: { format: 'text', content: '联系人身份证号：110101199003074258。' },
      });
      const record = await ok('sysadmin', { method: 'GET', url: `/api/items/${id}/secrecy` });
      return {
        method: 'POST',
        url: `/api/items/${id}/findings/${record.findings[0].id}/dismiss`,
        payload: { reason: '系虚构示例号码，经核实不属于个人信息' },
      };
    },
  },
  {
    route: 'POST /api/items/{id}/secrecy/consents',
    allowed: ['fgw.leader'],
    request: async () => ({
      method: 'POST',
      url: `/api/items/${await itemAt('level1', false, { coIssuerUnitIds: [fgwId] })}/secrecy/consents`,
      payload: { revision: 1 },
    }),
  },
  {
    route: 'POST /api/items/{id}/secrecy/consents/upload',
    allowed: ['kjj.staff', 'kjj.secrecy'],
    request: async () => ({
      method: 'POST',
      url: `/api/items/${await itemAt('level1', false, { coIssuerUnitIds: [fgwId] })}/secrecy/consents/upload`,
      multipart: await minimalDocx(),
      fields: { unitId: fgwId },
    }),
  },
  { route: 'GET /api/items', allowed: LOGGED_IN, request: async () => ({ method: 'GET', url: '/api/items' }) },
  {
    route: 'GET /api/review-queue',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: '/api/review-queue' }),
  },
  {
    route: 'POST /api/publish/run-due',
    allowed: ['sysadmin'],
    request: async () => ({ method: 'POST', url: '/api/publish/run-due' }),
  },
  // 质疑申请 (65号 保密审查制度 第十五条): anyone may ask; the hosting unit's secrecy office, leader or principal handle it.
  {
    route: 'POST /api/public/challenges',
    allowed: ACTORS,
    request: async () => ({ method: 'POST', url: '/api/public/challenges', payload: challengeBody() }),
  },
  {
    route: 'GET /api/public/challenge-units',
    allowed: ACTORS,
    request: async () => ({ method: 'GET', url: '/api/public/challenge-units' }),
  },
  {
    route: 'GET /api/challenges',
    allowed: [...KJJ_HANDLERS, 'fgw.leader'],
    request: async () => ({ method: 'GET', url: '/api/challenges' }),
  },
  {
    route: 'GET /api/challenges/overdue',
    allowed: [...KJJ_HANDLERS, 'fgw.leader', 'inspector'],
    request: async () => ({ method: 'GET', url: '/api/challenges/overdue' }),
  },
  {
    route: 'GET /api/challenges/{id}',
    allowed: KJJ_HANDLERS,
    request: async () => ({ method: 'GET', url: `/api/challenges/${await kjjChallenge()}` }),
  },
  {
    route: 'POST /api/challenges/{id}/extend',
    allowed: KJJ_HANDLERS,
    request: async () => ({
      method: 'POST',
      url: `/api/challenges/${await kjjChallenge()}/extend`,
      payload: { days: 10, reason: '需征求第三方意见' },
    }),
  },
  {
    route: 'POST /api/challenges/{id}/answer',
    allowed: KJJ_HANDLERS,
    request: async () => ({
      method: 'POST',
      url: `/api/challenges/${await kjjChallenge()}/answer`,
      payload: { basis: '条例第十五条', reason: '涉及商业秘密' },
    }),
  },
  {
    route: 'GET /api/calendar/years',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: '/api/calendar/years' }),
  },
  {
    route: 'GET /api/calendar/{year}',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: '/api/calendar/2026' }),
  },
  {
    route: 'GET /api/calendar/working-days',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: '/api/calendar/working-days?from=2026-09-25&add=10' }),
  },
  {
    route: 'PUT /api/calendar/{year}',
    allowed: ['sysadmin'],
    request: async () => ({ method: 'PUT', url: '/api/calendar/2026', payload: calendar2026 }),
  },
  {
    route: 'GET /api/calendar/reminder',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: '/api/calendar/reminder' }),
  },
  {
    route: 'POST /api/calendar/import/preview',
    allowed: ['sysadmin'],
    request: async () => ({ method: 'POST', url: '/api/calendar/import/preview', payload: notice2026 }),
  },
  {
    route: 'POST /api/calendar/import',
    allowed: ['sysadmin'],
    request: async () => ({ method: 'POST', url: '/api/calendar/import', payload: notice2026 }),
  },
  {
    route: 'GET /api/notifications',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: '/api/notifications' }),
  },
  {
    route: 'POST /api/notifications/{id}/read',
    allowed: LOGGED_IN,
    request: async (as) => ({ method: 'POST', url: `/api/notifications/${await notificationFor(as)}/read` }),
  },
  // 智能校对词典: the 系统管理员 edits; the e-gov center and the inspector read (src/org/policy/dictionaries.ts).
  {
    route: 'GET /api/dictionaries',
    allowed: DICTIONARY_READERS,
    request: async () => ({ method: 'GET', url: '/api/dictionaries' }),
  },
  ...DICTIONARY_KINDS.flatMap(([kind, body]): Case[] => [
    {
      route: `GET /api/dictionaries/${kind}`,
      allowed: DICTIONARY_READERS,
      request: async () => ({ method: 'GET', url: `/api/dictionaries/${kind}` }),
    },
    {
      route: `POST /api/dictionaries/${kind}`,
      allowed: ['sysadmin'],
      request: async () => ({ method: 'POST', url: `/api/dictionaries/${kind}`, payload: body() }),
    },
    {
      route: `PATCH /api/dictionaries/${kind}/{id}`,
      allowed: ['sysadmin'],
      request: async () => ({
        method: 'PATCH',
        url: `/api/dictionaries/${kind}/${await dictionaryEntry(kind, body())}`,
        payload: body(),
      }),
    },
    {
      route: `DELETE /api/dictionaries/${kind}/{id}`,
      allowed: ['sysadmin'],
      request: async () => ({
        method: 'DELETE',
        url: `/api/dictionaries/${kind}/${await dictionaryEntry(kind, body())}`,
      }),
    },
  ]),
  // 登记台账 and 审签单 (src/org/policy/oversight.ts; the sheet follows canView of the item).
  {
    route: 'GET /api/ledger',
    allowed: LEDGER_READERS,
    request: async () => ({ method: 'GET', url: '/api/ledger?limit=5' }),
  },
  {
    route: 'GET /api/ledger (区科技局)',
    allowed: KJJ_LEDGER_READERS,
    request: async () => ({ method: 'GET', url: `/api/ledger?unitId=${kjj.id}&limit=5` }),
  },
  {
    route: 'GET /api/ledger/export',
    allowed: KJJ_LEDGER_READERS,
    request: async () => ({
      method: 'GET',
      url: `/api/ledger/export?unitId=${kjj.id}&from=2026-03-01&to=2026-03-31&format=csv`,
    }),
  },
  {
    route: 'GET /api/ledger/verify',
    allowed: ['inspector', 'auditor'],
    request: async () => ({ method: 'GET', url: '/api/ledger/verify' }),
  },
  {
    route: 'GET /api/ledger/public-key',
    allowed: ACTORS,
    request: async () => ({ method: 'GET', url: '/api/ledger/public-key' }),
  },
  {
    route: 'GET /api/ledger/checkpoints',
    allowed: LEDGER_READERS,
    request: async () => ({ method: 'GET', url: '/api/ledger/checkpoints' }),
  },
  {
    route: 'GET /api/ledger/proof',
    allowed: LEDGER_READERS,
    request: async () => ({ method: 'GET', url: '/api/ledger/proof?seq=1&size=2' }),
  },
  {
    route: 'GET /api/ledger/consistency',
    allowed: LEDGER_READERS,
    request: async () => ({ method: 'GET', url: '/api/ledger/consistency?from=1&to=2' }),
  },
  // 统计 (src/org/policy/oversight.ts statsScope): 督查 and 区电子政务中心 for every unit, a unit's 分管领导 and 主要领导.
  {
    route: 'GET /api/oversight/stats',
    allowed: ['kjj.leader', 'kjj.principal', 'fgw.leader', 'egov', 'inspector'],
    request: async () => ({ method: 'GET', url: '/api/oversight/stats?from=2026-03-01&to=2026-03-31' }),
  },
  {
    route: 'GET /api/oversight/stats (区科技局)',
    allowed: ['kjj.leader', 'kjj.principal', 'egov', 'inspector'],
    request: async () => ({
      method: 'GET',
      url: `/api/oversight/stats?unitId=${kjj.id}&from=2026-03-01&to=2026-03-31`,
    }),
  },
  {
    route: 'GET /api/oversight/stats/entries',
    allowed: ['kjj.leader', 'kjj.principal', 'egov', 'inspector'],
    request: async () => ({
      method: 'GET',
      url: `/api/oversight/stats/entries?unitId=${kjj.id}&from=2026-03-01&to=2026-03-31&figure=published`,
    }),
  },
  {
    route: 'GET /api/oversight/stats/export',
    allowed: ['kjj.leader', 'kjj.principal', 'egov', 'inspector'],
    request: async () => ({
      method: 'GET',
      url: `/api/oversight/stats/export?unitId=${kjj.id}&from=2026-03-01&to=2026-03-31`,
    }),
  },
  // 随机抽查 (src/org/policy/oversight.ts canDrawSample / canRedrawSample).
  {
    route: 'POST /api/oversight/samples',
    allowed: ['inspector'],
    request: async () => ({
      method: 'POST',
      url: '/api/oversight/samples',
      payload: { from: '2026-03-01', to: '2026-03-31', perUnit: 1 },
    }),
  },
  {
    route: 'POST /api/oversight/samples/redraw',
    allowed: ['egov', 'inspector'],
    request: async () => ({
      method: 'POST',
      url: '/api/oversight/samples/redraw',
      payload: { from: '2026-03-01', to: '2026-03-31', perUnit: 1, seed: 'matrix' },
    }),
  },
  // 抽查清单与通报 (src/org/policy/oversight.ts canViewInspection / canConfirmCheck).
  {
    route: 'GET /api/oversight/samples/{seq}',
    allowed: ['egov', 'inspector'],
    request: async () => ({ method: 'GET', url: `/api/oversight/samples/${(await inspectedSample()).seq}` }),
  },
  {
    route: 'POST /api/oversight/samples/{seq}/checks',
    allowed: ['inspector'],
    request: async () => {
      const { seq, itemId } = await inspectedSample();
      const payload = { itemId, check: 'signoff', outcome: 'fail', note: '矩阵：纠正' };
      return { method: 'POST', url: `/api/oversight/samples/${seq}/checks`, payload };
    },
  },
  {
    route: 'GET /api/oversight/samples/{seq}/notice',
    allowed: ['egov', 'inspector'],
    request: async () => ({ method: 'GET', url: `/api/oversight/samples/${(await inspectedSample()).seq}/notice` }),
  },
  // 年度考核 (src/org/policy/oversight.ts canViewAssessment / canEditScheme).
  {
    route: 'GET /api/oversight/assessment/scheme',
    allowed: ['egov', 'inspector'],
    request: async () => ({ method: 'GET', url: '/api/oversight/assessment/scheme?year=2026' }),
  },
  {
    route: 'PUT /api/oversight/assessment/scheme',
    allowed: ['inspector'],
    request: async () => ({
      method: 'PUT',
      url: '/api/oversight/assessment/scheme',
      payload: {
        year: 2026,
        items: [{ key: 'sampling', name: '随机抽查', metric: 'sampleProblems', points: 100, perUnit: 5, cap: 100 }],
      },
    }),
  },
  {
    route: 'GET /api/oversight/assessment',
    allowed: ['egov', 'inspector'],
    request: async () => ({ method: 'GET', url: '/api/oversight/assessment?year=2026' }),
  },
  {
    route: 'GET /api/oversight/assessment/export',
    allowed: ['egov', 'inspector'],
    request: async () => ({ method: 'GET', url: '/api/oversight/assessment/export?year=2026' }),
  },
  {
    route: 'GET /api/oversight/quarterly',
    allowed: WATCH_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/oversight/quarterly?unitId=${watch.unitId}&quarter=2026Q1` }),
  },
  {
    route: 'GET /api/oversight/quarterly/export',
    allowed: WATCH_VIEWERS,
    request: async () => ({
      method: 'GET',
      url: `/api/oversight/quarterly/export?unitId=${watch.unitId}&quarter=2026Q1&format=docx`,
    }),
  },
  {
    route: 'GET /api/items/{id}/signoff',
    allowed: KJJ_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/items/${await publishedItem()}/signoff` }),
  },
  {
    route: 'GET /api/items/{id}/signoff.pdf',
    allowed: KJJ_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/items/${await publishedItem()}/signoff.pdf` }),
  },
  // 读网值班 (src/org/policy/duty.ts): the unit's people and district roles read; its 带班领导 and leadership keep the roster;
  // its duty officer and duty leader record; the people on a shift attend it; a duty leader decides swaps and 离岗.
  {
    route: 'GET /api/duty/units/{unitId}/setup',
    allowed: DUTY_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/duty/units/${kjj.id}/setup` }),
  },
  {
    route: 'PUT /api/duty/units/{unitId}/settings',
    allowed: ROSTER_KEEPERS,
    request: async () => ({
      method: 'PUT',
      url: `/api/duty/units/${kjj.id}/settings`,
      payload: { minRestMinutes: 0, remindMinutes: 60, readings: { working: 2, rest: 1, holiday: 1 } },
    }),
  },
  {
    route: 'POST /api/duty/units/{unitId}/templates',
    allowed: ROSTER_KEEPERS,
    request: async () => ({
      method: 'POST',
      url: `/api/duty/units/${kjj.id}/templates`,
      payload: { name: `矩阵班${++counter}`, start: '12:00', end: '13:00', dayKinds: ['working'], active: false },
    }),
  },
  {
    route: 'PATCH /api/duty/templates/{id}',
    allowed: ROSTER_KEEPERS,
    request: async () => ({
      method: 'PATCH',
      url: `/api/duty/templates/${await duty.template()}`,
      payload: { end: '14:00' },
    }),
  },
  {
    route: 'PUT /api/duty/people/{userId}/phone',
    allowed: ['kjj.duty', ...ROSTER_KEEPERS],
    request: async () => ({
      method: 'PUT',
      url: `/api/duty/people/${await duty.idOf('kjj.duty')}/phone`,
      payload: { phone: '023-48600000' },
    }),
  },
  {
    route: 'GET /api/duty/special-days',
    allowed: DUTY_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/duty/special-days?unitId=${kjj.id}` }),
  },
  {
    route: 'POST /api/duty/special-days',
    allowed: ROSTER_KEEPERS,
    request: async () => ({
      method: 'POST',
      url: '/api/duty/special-days',
      payload: { unitId: kjj.id, day: '2026-12-01', kind: 'importantDate', name: '矩阵节点' },
    }),
  },
  {
    route: 'DELETE /api/duty/special-days/{id}',
    allowed: ROSTER_KEEPERS,
    request: async () => ({ method: 'DELETE', url: `/api/duty/special-days/${await duty.specialDay()}` }),
  },
  {
    route: 'GET /api/duty/unavailability',
    allowed: DUTY_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/duty/unavailability?unitId=${kjj.id}` }),
  },
  {
    route: 'POST /api/duty/unavailability',
    allowed: ['kjj.duty', ...ROSTER_KEEPERS],
    request: async () => ({
      method: 'POST',
      url: '/api/duty/unavailability',
      payload: {
        unitId: kjj.id,
        userId: await duty.idOf('kjj.duty'),
        from: '2026-12-07',
        to: '2026-12-08',
        reason: '出差',
      },
    }),
  },
  {
    route: 'DELETE /api/duty/unavailability/{id}',
    allowed: ['kjj.duty', ...ROSTER_KEEPERS],
    request: async () => ({ method: 'DELETE', url: `/api/duty/unavailability/${await duty.unavailability()}` }),
  },
  {
    route: 'GET /api/duty/calendar',
    allowed: DUTY_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/duty/calendar?unitId=${kjj.id}&from=2026-03-01&to=2026-04-01` }),
  },
  {
    route: 'GET /api/duty/rosters',
    allowed: DUTY_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/duty/rosters?unitId=${kjj.id}` }),
  },
  {
    route: 'POST /api/duty/rosters',
    allowed: ROSTER_KEEPERS,
    request: async () => ({
      method: 'POST',
      url: '/api/duty/rosters',
      payload: { unitId: kjj.id, ...(await duty.period()) },
    }),
  },
  {
    route: 'GET /api/duty/rosters/{id}',
    allowed: DUTY_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/duty/rosters/${duty.rosterId}` }),
  },
  {
    route: 'POST /api/duty/rosters/{id}/publish',
    allowed: ROSTER_KEEPERS,
    request: async () => {
      const { rosterId } = await duty.draftShift();
      return {
        method: 'POST',
        url: `/api/duty/rosters/${rosterId}/publish`,
        payload: { version: await duty.version(rosterId) },
      };
    },
  },
  {
    route: 'DELETE /api/duty/rosters/{id}',
    allowed: ROSTER_KEEPERS,
    request: async () => ({ method: 'DELETE', url: `/api/duty/rosters/${(await duty.draft()).id}` }),
  },
  {
    route: 'POST /api/duty/rosters/{id}/shifts',
    allowed: ROSTER_KEEPERS,
    request: async () => {
      const draft = await duty.draft();
      return {
        method: 'POST',
        url: `/api/duty/rosters/${draft.id}/shifts`,
        payload: { day: draft.day, templateId: duty.templateId, officerIds: [await duty.idOf('kjj.duty')] },
      };
    },
  },
  {
    route: 'PATCH /api/duty/shifts/{id}',
    allowed: ROSTER_KEEPERS,
    request: async () => ({
      method: 'PATCH',
      url: `/api/duty/shifts/${(await duty.draftShift()).shiftId}`,
      payload: { version: 1, officerIds: [await duty.idOf('kjj.dutyleader')] },
    }),
  },
  {
    route: 'DELETE /api/duty/shifts/{id}',
    allowed: ROSTER_KEEPERS,
    request: async () => ({ method: 'DELETE', url: `/api/duty/shifts/${(await duty.draftShift()).shiftId}?version=1` }),
  },
  {
    route: 'GET /api/duty/rosters/{id}/xlsx',
    allowed: DUTY_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/duty/rosters/${duty.rosterId}/xlsx` }),
  },
  {
    route: 'POST /api/duty/rosters/{id}/import/preview',
    allowed: ROSTER_KEEPERS,
    request: async () => {
      const { rosterId, file } = await duty.xlsx();
      return { method: 'POST', url: `/api/duty/rosters/${rosterId}/import/preview`, multipart: file };
    },
  },
  {
    route: 'POST /api/duty/rosters/{id}/import',
    allowed: ROSTER_KEEPERS,
    request: async () => {
      const { rosterId, file } = await duty.xlsx();
      return { method: 'POST', url: `/api/duty/rosters/${rosterId}/import`, multipart: file };
    },
  },
  {
    route: 'GET /api/duty/feed-tokens',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: '/api/duty/feed-tokens' }),
  },
  {
    route: 'POST /api/duty/feed-tokens',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'POST', url: '/api/duty/feed-tokens', payload: { kind: 'user' } }),
  },
  {
    route: 'DELETE /api/duty/feed-tokens/{id}',
    allowed: LOGGED_IN,
    request: async (as) => ({
      method: 'DELETE',
      url: `/api/duty/feed-tokens/${(await duty.feed(as === 'anonymous' ? 'sysadmin' : as)).id}`,
    }),
  },
  // The feed is fetched by calendar apps without a cookie: the unguessable token in the address is the credential.
  {
    route: 'GET /api/duty/feeds/{file}',
    allowed: ACTORS,
    request: async () => ({ method: 'GET', url: (await duty.feed('kjj.duty')).path }),
  },
  { route: 'GET /api/duty/now', allowed: LOGGED_IN, request: async () => ({ method: 'GET', url: '/api/duty/now' }) },
  {
    route: 'GET /api/duty/shifts/{id}',
    allowed: DUTY_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/duty/shifts/${duty.nowShiftId}` }),
  },
  {
    route: 'POST /api/duty/shifts/{id}/check-in',
    allowed: ['kjj.duty'],
    request: async () => ({ method: 'POST', url: `/api/duty/shifts/${duty.nowShiftId}/check-in` }),
  },
  {
    route: 'POST /api/duty/shifts/{id}/check-out',
    allowed: ['kjj.dutyleader'],
    request: async () => ({
      method: 'POST',
      url: `/api/duty/shifts/${duty.endingShiftId}/check-out`,
      payload: { handoverNote: '网站运行正常，无异常' },
    }),
  },
  {
    route: 'GET /api/duty/handovers',
    allowed: DUTY_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/duty/handovers?unitId=${kjj.id}&from=2026-03-01&to=2026-03-03` }),
  },
  {
    route: 'POST /api/duty/changes',
    allowed: ['kjj.duty', ...ROSTER_KEEPERS],
    request: async () => ({
      method: 'POST',
      url: '/api/duty/changes',
      payload: {
        kind: 'swap',
        shiftId: await duty.futureShift(),
        leavingId: await duty.idOf('kjj.duty'),
        replacementId: await duty.idOf('kjj.dutyleader'),
        reason: '出差',
      },
    }),
  },
  {
    route: 'GET /api/duty/changes',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: '/api/duty/changes' }),
  },
  {
    route: 'POST /api/duty/changes/{id}/approve',
    allowed: ['kjj.dutyleader'],
    request: async () => ({ method: 'POST', url: `/api/duty/changes/${await duty.change()}/approve`, payload: {} }),
  },
  {
    route: 'POST /api/duty/changes/{id}/reject',
    allowed: ['kjj.dutyleader'],
    request: async () => ({
      method: 'POST',
      url: `/api/duty/changes/${await duty.change()}/reject`,
      payload: { note: '人手不足' },
    }),
  },
  {
    route: 'GET /api/duty/notices',
    allowed: DUTY_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/duty/notices?unitId=${kjj.id}&from=2026-03-01&to=2026-03-03` }),
  },
  {
    route: 'POST /api/duty/notices',
    allowed: DUTY_RECORDERS,
    request: async () => ({
      method: 'POST',
      url: '/api/duty/notices',
      payload: { unitId: kjj.id, fromWhom: '区政府办公室值班室', content: '加强节前网站巡查' },
    }),
  },
  {
    route: 'GET /api/duty/readings',
    allowed: DUTY_VIEWERS,
    request: async () => ({ method: 'GET', url: `/api/duty/readings?unitId=${kjj.id}&from=2026-03-01&to=2026-03-03` }),
  },
  {
    route: 'POST /api/duty/readings',
    allowed: DUTY_RECORDERS,
    request: async () => ({
      method: 'POST',
      url: '/api/duty/readings',
      payload: { unitId: kjj.id, pages: ['首页', '通知公告'] },
    }),
  },
  {
    route: 'GET /api/duty/emergencies',
    allowed: LOGGED_IN,
    request: async () => ({ method: 'GET', url: '/api/duty/emergencies' }),
  },
  {
    route: 'POST /api/duty/emergencies',
    allowed: EMERGENCY_DECLARERS,
    request: async () => ({
      method: 'POST',
      url: '/api/duty/emergencies',
      payload: {
        unitId: kjj.id,
        title: '矩阵测试事件',
        until: new Date(deps.clock.now().getTime() + 3600000).toISOString(),
        leaders: [{ userId: await duty.idOf('kjj.duty2') }, { userId: await duty.idOf('kjj.duty3') }],
      },
    }),
  },
  {
    route: 'POST /api/duty/emergencies/{id}/close',
    allowed: EMERGENCY_DECLARERS,
    request: async () => ({
      method: 'POST',
      url: `/api/duty/emergencies/${await duty.emergency()}/close`,
      payload: { summary: '已处置完毕' },
    }),
  },
  ...WATCH_CASES,
  // Last: these end sessions.
  {
    route: 'POST /api/auth/password',
    allowed: LOGGED_IN,
    request: async () => ({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: DEMO_PASSWORD, newPassword: 'Changed2026pw' },
    }),
  },
  {
    route: 'POST /api/auth/logout',
    allowed: ACTORS,
    request: async () => ({ method: 'POST', url: '/api/auth/logout' }),
  },
];

/**
 * kjj.pending: created by the 安全管理员 (the one-time password is mailed) with a 工作人员 request nobody confirmed; it
 * changes the mailed password to the demo one, so the matrix logs it in like everyone else.
 */
async function pendingAccount(): Promise<void> {
  const login = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const sec = await login('secadmin', DEMO_PASSWORD);
  const kjjId = (
    await deps.db.selectFrom('units').select('id').where('name', '=', '区科技局').executeTakeFirstOrThrow()
  ).id;
  const created = await app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { cookie: String(sec.headers['set-cookie']).split(';')[0], 'x-csrf-token': sec.json().csrfToken },
    payload: {
      username: 'kjj.pending',
      displayName: '待确认',
      unitId: kjjId,
      email: 'pending@example.gov.cn',
      roles: [{ role: 'staff' }],
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const once = await mailedPassword(deps.db, 'pending@example.gov.cn');
  const first = await login('kjj.pending', once);
  const changed = await app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: { cookie: String(first.headers['set-cookie']).split(';')[0], 'x-csrf-token': first.json().csrfToken },
    payload: { oldPassword: once, newPassword: DEMO_PASSWORD },
  });
  assert.equal(changed.statusCode, 200, changed.body);
}

before(async () => {
  deps = await createTestDeps();
  await loadDemo(deps);
  app = await buildServer(deps);
  await pendingAccount();
  await loadDecisionsDemo(deps); // 区司法局 and its 合法性审查机构 sfj.legal
  for (const name of [...LOGGED_IN, ...DECISION_ACTORS]) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: name, password: DEMO_PASSWORD },
    });
    assert.equal(res.statusCode, 200, `${name}: ${res.body}`);
    sessions.set(name, { cookie: String(res.headers['set-cookie']).split(';')[0], csrf: res.json().csrfToken });
  }
  duty = await buildDutyMatrix(deps);
  watch = await buildWatchMatrix(deps);
  const units = await ok('sysadmin', { method: 'GET', url: '/api/units' });
  const unit = units.find((u: { name: string }) => u.name === '区科技局');
  fgwId = units.find((u: { name: string }) => u.name === '区发展改革委').id;
  const detail = await ok('sysadmin', { method: 'GET', url: `/api/units/${unit.id}` });
  const site = detail.channels.find((c: { kind: string }) => c.kind === 'website');
  kjj = {
    id: unit.id,
    sectionId: detail.sections[0].id,
    siteId: site.id,
    columnId: site.columns[0].id,
    wechatId: detail.channels.find((c: { kind: string }) => c.kind === 'wechat').id,
  };
});
after(async () => {
  await app.close();
  await deps.close();
});

test('矩阵覆盖 OpenAPI 中的每一个接口', async () => {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
  );
  const covered = new Set(CASES.map((c) => c.route.replace(/ \(.*\)$/, '')));
  assert.deepEqual(
    documented.filter((r) => !covered.has(r)),
    [],
    '这些接口没有列入权限矩阵',
  );
  assert.deepEqual(
    [...covered].filter((r) => !documented.includes(r)),
    [],
    '矩阵中的接口在 OpenAPI 中不存在',
  );
});

for (const c of CASES) {
  test(`权限矩阵：${c.route}`, async () => {
    const outcome: string[] = [];
    for (const actor of c.decisionActors ? [...ACTORS, ...DECISION_ACTORS] : ACTORS) {
      const req = await c.request(actor);
      const res = await call(actor, req);
      const allowed = c.allowed.includes(actor);
      if (allowed && res.statusCode >= 300)
        outcome.push(`${actor} 应允许，实际 ${res.statusCode} ${res.body.slice(0, 120)}`);
      const deniedAs = actor === 'anonymous' ? 401 : 403;
      if (!allowed && res.statusCode !== deniedAs)
        outcome.push(`${actor} 应拒绝（${deniedAs}），实际 ${res.statusCode}`);
      if (!allowed && res.statusCode === 403) assert.match(res.json().message, /[\u4e00-\u9fff]/, '拒绝须给出中文理由');
    }
    assert.deepEqual(outcome, []);
  });
}
