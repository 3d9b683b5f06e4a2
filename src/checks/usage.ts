// 用词 (warnings with a suggestion): 的/地/得 — an adverbial before a verb takes 地 (认真的学习 → 认真地学习), a
// complement of degree after a verb takes 得 (做的很好 → 做得很好) — and verb–object pairs that do not go together
// (提高力度 → 加大力度). Each rule needs its context on both sides, because 的 before a nominalised verb is right
// (进行了认真的学习, 有效的解决办法): those contexts are what the checks below rule out.
import { scannerOf, type DictionaryRule, type DictionaryScanner } from './dictionary-scan.ts';
import { finding, type RawFinding } from './model.ts';

const ADVERBIAL =
  '认认真真|扎扎实实|踏踏实实|实事求是|不折不扣|积极主动|认真|积极|扎实|深入|全面|切实|有效|充分|严格|主动|广泛|持续|稳步|有序|'
  + '高效|坚决|迅速|及时|彻底|逐步|稳妥|精准|准确|合理|努力|不断|大力|深刻|热情|耐心|细致|妥善|顺利|圆满|牢牢|紧紧|'
  + '自觉|全力|尽快|清醒|默默|悄悄|慢慢|渐渐|热烈|亲切|牢固|科学|依法|精心|用心|悉心|大胆|如实|严肃|创造性|统筹|系统|'
  + '实实在在|明明白白|清清楚楚|仔仔细细|稳稳当当|老老实实|兢兢业业|勤勤恳恳|原原本本|真真切切';
const VERB =
  '落实|推进|推动|贯彻|执行|抓好|做好|完成|解决|处理|开展|实施|参与|配合|学习|领会|把握|谋划|部署|组织|宣传|整改|排查|'
  + '核查|督促|指导|回应|应对|保障|维护|遵守|履行|发挥|对待|看待|投入|支持|融入|服务|查处|纠正|制止|清理|防范|化解|'
  + '研究|思考|分析|调查|检查|监督|管理|宣讲|传达|投身|参加|加入|落地|运用|使用|利用|挖掘|探索|争取|报送|上报|反映|'
  + '对接|衔接|协调|沟通|帮助|关心|保护|改进|深化|巩固|拓展|完善|健全|引导|推广|营造|打造|构建|树立|弘扬|践行|遵循|'
  + '做|干|办|抓|查|改|走|跑|说|讲|想|写|看|听';
/** Words after the verb that make “ADV 的 VERB” a noun phrase: 有效的解决办法, 认真的学习态度, 积极的参与者. */
const NOUN_HEAD = new RegExp(
  `^(${words(
    '作用 办法 态度 方式 方法 措施 工作 精神 过程 成果 机制 体系 能力 '
      + '要求 意识 氛围 基础 条件 目标 任务 举措 效果 局面 势头 力度 水平 '
      + '阶段 格局 模式 环境 成效 经验 制度 政策 计划 方案 活动 '
      + '行动 责任 质量 程度 时间 期间 者 人 员 们 '
      + '途径 路径 手段 思路 对象 内容 范围 领域 体制 平台 渠道 队伍 部门 '
      + '单位 项目',
  )})`,
);
/** Words before “ADV 的 VERB” that take a noun object: 进行了认真的学习, 得到有效的解决. */
const NOMINAL_CONTEXT = new RegExp(
  `(${words(
    '进行 开展 作 做 做出 作出 做好 作好 给予 予以 加以 得到 受到 引起 '
      + '展开 经过 通过 有 是 需要 坚持 实现 实行 实施 提供 接受 加强 开始 '
      + '组织 经 得 获得 赢得 离不开 依靠 靠 在 对',
  )})[了过着]?[^，。；！？\\n]{0,6}$`,
);
/** A regular-expression alternation of space-separated words. */
function words(list: string): string {
  return list.trim().split(/\s+/).join('|');
}
const ADVERBIALS = words(ADVERBIAL).split('|');
const DEGREE_VERB =
  '做 干 办 搞 抓 完成 落实 开展 推进 执行 发展 建设 进行 组织 保持 治理 整治 实施 跑 学 长 变 来 过 走 活';
