// Builds the labelled proofreading corpus of the classes in src/checks owned by the accuracy work (规范表述, 标点,
// 用词, 个人信息, 全文一致): `node --import tsx bench/proofreading-corpus.ts` writes test/fixtures/proofreading/*.jsonl.
// Each case is a sentence built from a frame of government prose and a form taken from the cited source (the
// erroneous form, or the correct form and the look-alikes a careless rule would flag). Deterministic: the same
// files every run. Other engineers' files in that folder (typos.jsonl, leaders.jsonl) are not touched.
import { writeFileSync } from 'node:fs';
import type { ProofreadingCase } from './proofreading-case.ts';

type Case = ProofreadingCase;

const OUT = new URL('../test/fixtures/proofreading/', import.meta.url);
const files = new Map<string, Case[]>();
const add = (file: string, c: Case) => {
  const list = files.get(file) ?? [];
  list.push(c);
  files.set(file, list);
};
const err = (file: string, cls: string, text: string, expect: string, source: string) =>
  add(file, { text, class: cls, error: true, expect, source });
const ok = (file: string, cls: string, text: string, source: string) =>
  add(file, { text, class: cls, error: false, expect: null, source });

const XINHUA = '新华社新闻信息报道中的禁用词和慎用词（2016年7月修订）';
const OWN = '自拟（依据所列规范构造）';

// —— 规范表述：战略、倡议的规范名称 ——
const STRATEGY: [string, string, string][] = [
  ['一带一路战略', '“一带一路”倡议', '国家发展改革委等关于规范“一带一路”倡议英文译法的通知（2017）'],
  ['一带一路计划', '“一带一路”倡议', '国家发展改革委等关于规范“一带一路”倡议英文译法的通知（2017）'],
  ['五位一体战略布局', '“五位一体”总体布局', '中国共产党章程'],
  ['四个全面总体布局', '“四个全面”战略布局', '中国共产党章程'],
  ['习近平思想', '习近平新时代中国特色社会主义思想', '中国共产党章程'],
  ['邓小平思想', '邓小平理论', '中国共产党章程'],
  ['三个代表思想', '“三个代表”重要思想', '中国共产党章程'],
  ['扶贫攻坚', '脱贫攻坚', '中共中央 国务院关于打赢脱贫攻坚战的决定（2015）'],
  ['供给侧改革', '供给侧结构性改革', '中央经济工作会议（2015）'],
  ['京津冀一体化', '京津冀协同发展', '京津冀协同发展规划纲要（2015）'],
  ['长江经济带开发', '长江经济带发展', '长江经济带发展规划纲要（2016）'],
  ['成渝双城经济圈', '成渝地区双城经济圈', '成渝地区双城经济圈建设规划纲要（2021）'],
  ['成渝经济圈', '成渝地区双城经济圈', '成渝地区双城经济圈建设规划纲要（2021）'],
  ['粤港澳湾区', '粤港澳大湾区', '粤港澳大湾区发展规划纲要（2019）'],
  ['乡村复兴战略', '乡村振兴战略', '党的十九大报告'],
  ['科教强国战略', '科教兴国战略', '党的二十大报告'],
  ['人才兴国战略', '人才强国战略', '党的二十大报告'],
  ['创新发展驱动战略', '创新驱动发展战略', '党的二十大报告'],
  ['区域发展协调战略', '区域协调发展战略', '党的二十大报告'],
  ['人类命运联合体', '人类命运共同体', '中国共产党章程'],
  ['国家治理能力和治理体系现代化', '国家治理体系和治理能力现代化', '党的十八届三中全会决定'],
  ['坚决维护习近平同志党中央的核心', '坚决维护习近平总书记党中央的核心', '党的十九届六中全会决议'],
  ['确立习近平总书记党中央的核心', '确立习近平同志党中央的核心', '党的十九届六中全会决议'],
];
const STRATEGY_FRAMES = [
  (w: string) => `全区上下要深入贯彻${w}，推动各项工作落地见效。`,
  (w: string) => `会议强调，要把${w}的要求落实到具体工作中。`,
  (w: string) => `我局围绕${w}，制定了年度工作要点。`,
  (w: string) => `各镇街要结合实际，认真研究${w}相关举措。`,
  (w: string) => `报告回顾了${w}实施以来取得的成绩。`,
];
for (const [wrong, right, source] of STRATEGY) {
  for (const frame of STRATEGY_FRAMES) {
    err('formulation.jsonl', 'formulation.strategy', frame(wrong), wrong, source);
    ok('formulation.jsonl', 'formulation.strategy', frame(right), source);
  }
}
for (const text of [
  '全区坚持精准扶贫、精准脱贫基本方略。',
  '我区如期打赢脱贫攻坚战。',
  '深入推进供给侧结构性改革。',
  '推动成渝地区双城经济圈建设走深走实。',
  '共建“一带一路”倡议提出十周年。',
  '中国特色社会主义进入新时代。',
  '统筹推进“五位一体”总体布局、协调推进“四个全面”战略布局。',
  '实施科教兴国战略、人才强国战略、创新驱动发展战略。',
  '推动构建人类命运共同体。',
  '以习近平新时代中国特色社会主义思想为指导。',
  '坚持马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观。',
  '推进国家治理体系和治理能力现代化。',
  '深度融入长江经济带发展。',
  '积极服务京津冀协同发展和粤港澳大湾区建设。',
  '全面实施乡村振兴战略。',
]) {
  ok('formulation.jsonl', 'formulation.strategy', text, OWN);
}

