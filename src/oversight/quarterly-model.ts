// 季度检查 self-report (国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》, INSPECTION.md): per website and per
// new-media account of a unit, each 单项否决 item judged from the 读网值班 record of the quarter (weekly availability
// shares, the incidents the monitors opened, the latest statuses) with the evidence behind it, and the 扣分 items. A
// site that hits any veto item fails outright; otherwise its score is 100 minus the deductions and it passes at 80 or
// above. An item the monitors cannot see (互动 without a registered 互动 column, a new-media account's comment
// function) is 待人工核实, never a silent pass. Pure: facts in, the report out.

export const PASS_SCORE = 80; // 检查指标：扣分指标总分低于 80 分为不合格
export const INTERACTION_DAYS = 92; // 政务咨询 留言 unanswered > 3 months is a veto; the 互动 list must show a reply within

export const OUTCOMES = ['pass', 'warning', 'fail', 'manual'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_NAME: Record<Outcome, string> = {
  pass: '符合',
  warning: '预警',
  fail: '单项否决',
  manual: '待人工核实',
};

export const SITE_VETOES = [
  'unreachable',
  'homepageStale',
  'staleColumns',
  'blankColumns',
  'interaction',
  'seriousError',
  'secretLeak',
  'harmfulLinks',
  'darkLinks',
  'defaced',
] as const;
export const ACCOUNT_VETOES = ['dormant', 'interactionFunction', 'seriousError', 'secretLeak'] as const;
export type VetoKey = (typeof SITE_VETOES)[number] | (typeof ACCOUNT_VETOES)[number];

export const VETO: Record<VetoKey, { name: string; line: string }> = {
  unreachable: { name: '站点无法访问', line: '任一 7 天内首页探测失败比例 ≥ 5%（每天不少于 20 次探测）' },
  homepageStale: { name: '首页不更新', line: '首页超过 14 天无新的带日期信息' },
  staleColumns: {
    name: '栏目不更新',
    line: '动态要闻、通知公告、政策文件栏目超期未更新合计 ≥ 5 个，或应更新栏目超期 ≥ 10 个',
  },
  blankColumns: { name: '空白栏目', line: '空白栏目 ≥ 5 个' },
  interaction: { name: '互动回应差', line: `互动栏目超过 3 个月（${INTERACTION_DAYS} 天）无新的答复` },
  seriousError: {
    name: '严重表述错误',
    line: '页面上任一严重表述错误（领导姓名职务、国家和机关名称、政治表述、行政区划）',
  },
  secretLeak: { name: '泄密', line: '页面上出现密级标志或未遮盖的个人信息（身份证号、手机号、银行卡号）' },
  harmfulLinks: { name: '链接有害内容', line: '链接到赌博、色情等有害内容或被劫持的域名' },
  darkLinks: { name: '暗链', line: '页面上有读者看不见、搜索引擎读得到的外站链接' },
  defaced: { name: '页面被篡改', line: '不应变化的页面被篡改（挂马、篡改未及时处置）' },
  dormant: { name: '僵尸号', line: '检查前 2 周内无新发布' },
  interactionFunction: { name: '互动功能不可用', line: '留言、评论、菜单等互动功能无法使用' },
};

/** Finding categories of 智能校对 that are a 泄密 (personal data, a 密级 marking) rather than a 表述错误. */
const LEAK_CATEGORIES = ['pii', 'sensitive'];

export interface Evidence {
  at: string; // ISO
  summary: string;
  incidentId?: string;
  url?: string;
}

export interface VetoResult {
  key: VetoKey;
  name: string;
  line: string;
  outcome: Outcome;
  note: string;
  evidence: Evidence[];
}

export interface Deduction {
  key: string;
  name: string;
  count: number;
  points: number;
  evidence: Evidence[];
}

/** An incident of the monitors that overlapped the quarter. */
export interface IncidentFact {
  id: string;
  rule: string;
  level: string;
  summary: string;
  details: Record<string, unknown>;
  openedAt: string;
  lastObservedAt: string;
  stateName: string;
}

/** One trailing 7-day availability window ending in the quarter. */
export interface WeekShare {
  to: string; // ISO end of the window
  total: number;
  level: 'ok' | 'warning' | 'veto' | 'unchecked';
  text: string;
}

/** A latest status of a monitor on the site observed in the quarter (dead links are counted from these). */
export interface StatusFact {
  rule: string;
  level: string;
  summary: string;
  details: Record<string, unknown>;
  observedAt: string;
}

export interface SiteFacts {
  weeks: WeekShare[];
  incidents: IncidentFact[];
  statuses: StatusFact[];
  /** The registered 互动 columns with the newest dated entry their list showed (undefined: none seen). */
  interactionColumns: { name: string; newest?: string; observedAt?: string }[];
  /** The last day of the quarter (or today, if earlier), YYYY-MM-DD. */
  asOf: string;
}

export interface Verdict {
  vetoes: VetoResult[];
  deductions: Deduction[];
  score: number;
  passed: boolean;
  result: string;
}

const evidenceOf = (i: IncidentFact): Evidence => ({
  at: i.openedAt,
  summary: `${i.summary}（${i.stateName}）`,
  incidentId: i.id,
  ...(typeof i.details.url === 'string' ? { url: i.details.url } : {}),
});

function item(key: VetoKey, outcome: Outcome, note: string, evidence: Evidence[]): VetoResult {
  return { key, ...VETO[key], outcome, note, evidence };
}

/**
 * A veto item read from the quarter's record of some rules: the incidents that overlapped the quarter and the latest
 * statuses observed in it (one incident per monitor and target takes in later rules of the same monitor, so an
 * incident's own rule is not the whole record). A veto-level one fails the item, a lower one warns.
 */
function fromRecord(
  key: VetoKey,
  f: { incidents: IncidentFact[]; statuses?: StatusFact[] },
  rules: string[],
  keep = (_: { details: Record<string, unknown> }) => true,
) {
  const hits = f.incidents.filter((i) => rules.includes(i.rule) && keep(i));
  const seen = new Set(hits.map((i) => i.summary));
  const statuses = (f.statuses ?? []).filter(
    (s) => rules.includes(s.rule) && s.level !== 'ok' && keep(s) && !seen.has(s.summary),
  );
  const all = [
    ...hits.map((i) => ({ level: i.level, evidence: evidenceOf(i) })),
    ...statuses.map((s) => ({ level: s.level, evidence: statusEvidence(s) })),
  ];
  const vetoes = all.filter((x) => x.level === 'veto');
  if (vetoes.length)
    return item(
      key,
      'fail',
      `本季度 ${vetoes.length} 项`,
      vetoes.map((x) => x.evidence),
    );
  if (all.length)
    return item(
      key,
      'warning',
      `本季度 ${all.length} 项预警`,
      all.map((x) => x.evidence),
    );
  return item(key, 'pass', '本季度监测未发现', []);
}

const statusEvidence = (s: StatusFact): Evidence => ({
  at: s.observedAt,
  summary: s.summary,
  ...(typeof s.details.url === 'string' ? { url: s.details.url } : {}),
});

const categoriesOf = (i: { details: Record<string, unknown> }): string[] => {
  const findings = Array.isArray(i.details.findings) ? (i.details.findings as { category?: unknown }[]) : [];
  return findings.map((f) => String(f.category ?? ''));
};
const isLeak = (i: { details: Record<string, unknown> }) => categoriesOf(i).some((c) => LEAK_CATEGORIES.includes(c));
const isWording = (i: { details: Record<string, unknown> }) => {
  const cats = categoriesOf(i);
  return cats.length === 0 || cats.some((c) => !LEAK_CATEGORIES.includes(c));
};

function unreachable(f: SiteFacts): VetoResult {
  const measured = f.weeks.filter((w) => w.level !== 'unchecked');
  if (!measured.length) return item('unreachable', 'manual', '本季度没有首页探测记录', []);
  const bad = measured.filter((w) => w.level !== 'ok');
  const outages = f.incidents.filter((i) => i.rule === 'homepage-unreachable').map(evidenceOf);
  const weeks = bad.map((w) => ({ at: w.to, summary: `截至该时刻${w.text}` }));
  const worst = bad.some((w) => w.level === 'veto') ? 'fail' : bad.length ? 'warning' : 'pass';
  const note = `按 ${measured.length} 个 7 天窗口判定${bad.length ? `，${bad.length} 个超线` : '，均未超线'}`;
  return item('unreachable', worst, note, [...weeks, ...outages]);
}

const DAY_MS = 86400000;
const daysBetween = (from: string, to: string) => Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS);

