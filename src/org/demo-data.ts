// 演示数据: the district's units as the gazette 綦江区人民政府公报 2022年第11期 names them
// (/work/shared/data/qijiang-gazette-2022-11.txt), with invented sections, channels and people.
// 机关代字 are those the gazette prints (綦江府办发, 綦城管发, 綦江人社); the others are left empty for the admin,
// not guessed. Sub-site addresses under www.cqqj.gov.cn (the portal the gazette names) are illustrative.
// People are invented demo names, none of them the officials the gazette mentions.
import type { ChannelKind, ColumnKind, Role, UnitKind } from './model.ts';

export const DEMO_PASSWORD = 'Gongkai@2026';

export interface DemoUnit {
  prefix: string; // pinyin initials: the username prefix
  name: string;
  fullName: string;
  kind: UnitKind;
  docCode: string | null;
  districtWide?: boolean;
  sections: string[]; // the first is where the demo staff member and section head sit
  media: string; // the new-media accounts' name, the same on both platforms as real accounts usually are
  mediaKinds: [ChannelKind, ChannelKind];
  site: { name: string; url: string };
}

const PORTAL = 'http://www.cqqj.gov.cn';

export const DEMO_UNITS: DemoUnit[] = [
  {
    prefix: 'ban',
    name: '区政府办公室',
    fullName: '重庆市綦江区人民政府办公室',
    kind: 'office',
    docCode: '綦江府办发',
    districtWide: true,
    sections: ['秘书科', '政务公开科', '督查科'],
    media: '綦江政务',
    mediaKinds: ['wechat', 'weibo'],
    site: { name: '重庆市綦江区人民政府网', url: `${PORTAL}/` },
  },
  {
    prefix: 'kjj',
    name: '区科技局',
    fullName: '重庆市綦江区科学技术局',
    kind: 'department',
    docCode: null,
    sections: ['办公室', '科技创新科', '成果转化科'],
    media: '綦江科技',
    mediaKinds: ['wechat', 'weibo'],
    site: { name: '区科技局网站', url: `${PORTAL}/bm/qkjj/` },
  },
  {
    prefix: 'cgj',
    name: '区城市管理局',
    fullName: '重庆市綦江区城市管理局',
    kind: 'department',
    docCode: '綦城管发',
    sections: ['办公室', '市容环境卫生科', '政策法规科'],
    media: '綦江城管',
    mediaKinds: ['wechat', 'douyin'],
    site: { name: '区城市管理局网站', url: `${PORTAL}/bm/qcgj/` },
  },
  {
    prefix: 'rsj',
    name: '区人力社保局',
    fullName: '重庆市綦江区人力资源和社会保障局',
    kind: 'department',
    docCode: '綦江人社',
    sections: ['办公室', '创业指导科', '政策法规科'],
    media: '綦江人社',
    mediaKinds: ['wechat', 'douyin'],
    site: { name: '区人力社保局网站', url: `${PORTAL}/bm/qrlsbj/` },
  },
  {
    prefix: 'fgw',
    name: '区发展改革委',
    fullName: '重庆市綦江区发展和改革委员会',
    kind: 'department',
    docCode: null,
    sections: ['办公室', '产业发展科', '价格科'],
    media: '綦江发改',
    mediaKinds: ['wechat', 'weibo'],
    site: { name: '区发展改革委网站', url: `${PORTAL}/bm/qfzggw/` },
  },
  {
    prefix: 'jgsw',
    name: '区机关事务管理中心',
    fullName: '重庆市綦江区机关事务管理中心',
    kind: 'other',
    docCode: null,
    sections: ['办公室', '公共机构节能科'],
    media: '綦江机关事务',
    mediaKinds: ['wechat', 'weibo'],
    site: { name: '区机关事务管理中心网站', url: `${PORTAL}/bm/qjgswglzx/` },
  },
  {
    prefix: 'dxz',
    name: '东溪镇',
    fullName: '重庆市綦江区东溪镇人民政府',
    kind: 'town',
    docCode: null,
    sections: ['党政办公室', '经济发展办公室', '社会事务办公室'],
    media: '綦江东溪',
    mediaKinds: ['wechat', 'douyin'],
    site: { name: '东溪镇网站', url: `${PORTAL}/zj/dxz/` },
  },
  {
    prefix: 'dtz',
    name: '打通镇',
    fullName: '重庆市綦江区打通镇人民政府',
    kind: 'town',
    docCode: null,
    sections: ['党政办公室', '经济发展办公室', '社会事务办公室'],
    media: '綦江打通',
    mediaKinds: ['wechat', 'douyin'],
    site: { name: '打通镇网站', url: `${PORTAL}/zj/dtz/` },
  },
];