// —— 规范表述：一个中国原则下的涉台港澳表述 ——
const ONE_CHINA: [string, string][] = [
  ['台湾政府', '台湾当局'],
  ['台湾总统', '台湾地区领导人'],
  ['台湾行政院', '台湾地区行政管理机构'],
  ['台湾立法院', '台湾地区立法机构'],
  ['中华民国总统', '台湾地区领导人'],
  ['国立台湾大学', '台湾大学'],
  ['中台关系', '两岸关系'],
  ['香港政府', '香港特别行政区政府'],
  ['澳门政府', '澳门特别行政区政府'],
  ['中港台', '内地、香港、台湾'],
];
const ONE_CHINA_FRAMES = [
  (w: string) => `报道援引了${w}的有关表态。`,
  (w: string) => `座谈会上，与会人员就${w}的相关情况交换了意见。`,
  (w: string) => `材料中提到${w}，请按规范表述修改。`,
  (w: string) => `此次交流活动邀请了${w}方面的人士参加。`,
];
for (const [wrong, right] of ONE_CHINA) {
  for (const frame of ONE_CHINA_FRAMES) {
    err('formulation.jsonl', 'formulation.one-china', frame(wrong), wrong, XINHUA);
    ok('formulation.jsonl', 'formulation.one-china', frame(right), XINHUA);
  }
}
const COUNTRIES = ['美国', '日本', '韩国', '新加坡', '德国', '法国', '英国', '泰国', '马来西亚', '澳大利亚'];
const PLACES = ['台湾', '香港', '澳门'];
COUNTRIES.forEach((c, i) => {
  const p = PLACES[i % 3];
  const q = COUNTRIES[(i + 3) % COUNTRIES.length];
  err('formulation.jsonl', 'formulation.one-china', `来自${c}、${q}、${p}等国家的客商参加了推介会。`, '国家', XINHUA);
  ok('formulation.jsonl', 'formulation.one-china', `来自${c}、${q}、${p}等国家和地区的客商参加了推介会。`, XINHUA);
  err('formulation.jsonl', 'formulation.one-china', `产品远销${p}、${c}等国。`, '等国', XINHUA);
  ok('formulation.jsonl', 'formulation.one-china', `产品远销${p}、${c}等国家和地区。`, XINHUA);
  err('formulation.jsonl', 'formulation.one-china', `中国与${p}的经贸往来日益密切。`, '中国', XINHUA);
  ok(
    'formulation.jsonl',
    'formulation.one-china',
    `${p === '台湾' ? '大陆' : '内地'}与${p}的经贸往来日益密切。`,
    XINHUA,
  );
  ok('formulation.jsonl', 'formulation.one-china', `中国${p}的客商与${c}客商一同参会。`, XINHUA);
});
for (const text of [
  '欢迎港澳台同胞回乡投资兴业。',
  '两岸同胞是血脉相连的一家人。',
  '台湾地区领导人的讲话引起关注。',
  '香港特别行政区政府代表团来访。',
  '中国国民党代表团参访重庆。',
  '台湾是中国领土不可分割的一部分。',
  '台湾同胞投资保护法实施以来成效明显。',
  '推动台湾国际航线相关议题交流。',
  '邀请香港、澳门特别行政区代表参加。',
  '澳门特别行政区成立二十周年。',
]) {
  ok('formulation.jsonl', 'formulation.one-china', text, OWN);
}

