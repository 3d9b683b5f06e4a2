// A unit ready for 三审三校: sections, a website with a column, a WeChat account, and one person per review role
// (plus the people the separation-of-duties rules need), built through org's own use cases. And HTTP sessions.
import assert from 'node:assert/strict';
import type { FastifyInstance, InjectOptions } from 'fastify';
import JSZip from 'jszip';
import type { Deps } from '../../src/platform/deps.ts';
import { buildServer } from '../../src/app/server.ts';
import type { Actor, Role } from '../../src/org/model.ts';
import {
  createChannel,
  createColumn,
  createSection,
  createUnit,
  createUser,
  loadActor,
  setUnitSettings,
} from '../../src/org/service.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/org/session-hook.ts';
import { type DraftInput, giveOpinion } from '../../src/publish/service.ts';
import { createTestDeps, type TestDeps } from './testdb.ts';

export const PASSWORD = 'Publish2026';

type RoleGrant = Role | { role: Role; unitId?: string; sectionId?: string | null };

export interface PublishOrg {
  unitId: string; // 区科技局, the hosting unit
  otherUnitId: string; // 区民政局
  sectionId: string; // 办公室
  otherSectionId: string; // 科技科
  siteId: string;
  columnId: string;
  wechatId: string;
  otherSiteId: string; // the other unit's website
  /** username → user id */
  ids: Record<string, string>;
  actor(username: string): Promise<Actor>;
  draft(over?: Partial<DraftInput>): DraftInput;
}

/**
 * People: zhang (staff, the usual author), li and sun (staff: 一审), wang and zhao (科室负责人 of 办公室: 二审),
 * chen (负责人 of 科技科), liu (分管领导), zhou (主要领导), multi (staff + 办公室负责人 + 分管领导: the same person at
 * several levels), wu (分管领导 of the other unit), admin (管理员), ducha (督查), duty (值班人员 of this unit),
 * bao and gu (保密工作机构 of this unit: the secrecy step between 二审 and 三审).
 */
export async function buildPublishOrg(deps: Deps, opts: { authorMayLevel1?: boolean } = {}): Promise<PublishOrg> {
  const office = await createUnit(deps, 'system', {
    name: '区政府办公室',
    fullName: '重庆市綦江区人民政府办公室',
    kind: 'office',
    districtWide: true,
  });
  const unit = await createUnit(deps, 'system', {
    name: '区科技局',
    fullName: '重庆市綦江区科学技术局',
    kind: 'department',
  });
  const other = await createUnit(deps, 'system', {
    name: '区民政局',
    fullName: '重庆市綦江区民政局',
    kind: 'department',
  });
  if (opts.authorMayLevel1 === false)
    await setUnitSettings(deps, 'system', { unitId: unit.id, authorMayLevel1: false });
  const s1 = await createSection(deps, 'system', { unitId: unit.id, name: '办公室' });
  const s2 = await createSection(deps, 'system', { unitId: unit.id, name: '科技科' });
  await createSection(deps, 'system', { unitId: other.id, name: '办公室' });
  const site = await createChannel(deps, 'system', {
    unitId: unit.id,
    kind: 'website',
    name: '区科技局网站',
    url: 'https://kjj.example.gov.cn/',
  });
  const column = await createColumn(deps, 'system', { channelId: site.id, name: '工作动态', kind: '动态要闻' });
  const wechat = await createChannel(deps, 'system', { unitId: unit.id, kind: 'wechat', name: '綦江科技' });
  const otherSite = await createChannel(deps, 'system', { unitId: other.id, kind: 'website', name: '区民政局网站' });

  const people: [string, string, string, RoleGrant[]][] = [
    ['zhang', '张承办', unit.id, ['staff']],
    ['li', '李一审', unit.id, ['staff']],
    ['sun', '孙一审', unit.id, ['staff']],
    ['wang', '王科长', unit.id, [{ role: 'sectionHead', sectionId: s1.id }]],
    ['zhao', '赵副科长', unit.id, [{ role: 'sectionHead', sectionId: s1.id }]],
    ['chen', '陈科长', unit.id, [{ role: 'sectionHead', sectionId: s2.id }]],
    ['liu', '刘分管', unit.id, ['leader']],
    ['zhou', '周局长', unit.id, ['principal']],
    ['multi', '多岗人', unit.id, ['staff', { role: 'sectionHead', sectionId: s1.id }, 'leader']],
    ['wu', '吴分管', other.id, ['leader']],
    ['admin', '管理员', office.id, ['sysAdmin']],
    ['ducha', '督查员', office.id, ['inspector']],
    ['duty', '值班员', unit.id, ['dutyOfficer']],
    ['bao', '鲍保密', unit.id, ['secrecy']],
    ['gu', '顾保密', unit.id, ['secrecy']],
  ];
  const ids: Record<string, string> = {};
  for (const [username, displayName, unitId, roles] of people) {
    ids[username] = (await createUser(deps, 'system', { username, displayName, unitId, password: PASSWORD, roles })).id;
  }
  return {
    unitId: unit.id,
    otherUnitId: other.id,
    sectionId: s1.id,
    otherSectionId: s2.id,
    siteId: site.id,
    columnId: column.id,
    wechatId: wechat.id,
    otherSiteId: otherSite.id,
    ids,
    async actor(username) {
      const a = await loadActor(deps.db, ids[username]);
      assert.ok(a, username);
      return a;
    },
    draft: (over = {}) => ({
      title: '区科技局召开2026年科技创新工作会议',
      body: { format: 'text', content: '3月2日，区科技局召开科技创新工作会议。\n会议部署了全年重点工作。' },
      sectionId: s1.id,
      channels: [{ channelId: site.id, columnId: column.id }, { channelId: wechat.id }],
      itemType: 'original',
      major: false,
      ...over,
    }),
  };
}