/** Columns (栏目) of every website, by kind (DOMAIN §5 keys the freshness rule on the kind). */
export const DEMO_COLUMNS: { name: string; kind: ColumnKind }[] = [
  { name: '工作动态', kind: '动态要闻' },
  { name: '通知公告', kind: '通知公告' },
  { name: '政策文件', kind: '政策文件' },
  { name: '政策解读', kind: '互动回应' },
];

/** The roles every unit has one demo person for, with the username suffix. */
export const UNIT_ROLES: { role: Role; suffix: string }[] = [
  { role: 'staff', suffix: 'staff' },
  { role: 'sectionHead', suffix: 'section' },
  { role: 'leader', suffix: 'leader' },
  { role: 'principal', suffix: 'principal' },
  { role: 'secrecy', suffix: 'secrecy' },
  { role: 'dutyOfficer', suffix: 'duty' },
  { role: 'dutyLeader', suffix: 'dutyleader' },
];

/** District-wide people, all in 区政府办公室: the three administrators are three people (三员分立, DOMAIN §1); the
 *  公报室 compiles the 政府公报. */
export const DISTRICT_ROLES: { role: Role; username: string }[] = [
  { role: 'egovCenter', username: 'egov' },
  { role: 'inspector', username: 'inspector' },
  { role: 'sysAdmin', username: 'sysadmin' },
  { role: 'securityAdmin', username: 'secadmin' },
  { role: 'auditAdmin', username: 'auditor' },
  { role: 'gazette', username: 'gazette' },
];

export interface DemoUser {
  username: string;
  name: string;
  unit: string; // the unit's short name
  role: Role;
  section: string | null; // staff and section head: the unit's first section
  email: string; // a reserved-looking domain (.local): demo mail never reaches a real mailbox
}

// Invented names: surname i mod 20 with given name 7i mod 29 never repeats for fewer than 580 people.
const SURNAMES = [...'王李张刘陈杨黄周吴徐孙马朱胡郭何林谢韩冯'];
const GIVEN = [...'明红伟芳军静强敏磊丽洋艳勇娜杰霞涛玲斌颖鹏慧超萍浩婷亮倩辉'];
const demoName = (i: number) => SURNAMES[i % SURNAMES.length] + GIVEN[(7 * i) % GIVEN.length];

const demoEmail = (username: string) => `${username}@demo.gongkai.local`;

function buildDemoUsers(): DemoUser[] {
  const out: DemoUser[] = [];
  for (const unit of DEMO_UNITS) {
    for (const { role, suffix } of UNIT_ROLES) {
      const section = role === 'staff' || role === 'sectionHead' ? unit.sections[0] : null;
      const username = `${unit.prefix}.${suffix}`;
      out.push({ username, name: demoName(out.length), unit: unit.name, role, section, email: demoEmail(username) });
    }
  }
  const office = DEMO_UNITS[0];
  for (const { role, username } of DISTRICT_ROLES) {
    out.push({
      username,
      name: demoName(out.length),
      unit: office.name,
      role,
      section: null,
      email: demoEmail(username),
    });
  }
  return out;
}

/** Every demo account (one password, DEMO_PASSWORD), for the README, tests and the login page hint. */
export const DEMO_USERS: readonly DemoUser[] = buildDemoUsers();