// —— 规范表述：被后来的法律、党的文件替换的表述（与成文日期有关） ——
const SUPERSEDED: [string, string, string, string][] = [
  ['新型冠状病毒肺炎', '新型冠状病毒感染', '2023年3月1日', '2021年3月1日'],
  ['新冠肺炎', '新冠病毒感染', '2023年5月6日', '2020年5月6日'],
  ['全面建设小康社会', '全面建成小康社会', '2015年6月1日', '2010年6月1日'],
  ['国家工商行政管理总局', '国家市场监督管理总局', '2020年4月3日', '2016年4月3日'],
  ['国家食品药品监督管理总局', '国家药品监督管理局', '2021年7月9日', '2017年7月9日'],
  ['国家卫生和计划生育委员会', '国家卫生健康委员会', '2019年8月8日', '2016年8月8日'],
  ['环境保护局', '生态环境局', '2022年9月1日', '2017年9月1日'],
  ['国土资源局', '规划和自然资源局', '2022年9月1日', '2017年9月1日'],
  ['安全生产监督管理局', '应急管理局', '2021年2月1日', '2016年2月1日'],
  ['国家旅游局', '文化和旅游部', '2020年1月2日', '2015年1月2日'],
  ['环境保护部', '生态环境部', '2020年1月2日', '2015年1月2日'],
  ['国土资源部', '自然资源部', '2020年1月2日', '2015年1月2日'],
];
const SUPERSEDED_FRAMES = [
  (w: string) => `按照${w}有关要求，认真做好相关工作。`,
  (w: string) => `请各单位将${w}相关材料于本月底前报送。`,
  (w: string) => `会议听取了${w}相关工作情况汇报。`,
];
for (const [wrong, right, after, before] of SUPERSEDED) {
  for (const frame of SUPERSEDED_FRAMES) {
    const src = '深化党和国家机构改革方案（2018）；国家卫生健康委员会公告2022年第7号；党的十八大报告';
    err('formulation.jsonl', 'formulation.superseded', `${frame(wrong)}\n${after}`, wrong, src);
    ok('formulation.jsonl', 'formulation.superseded', `${frame(wrong)}\n${before}`, src);
    ok('formulation.jsonl', 'formulation.superseded', `${frame(right)}\n${after}`, src);
  }
  ok('formulation.jsonl', 'formulation.superseded', `经原${wrong}批准，项目于当年立项。\n${after}`, OWN);
  ok('formulation.jsonl', 'formulation.superseded', `依据《${wrong}关于规范有关工作的通知》办理。\n${after}`, OWN);
}

// —— 规范表述：新华社禁用词和慎用词 ——
const XINHUA_WORDS: [string, string][] = [
  ['北朝鲜', '朝鲜'],
  ['南朝鲜', '韩国'],
  ['外蒙古', '蒙古国'],
  ['残废人', '残疾人'],
  ['残废军人', '残疾军人'],
  ['瞎子', '盲人'],
  ['聋子', '聋人'],
  ['弱智儿童', '智力障碍儿童'],
];
const XINHUA_FRAMES = [
  (w: string) => `活动当天，志愿者走访慰问了${w}代表。`,
  (w: string) => `报道中涉及${w}的内容须认真核对。`,
  (w: string) => `社区为${w}提供了上门服务。`,
];
for (const [wrong, right] of XINHUA_WORDS) {
  for (const frame of XINHUA_FRAMES) {
    err('formulation.jsonl', 'formulation.xinhua', frame(wrong), wrong, XINHUA);
    ok('formulation.jsonl', 'formulation.xinhua', frame(right), XINHUA);
  }
}
for (const [text, expect] of [
  ['王家村村长带领群众修路。', '村长'],
  ['记者采访了该村村长。', '村长'],
  ['村长说，今年的收成不错。', '村长'],
] as const) {
  err('formulation.jsonl', 'formulation.xinhua', text, expect, XINHUA);
}
for (const text of [
  '建立农村长效管护机制。',
  '推动乡村长远发展。',
  '新村长期坚持垃圾分类。',
  '村委会主任带领群众修路。',
  '全村长期以来以种植柑橘为主。',
]) {
  ok('formulation.jsonl', 'formulation.xinhua', text, OWN);
}

// —— 规范表述：职务层级重复 ——
const PLACES_CQ = ['綦江', '江津', '南川', '万盛', '涪陵', '渝北', '巴南', '北碚', '永川', '合川', '大足', '璧山'];
PLACES_CQ.forEach((p, i) => {
  const post = ['书记', '副书记', '常委'][i % 3];
  err('formulation.jsonl', 'formulation.doubled-level', `${p}区区委${post}出席会议并讲话。`, '区区', OWN);
  ok('formulation.jsonl', 'formulation.doubled-level', `${p}区委${post}出席会议并讲话。`, OWN);
  ok('formulation.jsonl', 'formulation.doubled-level', `${p}区区长主持会议。`, OWN);
  ok('formulation.jsonl', 'formulation.doubled-level', `主城区区委${post}座谈会召开。`, OWN);
});
for (const [p, l] of [
  ['重庆', '市'],
  ['成都', '市'],
  ['四川', '省'],
  ['贵州', '省'],
  ['遵义', '市'],
  ['奉节', '县'],
  ['巫山', '县'],
  ['石柱', '县'],
]) {
  err('formulation.jsonl', 'formulation.doubled-level', `${p}${l}${l}委书记到我区调研。`, `${l}${l}`, OWN);
  err('formulation.jsonl', 'formulation.doubled-level', `中共${p}${l}委${l}委常委会召开会议。`, `${l}委${l}委`, OWN);
  ok('formulation.jsonl', 'formulation.doubled-level', `${p}${l}委书记到我区调研。`, OWN);
  ok('formulation.jsonl', 'formulation.doubled-level', `中共${p}${l}委常委会召开会议。`, OWN);
}