function interaction(f: SiteFacts): VetoResult {
  if (!f.interactionColumns.length) return item('interaction', 'manual', '未登记互动栏目，监测无法判断', []);
  const stale = f.interactionColumns.filter((c) => !c.newest || daysBetween(c.newest, f.asOf) > INTERACTION_DAYS);
  const evidence = stale.map((c) => ({
    at: c.observedAt ?? `${f.asOf}T00:00:00.000Z`,
    summary: c.newest
      ? `互动栏目「${c.name}」最新答复日期 ${c.newest}，至 ${f.asOf} 已 ${daysBetween(c.newest, f.asOf)} 天`
      : `互动栏目「${c.name}」没有可见日期的答复`,
  }));
  if (stale.length) return item('interaction', 'fail', `${stale.length} 个互动栏目超过 3 个月无答复`, evidence);
  return item('interaction', 'pass', `${f.interactionColumns.length} 个互动栏目 3 个月内有答复`, []);
}

/** 错链断链 (INSPECTION.md: −0.1 each on inner pages; homepage links weigh more) and text not the approved one. */
export const DEAD_LINK_POINTS = { inner: 0.1, homepage: 0.5 };
export const MISMATCH_POINTS = 1;

function deductions(f: SiteFacts): Deduction[] {
  const dead = f.statuses.filter((s) => s.rule === 'dead-link' && s.level !== 'ok');
  const onHome = dead.filter((s) => s.details.onHomepage === true);
  const linkEvidence = (list: StatusFact[]) => list.map(statusEvidence);
  const mismatch = f.incidents.filter((i) => i.rule === 'text-mismatch');
  return [
    {
      key: 'homepageLinks',
      name: '首页错链断链',
      count: onHome.length,
      points: round1(onHome.length * DEAD_LINK_POINTS.homepage),
      evidence: linkEvidence(onHome),
    },
    {
      key: 'innerLinks',
      name: '其他页面错链断链',
      count: dead.length - onHome.length,
      points: round1((dead.length - onHome.length) * DEAD_LINK_POINTS.inner),
      evidence: linkEvidence(dead.filter((s) => s.details.onHomepage !== true)),
    },
    {
      key: 'textMismatch',
      name: '页面文字与审定稿不符',
      count: mismatch.length,
      points: mismatch.length * MISMATCH_POINTS,
      evidence: mismatch.map(evidenceOf),
    },
  ];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function verdictOf(vetoes: VetoResult[], deducted: Deduction[]): Verdict {
  const score = Math.max(0, round1(100 - deducted.reduce((s, d) => s + d.points, 0)));
  const failed = vetoes.filter((v) => v.outcome === 'fail');
  const passed = failed.length === 0 && score >= PASS_SCORE;
  const manual = vetoes.filter((v) => v.outcome === 'manual').length;
  const result = failed.length
    ? `不合格（单项否决：${failed.map((v) => v.name).join('、')}）`
    : score < PASS_SCORE
      ? `不合格（得分 ${score}，低于 ${PASS_SCORE} 分）`
      : `合格${manual ? `（${manual} 项待人工核实）` : ''}`;
  return { vetoes, deductions: deducted, score, passed, result };
}

export function judgeSite(f: SiteFacts): Verdict {
  return verdictOf(
    [
      unreachable(f),
      fromRecord('homepageStale', f, ['homepage-stale']),
      fromRecord('staleColumns', f, ['stale-columns']),
      fromRecord('blankColumns', f, ['blank-columns']),
      interaction(f),
      fromRecord('seriousError', f, ['serious-finding'], isWording),
      fromRecord('secretLeak', f, ['serious-finding'], isLeak),
      fromRecord('harmfulLinks', f, ['bad-domain']),
      fromRecord('darkLinks', f, ['hidden-link']),
      fromRecord('defaced', f, ['defaced']),
    ],
    deductions(f),
  );
}

export interface AccountFacts {
  incidents: IncidentFact[];
  statuses: StatusFact[];
  /** The last-post date the duty officer entered or the feed showed, and its age at the end of the quarter. */
  lastPostOn: string | null;
  asOf: string;
}

export function judgeAccount(f: AccountFacts): Verdict {
  const dormant = fromRecord('dormant', f, ['account-dormant']);
  const days = f.lastPostOn ? daysBetween(f.lastPostOn, f.asOf) : null;
  const last: Evidence[] = f.lastPostOn
    ? [{ at: `${f.asOf}T00:00:00.000Z`, summary: `最近发布日期 ${f.lastPostOn}，至 ${f.asOf} 已 ${days} 天` }]
    : [];
  const dormantNow = days !== null && days >= 14 ? item('dormant', 'fail', `已 ${days} 天未发布`, last) : null;
  return verdictOf(
    [
      dormantNow && dormant.outcome !== 'fail' ? dormantNow : { ...dormant, evidence: [...dormant.evidence, ...last] },
      item('interactionFunction', 'manual', '互动功能无自动监测，须人工核实', []),
      fromRecord('seriousError', f, ['serious-finding'], isWording),
      fromRecord('secretLeak', f, ['serious-finding'], isLeak),
    ],
    [],
  );
}

/** '2026Q1' → its first and last day (YYYY-MM-DD); null if not a quarter. */
export function quarterDays(quarter: string): { from: string; to: string } | null {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const year = Number(m[1]);
  const q = Number(m[2]);
  const from = `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`;
  const last = new Date(Date.UTC(year, q * 3, 0)).getUTCDate();
  return { from, to: `${year}-${String(q * 3).padStart(2, '0')}-${last}` };
}