/** 保密审查制度 第八条(一)(二): the disclosure opinion levels 1 and 2 send with an approval (none at other levels). */
export const DISCLOSE = {
  opinion: 'disclose',
  basisIds: ['ogi-19'],
  reason: '属于应主动公开的工作动态，不涉及国家秘密',
} as const;
export function disclosureAt(level: number): Record<string, unknown> | undefined {
  if (level === 1) return { ...DISCLOSE, basisIds: [...DISCLOSE.basisIds], secrecyMatter: false };
  if (level === 2) return { ...DISCLOSE, basisIds: [...DISCLOSE.basisIds] };
  return undefined;
}

/** The secrecy office (bao, unless another is named) gives 公开 so the item goes on to 三审. */
export async function passSecrecy(deps: Deps, org: PublishOrg, itemId: string, revision = 1, who = 'bao') {
  return giveOpinion(deps, await org.actor(who), { itemId, revision, ...DISCLOSE, basisIds: [...DISCLOSE.basisIds] });
}

export interface PublishApp {
  deps: TestDeps;
  app: FastifyInstance;
  org: PublishOrg;
  /** username → logged-in session */
  s: Record<string, Session>;
  close(): Promise<void>;
}

/** A fresh database with the fixture org, the HTTP server, and these people logged in. */
export async function openPublishApp(usernames: string[], env: Record<string, string> = {}): Promise<PublishApp> {
  const deps = await createTestDeps(env);
  const org = await buildPublishOrg(deps);
  const app = await buildServer(deps);
  const s: Record<string, Session> = {};
  for (const name of usernames) s[name] = await loginAs(app, name);
  return {
    deps,
    app,
    org,
    s,
    close: async () => {
      await app.close();
      await deps.close();
    },
  };
}

export interface Session {
  cookies: Record<string, string>;
  headers: Record<string, string>;
}

export async function loginAs(app: FastifyInstance, username: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  assert.equal(res.statusCode, 200, res.body);
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  assert.ok(token);
  return { cookies: { [SESSION_COOKIE]: token }, headers: { [CSRF_HEADER]: res.json().csrfToken } };
}

/** app.inject as a logged-in person (or anonymously with null). */
export function as(app: FastifyInstance, s: Session | null) {
  const send = (method: InjectOptions['method'], url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      ...(s ?? {}),
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload: unknown = {}) => send('POST', url, payload),
    put: (url: string, payload: unknown) => send('PUT', url, payload),
    delete: (url: string) => send('DELETE', url),
    /** multipart/form-data: text fields plus one file named `file`. */
    upload: (url: string, fields: Record<string, string>, file: { name: string; content: Buffer }) => {
      const form = multipart(fields, file);
      return app.inject({
        method: 'POST',
        url,
        cookies: s?.cookies,
        headers: { ...s?.headers, 'content-type': form.contentType },
        payload: form.body,
      });
    },
  };
}

function multipart(
  fields: Record<string, string>,
  file: { name: string; content: Buffer },
): { contentType: string; body: Buffer } {
  const boundary = '----gongkai-test-boundary';
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n`
        + 'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n',
    ),
    file.content,
    Buffer.from('\r\n'),
  );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

/** The smallest .docx Word and mammoth accept: content types, the package relationship, and the document body. */
export async function buildDocx(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/word/document.xml"'
      + ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      + '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1"'
      + ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
      + ' Target="word/document.xml"/>'
      + '</Relationships>',
  );
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join('');
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
      + `<w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