// —— 规范表述：固定序列的顺序和完整性 ——
const SERIES: [string, string[], string, string][] = [
  ['四个意识', ['政治意识', '大局意识', '核心意识', '看齐意识'], '增强', '中国共产党章程'],
  ['四个自信', ['道路自信', '理论自信', '制度自信', '文化自信'], '坚定', '中国共产党章程'],
  ['四个全面', ['全面建设社会主义现代化国家', '全面深化改革', '全面依法治国', '全面从严治党'], '协调推进', '党章'],
  ['五位一体', ['经济建设', '政治建设', '文化建设', '社会建设', '生态文明建设'], '统筹推进', '党的十八大报告'],
  ['四个伟大', ['伟大斗争', '伟大工程', '伟大事业', '伟大梦想'], '推进', '党的十九大报告'],
  ['四风', ['形式主义', '官僚主义', '享乐主义', '奢靡之风'], '坚决纠治', '群众路线教育实践活动'],
  ['六稳', ['稳就业', '稳金融', '稳外贸', '稳外资', '稳投资', '稳预期'], '扎实做好', '中央政治局会议（2018）'],
  ['三去一降一补', ['去产能', '去库存', '去杠杆', '降成本', '补短板'], '持续推进', '中央经济工作会议（2015）'],
  ['四个不摘', ['摘帽不摘责任', '摘帽不摘政策', '摘帽不摘帮扶', '摘帽不摘监管'], '落实', '习近平讲话（2019）'],
  ['党的建设', ['政治建设', '思想建设', '组织建设', '作风建设', '纪律建设'], '全面推进党的', '党的十九大报告'],
  ['新发展理念', ['创新', '协调', '绿色', '开放', '共享'], '坚持', '党的十八届五中全会公报'],
];
for (const [label, items, verb, source] of SERIES) {
  const n = items.length;
  const swaps: string[][] = [];
  for (let k = 0; k + 1 < n; k++) {
    const s = [...items];
    [s[k], s[k + 1]] = [s[k + 1], s[k]];
    swaps.push(s);
  }
  swaps.push([...items].reverse());
  for (const s of swaps) {
    const text = `${verb}${s.join('、')}，推动各项工作取得新成效。`;
    err('formulation.jsonl', 'formulation.series', text, s.join('、'), source);
  }
  for (let k = 0; k < n; k++) {
    const s = items.filter((_, j) => j !== k);
    err('formulation.jsonl', 'formulation.series', `${verb}${s.join('、')}，${label}要落实到位。`, s[0], source);
  }
  ok('formulation.jsonl', 'formulation.series', `${verb}${items.join('、')}，推动各项工作取得新成效。`, source);
  ok(
    'formulation.jsonl',
    'formulation.series',
    `${verb}${items.slice(0, -1).join('、')}和${items[n - 1]}，确保落到实处。`,
    source,
  );
  ok('formulation.jsonl', 'formulation.series', `要把“${label}”贯穿工作全过程。`, source);
}
for (const text of [
  '维护自由、民主、人权等共同价值。',
  '推动创新、协调发展。',
  '坚持开放、共享的原则。',
  '建设民主、文明的社区。',
  '注重绿色、开放、共享发展。',
  '整治形式主义、官僚主义问题。',
  '加强政治建设、思想建设。',
  '经济建设、政治建设稳步推进。',
  '做到公平、公正、公开。',
  '增强政治意识、大局意识。',
  '坚持富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善。',
  '践行社会主义核心价值观：富强、民主、文明、和谐、自由、平等、公正、法治、爱国、敬业、诚信、友善。',
  '坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。',
  '深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。',
  '稳就业、稳金融两项工作成效明显。',
]) {
  ok('formulation.jsonl', 'formulation.series', text, OWN);
}
err(
  'formulation.jsonl',
  'formulation.series',
  '坚决维护党中央权威和集中统一领导，坚决维护习近平总书记党中央的核心、全党的核心地位。',
  '坚决维护党中央权威和集中统一领导',
  '党的十九届六中全会决议',
);
err(
  'formulation.jsonl',
  'formulation.series',
  '践行社会主义核心价值观，做到富强、文明、民主、和谐。',
  '富强、文明、民主、和谐',
  '关于培育和践行社会主义核心价值观的意见（2013）',
);