const DEGREE_ADJ = words(
  '好 快 扎实 到位 出色 认真 细致 及时 不错 顺利 圆满 漂亮 明显 充分 彻底 清楚 深入 有序 规范 成功 精彩 红火 热闹 '
    + '迅速 稳 有效 踏实 实 优秀 突出 好看 慢 早 晚 高 低 多 少 对',
);
const VERB_AT = new RegExp(`(?:${VERB})`, 'y');
const DEGREE_AT = new RegExp(
  `(很|非常|十分|特别|相当|比较|更加|越来越|更|太|还算|最)(${DEGREE_ADJ})(?=[，。！；、,!;\\n]|$)`,
  'y',
);
const DI_WORDS = '我们 他们 你们 人民 群众 国家 重要 伟大 美丽 良好 和谐 崭新 光荣 艰巨 深远 丰硕 显著 辉煌';
const DI_NOUN_AT = new RegExp(
  `(?:${words('任务 作用 意义 成就 环境 利益 局面 氛围 贡献 成绩 成果 家园 事业 使命 形象 风景 问题 要求 领导')})`,
  'y',
);
/** [verb, object, the verb that goes with the object]: 提高力度 → 加大力度 (现代汉语搭配词典；公文常见病句). */
const COLLOCATIONS: [string, string, string][] = [
  ['提高', '力度', '加大'],
  ['增强', '力度', '加大'],
  ['加强', '力度', '加大'],
  ['加快', '力度', '加大'],
  ['增加', '力度', '加大'],
  ['提升', '力度', '加大'],
  ['加大', '水平', '提高'],
  ['增强', '水平', '提高'],
  ['改善', '水平', '提高'],
  ['增加', '水平', '提高'],
  ['加强', '水平', '提高'],
  ['加大', '步伐', '加快'],
  ['提高', '步伐', '加快'],
  ['加强', '步伐', '加快'],
  ['加大', '速度', '加快'],
  ['提高', '规模', '扩大'],
  ['增强', '规模', '扩大'],
  ['提高', '信心', '增强'],
  ['发扬', '作用', '发挥'],
  ['发挥', '精神', '发扬'],
  ['发挥', '传统', '发扬'],
  ['发扬', '优势', '发挥'],
  ['改善', '效率', '提高'],
  ['增加', '效率', '提高'],
  ['加强', '效率', '提高'],
  ['增强', '效率', '提高'],
  ['降低', '差距', '缩小'],
  ['减少', '差距', '缩小'],
  ['召开', '活动', '举办'],
  ['开展', '会议', '召开'],
  ['发挥', '贡献', '作出'],
  ['解决', '需求', '满足'],
  ['满足', '问题', '解决'],
  ['履行', '权利', '行使'],
  ['行使', '义务', '履行'],
  ['行使', '职责', '履行'],
];
const COLLOCATION_VERBS = [...new Set(COLLOCATIONS.map(([v]) => v))];
const OTHER_VERB = new RegExp(
  [...new Set(COLLOCATIONS.flatMap(([v, , r]) => [v, r]))].concat(['促进', '推动', '保持', '形成']).join('|'),
);
const RIGHT_VERB = new Map(COLLOCATIONS.map(([v, o, r]) => [`${v}|${o}`, r]));
const OBJECTS = [...new Set(COLLOCATIONS.map(([, o]) => o))];

const COLLOCATION_AT = new RegExp(`([^，。；：！？、,;:!?和与及\\n]{0,8}?)(${OBJECTS.join('|')})`, 'y');

type Probe = { kind: 'adverbial' | 'degree' | 'di'; head: string } | { kind: 'verb'; head: string };

/** The 的/地/得 and collocation rules as patterns of the shared automaton: the text is scanned once for all
 *  detectors, and each rule looks at its context only where its words occur. */
export function buildUsageChecker(): DictionaryRule & DictionaryScanner {
  const probes: Probe[] = [];
  for (const a of ADVERBIALS) {
    probes.push({ kind: 'adverbial', head: `${a}的` }, { kind: 'adverbial', head: `${a}得` });
  }
  for (const v of words(DEGREE_VERB).split('|')) probes.push({ kind: 'degree', head: `${v}的` });
  for (const w of words(DI_WORDS).split('|')) probes.push({ kind: 'di', head: `${w}地` });
  for (const v of COLLOCATION_VERBS) probes.push({ kind: 'verb', head: v });
  return scannerOf({
    patterns: probes.map((p) => p.head),
    start(text) {
      const out: RawFinding[] = [];
      return {
        finish: () => out,
        match(p, start, end) {
          const probe = probes[p];
          const f = check(text, probe.kind, start, end);
          if (f) out.push(f);
        },
      };
    },
  });
}

function check(text: string, kind: Probe['kind'], start: number, end: number): RawFinding | null {
  const head = text.slice(start, end - 1);
  const mark = text[end - 1];
  if (kind === 'adverbial') {
    VERB_AT.lastIndex = end;
    const verb = VERB_AT.exec(text);
    if (!verb) return null;
    const after = end + verb[0].length;
    if (NOUN_HEAD.test(text.slice(after, after + 2)) || text[end] === '确') return null;
    if (mark === '的' && NOMINAL_CONTEXT.test(text.slice(Math.max(0, start - 12), start))) return null;
    // 最积极的 … / 不认真的 … are adverbials too; only a longer adverbial ending here (扎扎实实 vs 实实) is left to
    // its own pattern.
    return deFinding(end - 1, mark, '地', `“${head}”修饰动词“${verb[0]}”作状语，应用“地”`);
  }
  if (kind === 'degree') {
    DEGREE_AT.lastIndex = end;
    const m = DEGREE_AT.exec(text);
    if (!m) return null;
    return deFinding(end - 1, '的', '得', `动词“${head}”后接程度补语“${m[1]}${m[2]}”，应用“得”`);
  }
  if (kind === 'di') {
    DI_NOUN_AT.lastIndex = end;
    const m = DI_NOUN_AT.exec(text);
    if (!m) return null;
    return deFinding(end - 1, '地', '的', `“${head}”修饰名词“${m[0]}”作定语，应用“的”`);
  }
  const verb = text.slice(start, end);
  COLLOCATION_AT.lastIndex = end;
  const m = COLLOCATION_AT.exec(text);
  if (!m || OTHER_VERB.test(m[1])) return null;
  const right = RIGHT_VERB.get(`${verb}|${m[2]}`);
  if (!right) return null;
  return finding(
    'usage.collocation',
    'usage',
    'warning',
    start,
    end,
    `搭配不当：“${verb}……${m[2]}”，应为“${right}……${m[2]}”`,
    right,
  );
}

function deFinding(at: number, wrong: string, right: string, why: string): RawFinding {
  return finding('usage.de', 'usage', 'warning', at, at + 1, `的地得误用：${why}（“${wrong}”→“${right}”）`, right);
}