// —— 标点 GB/T 15834-2011 ——
const LAWS = [
  '宪法',
  '民法典',
  '中华人民共和国政府信息公开条例',
  '中华人民共和国保守国家秘密法',
  '中华人民共和国安全生产法',
  '党政机关公文处理工作条例',
  '重庆市政务数据资源管理暂行办法',
  '中华人民共和国预算法',
  '中华人民共和国行政许可法',
  '中华人民共和国个人信息保护法',
  '中华人民共和国数据安全法',
  '中华人民共和国网络安全法',
];
const QUOTES = ['三审三校', '放管服', '最多跑一次', '一网通办', '河长制', '两不愁三保障', '双随机、一公开', '四下基层'];
const GBT = 'GB/T 15834-2011';
for (let i = 0; i < LAWS.length; i++) {
  for (let j = 0; j < LAWS.length; j += 3) {
    if (i === j) continue;
    const a = LAWS[i];
    const b = LAWS[j];
    err('punctuation.jsonl', 'punctuation.quoted-enumeration', `依据《${a}》、《${b}》等规定办理。`, '》、《', GBT);
    ok('punctuation.jsonl', 'punctuation.quoted-enumeration', `依据《${a}》《${b}》等规定办理。`, GBT);
    ok('punctuation.jsonl', 'punctuation.quoted-enumeration', `依据《${a}》（2018年修正）、《${b}》等规定办理。`, GBT);
  }
}
for (let i = 0; i < QUOTES.length; i++) {
  const a = QUOTES[i];
  const b = QUOTES[(i + 1) % QUOTES.length];
  const c = QUOTES[(i + 3) % QUOTES.length];
  err('punctuation.jsonl', 'punctuation.quoted-enumeration', `持续推进“${a}”、“${b}”改革。`, '”、“', GBT);
  err('punctuation.jsonl', 'punctuation.quoted-enumeration', `落实“${a}”“${b}”、“${c}”等制度。`, '”、“', GBT);
  ok('punctuation.jsonl', 'punctuation.quoted-enumeration', `持续推进“${a}”“${b}”改革。`, GBT);
  ok('punctuation.jsonl', 'punctuation.quoted-enumeration', `落实${a}、“${b}”等制度。`, GBT);
}
for (const law of LAWS) {
  err(
    'punctuation.jsonl',
    'punctuation.nested-title',
    `关于印发《关于贯彻落实《${law}》的实施意见》的通知`,
    `《${law}》`,
    GBT,
  );
  err(
    'punctuation.jsonl',
    'punctuation.nested-title',
    `请认真学习《〈${law}〉释义》和《学习《${law}》问答》。`,
    `《${law}》`,
    GBT,
  );
  ok('punctuation.jsonl', 'punctuation.nested-title', `关于印发《关于贯彻落实〈${law}〉的实施意见》的通知`, GBT);
  ok('punctuation.jsonl', 'punctuation.nested-title', `请认真学习《${law}》和《${law}释义》。`, GBT);
}
const HEADINGS = [
  '总体要求',
  '主要任务',
  '保障措施',
  '加强组织领导',
  '强化督促检查',
  '工作目标',
  '实施步骤',
  '职责分工',
  '适用范围',
  '工作原则',
];
HEADINGS.forEach((h, i) => {
  const body = `（一）${HEADINGS[(i + 1) % HEADINGS.length]}\n各单位要按照本方案要求认真抓好落实。`;
  err('punctuation.jsonl', 'punctuation.heading-stop', `一、${h}。\n各单位要按照本方案要求认真抓好落实。`, '。', GBT);
  err('punctuation.jsonl', 'punctuation.heading-stop', `一、${h}。\n${body}`, '。', GBT);
  err(
    'punctuation.jsonl',
    'punctuation.heading-stop',
    `一、总体要求\n（一）${h}。\n1.明确责任分工，细化工作措施。`,
    '。',
    GBT,
  );
  ok('punctuation.jsonl', 'punctuation.heading-stop', `一、${h}\n各单位要按照本方案要求认真抓好落实。`, GBT);
  ok('punctuation.jsonl', 'punctuation.heading-stop', `一、${h}\n${body}`, GBT);
  ok('punctuation.jsonl', 'punctuation.heading-stop', `（一）${h}。各单位要按照本方案要求认真抓好落实。`, GBT);
  ok(
    'punctuation.jsonl',
    'punctuation.heading-stop',
    `有下列情形之一的，不予受理：\n（一）申请材料不齐全的；\n（二）${h}不明确的。`,
    GBT,
  );
  ok('punctuation.jsonl', 'punctuation.heading-stop', `（一）${h}已经完成。\n（二）${h}正在推进。`, GBT);
});
for (const title of [
  '关于开展安全生产大检查的通知',
  '关于做好2023年春节期间有关工作的通知',
  '关于加强政务公开工作的意见',
]) {
  err(
    'punctuation.jsonl',
    'punctuation.heading-stop',
    `${title}。\n各镇人民政府、街道办事处：`,
    '。',
    'GB/T 9704-2012 7.3.2',
  );
  ok('punctuation.jsonl', 'punctuation.heading-stop', `${title}\n各镇人民政府、街道办事处：`, 'GB/T 9704-2012 7.3.2');
}
const HALF = [
  ['为做好土壤普查工作,现将有关事项通知如下。', ','],
  ['请各单位高度重视;认真组织实施。', ';'],
  ['报送材料包括:申请表、承诺书。', ':'],
  ['请各街镇(部门)于本周五前报送。', '('],
  ['是否按时完成?请说明原因。', '?'],
  ['各部门要加强协调,形成工作合力,确保按期完成。', ','],
  ['联系人:张科长。', ':'],
  ['全年完成投资12亿元,同比增长8%。', ','],
  ['请认真落实!确保安全。', '!'],
  ['会议由区政府办公室(区大数据发展局)承办。', '('],
];
for (const [text, mark] of HALF) {
  err('punctuation.jsonl', 'punctuation.half-width', text, mark, GBT);
  err('punctuation.jsonl', 'punctuation.half-width', `根据区政府安排,${text}`, ',', GBT);
}
for (const text of [
  '网址：https://www.cqqj.gov.cn/，比例为1:2。',
  '联系电话：（023）48659622，邮编：401420。',
  '时间为9:30至11:30。',
  '增长3.5%，达到1,200万元。',
  '文件编号为QJ-2022-01，版本号v1.2。',
  "英文名称为Qijiang District People's Government, Chongqing。",
  '比分为3:1，比赛结束。',
  '索引号：11500222MB1534567X/2022-00123。',
]) {
  ok('punctuation.jsonl', 'punctuation.half-width', text, GBT);
}

// —— 用词：的地得、动宾搭配 ——
const ADV = ['认真', '积极', '扎实', '深入', '切实', '严格', '主动', '稳步', '全面', '有序', '坚决', '及时'];
const VERBS = ['落实', '推进', '开展', '学习', '贯彻', '执行', '整改', '配合', '解决', '推动', '部署', '回应'];
const USAGE_SRC = '现代汉语词典（第7版）“的、地、得”用法说明';
ADV.forEach((a, i) => {
  const v = VERBS[i];
  const w = VERBS[(i + 5) % VERBS.length];
  err('usage.jsonl', 'usage.de', `各单位要${a}的${v}上级部署。`, `${a}的`.slice(-1), USAGE_SRC);
  err('usage.jsonl', 'usage.de', `全体干部${a}得${w}了各项任务。`, '得', USAGE_SRC);
  ok('usage.jsonl', 'usage.de', `各单位要${a}地${v}上级部署。`, USAGE_SRC);
  ok('usage.jsonl', 'usage.de', `我们进行了${a}的${v}。`, USAGE_SRC);
  ok('usage.jsonl', 'usage.de', `这是${a}的${v}态度。`, USAGE_SRC);
  ok('usage.jsonl', 'usage.de', `提出了${a}的${w}措施。`, USAGE_SRC);
});
for (const [v, adj] of [
  ['做', '好'],
  ['干', '出色'],
  ['完成', '圆满'],
  ['落实', '到位'],
  ['开展', '扎实'],
  ['推进', '顺利'],
  ['发展', '快'],
  ['办', '好'],
  ['组织', '有序'],
  ['建设', '好'],
]) {
  err('usage.jsonl', 'usage.de', `这项工作${v}的很${adj}。`, '的', USAGE_SRC);
  err('usage.jsonl', 'usage.de', `全区今年${v}的非常${adj}，受到表扬。`, '的', USAGE_SRC);
  ok('usage.jsonl', 'usage.de', `这项工作${v}得很${adj}。`, USAGE_SRC);
  ok('usage.jsonl', 'usage.de', `他们${v}的很多工作受到表扬。`, USAGE_SRC);
}
for (const [w, n] of [
  ['重要', '作用'],
  ['伟大', '成就'],
  ['良好', '环境'],
  ['人民', '利益'],
  ['光荣', '使命'],
  ['艰巨', '任务'],
]) {
  err('usage.jsonl', 'usage.de', `发挥了${w}地${n}。`.replace('发挥了人民地利益', '维护人民地利益'), '地', USAGE_SRC);
  ok('usage.jsonl', 'usage.de', `发挥了${w}的${n}。`.replace('发挥了人民的利益', '维护人民的利益'), USAGE_SRC);
}
for (const text of ['处于重要地位。', '在重要地区布局。', '坚持党的领导。', '的确如此。', '充分发挥积极的作用。']) {
  ok('usage.jsonl', 'usage.de', text, OWN);
}
const COLLOC: [string, string, string, string][] = [
  ['提高', '执法', '力度', '加大'],
  ['加强', '监管', '力度', '加大'],
  ['增强', '宣传', '力度', '加大'],
  ['加大', '服务', '水平', '提高'],
  ['增强', '管理', '水平', '提高'],
  ['加强', '治理', '水平', '提高'],
  ['加大', '改革', '步伐', '加快'],
  ['提高', '建设', '步伐', '加快'],
  ['提高', '产业', '规模', '扩大'],
  ['提高', '发展', '信心', '增强'],
  ['发扬', '示范', '作用', '发挥'],
  ['发挥', '奉献', '精神', '发扬'],
  ['改善', '行政', '效率', '提高'],
  ['减少', '城乡', '差距', '缩小'],
  ['召开', '文化', '活动', '举办'],
  ['解决', '群众', '需求', '满足'],
  ['履行', '监督', '权利', '行使'],
  ['行使', '法定', '义务', '履行'],
];
for (const [v, mid, o, r] of COLLOC) {
  err('usage.jsonl', 'usage.collocation', `各部门要进一步${v}${mid}${o}。`, v, '现代汉语搭配规范；公文常见病句');
  err('usage.jsonl', 'usage.collocation', `要${v}${o}，确保取得实效。`, v, '现代汉语搭配规范；公文常见病句');
  ok('usage.jsonl', 'usage.collocation', `各部门要进一步${r}${mid}${o}。`, '现代汉语搭配规范');
  ok('usage.jsonl', 'usage.collocation', `要${v}${mid}工作，${r}${o}。`, '现代汉语搭配规范');
}
for (const text of [
  '加强能力和水平建设。',
  '提高认识，加大力度。',
  '加强领导，提高工作水平。',
  '增强发展信心和动力。',
  '加强组织领导，加大投入力度。',
]) {
  ok('usage.jsonl', 'usage.collocation', text, OWN);
}

// —— 个人信息：按上下文判断 ——
const MOBILES = ['13812345678', '15923456789', '18623450123', '13308231234', '17783451122', '19923458765'];
const NAMES = ['张某某', '李某', '王某华', '刘某', '陈某某', '杨某'];
const FAMILY = ['配偶', '母亲', '父亲', '儿子', '女儿', '监护人'];
const DOMAIN = 'DOMAIN.md §2.4；政府网站与政务新媒体检查指标（个人隐私）';
MOBILES.forEach((m, i) => {
  const name = NAMES[i];
  const fam = FAMILY[i];
  err('pii.jsonl', 'pii.context', `申请人${name}，${fam}${NAMES[(i + 1) % 6]}，联系电话：${m}。`, m, DOMAIN);
  err('pii.jsonl', 'pii.context', `户主：${name}，家庭成员3人，联系电话${m}。`, m, DOMAIN);
  err('pii.jsonl', 'pii.context', `${name}（${fam}：${NAMES[(i + 2) % 6]}，电话：${m}）`, m, DOMAIN);
  err(
    'pii.jsonl',
    'pii.context',
    `2023年第${i + 1}批高龄津贴发放对象名单公示\n${name} 男 82岁 联系电话：${m}`,
    m,
    DOMAIN,
  );
  err('pii.jsonl', 'pii.context', `低保户${name}的联系电话为${m}。`, m, DOMAIN);
  ok('pii.jsonl', 'pii.context', `区民政局值班电话：${m}。`, DOMAIN);
  ok('pii.jsonl', 'pii.context', `监督举报电话：${m}（工作日）。`, DOMAIN);
  ok(
    'pii.jsonl',
    'pii.context',
    `2023年第${i + 1}批高龄津贴发放对象名单公示\n如有异议，请向区民政局反映，联系电话：${m}。`,
    DOMAIN,
  );
  ok(
    'pii.jsonl',
    'pii.context',
    `申请人${name}，${fam}${NAMES[(i + 1) % 6]}，联系电话：${m.slice(0, 3)}****${m.slice(7)}。`,
    DOMAIN,
  );
  ok('pii.jsonl', 'pii.context', `区政府办公室电话：023-4866${String(1000 + i * 37)}。`, DOMAIN);
});
for (const text of [
  '统一社会信用代码：11500222MB1534567X。',
  '统一社会信用代码：91500222MA60A1B2C3。',
  '索引号：11500222MB1534567X/2022-00123。',
  '索引号：115002220086710028/2022-00456。',
  '办公电话：023-48659622，传真：023-48661234。',
  '邮政编码：401420。',
  '全年接待游客13800000000人次。',
  '完成投资15923456789元。',
  '咨询电话：12345。',
  '举报电话：023-12388。',
]) {
  ok('pii.jsonl', 'pii.context', text, OWN);
}

// —— 全文一致 ——
const ORGANS: [string, string][] = [
  ['发展改革委', '发改委'],
  ['人力社保局', '人社局'],
  ['住房城乡建委', '住建委'],
  ['卫生健康委', '卫健委'],
  ['农业农村委', '农委'],
  ['文化旅游委', '文旅委'],
  ['经济信息委', '经信委'],
  ['规划自然资源局', '规资局'],
];
ORGANS.forEach(([a, b], i) => {
  const lv = ['区', '市', '县'][i % 3];
  err(
    'consistency.jsonl',
    'consistency.name',
    `${lv}${a}牵头负责项目审批。项目建成后，由${lv}${b}组织验收。`,
    `${lv}${b}`,
    '党政机关公文处理工作条例（同一文件中机构简称应一致）',
  );
  ok(
    'consistency.jsonl',
    'consistency.name',
    `${lv}${a}牵头负责项目审批。项目建成后，由${lv}${a}组织验收。`,
    '党政机关公文处理工作条例',
  );
  ok('consistency.jsonl', 'consistency.name', `区${a}和市${b}联合召开会议。`, OWN);
});
const UNITS = [
  '财政局',
  '民政局',
  '教委',
  '公安局',
  '司法局',
  '人力社保局',
  '住房城乡建委',
  '交通局',
  '农业农村委',
  '商务委',
];
for (let i = 0; i < UNITS.length; i++) {
  const four = [0, 1, 2, 3].map((k) => UNITS[(i + k) % UNITS.length]);
  const lv = ['区', '市', '县'][i % 3];
  const miss = (i % 3) + 1;
  const text = `由${four.map((u, k) => (k === miss ? u : `${lv}${u}`)).join('、')}负责。`;
  err('consistency.jsonl', 'consistency.prefix', text, four[miss], '党政机关公文处理工作条例（并列单位名称应一致）');
  ok('consistency.jsonl', 'consistency.prefix', `由${four.map((u) => `${lv}${u}`).join('、')}负责。`, OWN);
  ok(
    'consistency.jsonl',
    'consistency.prefix',
    `由${four
      .slice(0, 3)
      .map((u) => `${lv}${u}`)
      .join('、')}、团${lv}委、各镇街负责。`,
    OWN,
  );
  ok(
    'consistency.jsonl',
    'consistency.prefix',
    `由${four
      .slice(0, 3)
      .map((u) => `${lv}${u}`)
      .join('、')}、国家税务总局${lv === '区' ? '綦江区' : '綦江'}税务局负责。`,
    OWN,
  );
}
const TITLES: [string, string][] = [
  ['重庆市安全生产条例', '重庆市安全生产管理条例'],
  ['綦江区国民经济和社会发展第十四个五年规划纲要', '綦江区国民经济和社会发展第十四个五年规划刚要'],
  ['重庆市物业管理条例', '重庆市物业服务管理条例'],
  ['中华人民共和国政府信息公开条例', '中华人民共和国政府信息公开管理条例'],
  ['綦江区城乡总体规划', '綦江区城乡整体规划'],
  ['重庆市生活垃圾管理条例', '重庆市生活垃圾分类管理条例'],
  ['綦江区生态环境保护规划', '綦江区生态环保规划'],
  ['重庆市旅游条例', '重庆市旅游管理条例'],
];
for (const [a, b] of TITLES) {
  err(
    'consistency.jsonl',
    'consistency.title',
    `根据《${a}》有关规定……按照《${b}》第十条执行。`,
    `《${b}》`,
    '党政机关公文处理工作条例（引用公文应先引标题）',
  );
  ok('consistency.jsonl', 'consistency.title', `根据《${a}》有关规定……按照《${a}》第十条执行。`, OWN);
}
for (const text of [
  '依据《中华人民共和国环境保护法》和《中华人民共和国环境保护税法》。',
  '对照《綦江区国民经济和社会发展第十三个五年规划纲要》和《綦江区国民经济和社会发展第十四个五年规划纲要》。',
  '根据《重庆市安全生产条例》和《四川省安全生产条例》。',
  '依据《2022年度工作计划》和《2023年度工作计划》。',
  '根据《中华人民共和国政府信息公开条例》，参照《政府信息公开条例》释义。',
]) {
  ok('consistency.jsonl', 'consistency.title', text, OWN);
}

for (const [file, cases] of files) {
  writeFileSync(new URL(file, OUT), `${cases.map((c) => JSON.stringify(c)).join('\n')}\n`);
  const bad = cases.filter((c) => c.error).length;
  console.log(`${file}: ${bad} 条错误，${cases.length - bad} 条正确的相似句`);
}
