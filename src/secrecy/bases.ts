// 审查依据: the legal provisions a 保密审查 opinion cites (65号 保密审查制度 第五条、第十二条: every opinion names its
// basis and reason). Maintained as data: add a provision here, never remove one an opinion already cites (its id is
// in the ledger). Article numbers follow the texts in force: 保守国家秘密法 as revised 2024, 政府信息公开条例 as revised 2019.

export interface Basis {
  id: string;
  law: string;
  article: string;
  summary: string;
}

const BMF = '中华人民共和国保守国家秘密法';
const OGI = '中华人民共和国政府信息公开条例';
const QJ = '綦江区政府信息公开保密审查制度（綦江府办〔2022〕65号）';
const PIPL = '中华人民共和国个人信息保护法';

export const BASES: readonly Basis[] = [
  {
    id: 'bmf-2',
    law: BMF,
    article: '第二条',
    summary: '国家秘密是关系国家安全和利益，依照法定程序确定，在一定时间内只限一定范围的人员知悉的事项',
  },
  {
    id: 'bmf-13',
    law: BMF,
    article: '第十三条',
    summary: '涉及国家安全和利益、泄露后可能损害国家安全和利益的事项，应当确定为国家秘密（国家秘密的范围）',
  },
  { id: 'bmf-14', law: BMF, article: '第十四条', summary: '国家秘密的密级分为绝密、机密、秘密三级' },
  {
    id: 'bmf-15',
    law: BMF,
    article: '第十五条',
    summary: '国家秘密及其密级的具体范围（保密事项范围）由国家保密行政管理部门会同有关中央国家机关规定',
  },
  {
    id: 'ogi-5',
    law: OGI,
    article: '第五条',
    summary: '坚持以公开为常态、不公开为例外，遵循公正、公平、合法、便民的原则',
  },
  {
    id: 'ogi-14',
    law: OGI,
    article: '第十四条',
    summary:
      '依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开',
  },
  {
    id: 'ogi-15',
    law: OGI,
    article: '第十五条',
    summary:
      '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开；第三方同意或不公开会对公共利益造成重大影响的除外',
  },
  {
    id: 'ogi-16-1',
    law: OGI,
    article: '第十六条第一款',
    summary: '行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开',
  },
  {
    id: 'ogi-16-2',
    law: OGI,
    article: '第十六条第二款',
    summary: '讨论记录、过程稿、磋商信函、请示报告等过程性信息以及行政执法案卷信息，可以不予公开',
  },
  {
    id: 'ogi-17',
    law: OGI,
    article: '第十七条',
    summary: '行政机关对拟公开的政府信息进行审查；不能确定是否可以公开的，报有关主管部门或者保密行政管理部门确定',
  },
  {
    id: 'ogi-19',
    law: OGI,
    article: '第十九条',
    summary: '涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，应当主动公开',
  },
  {
    id: 'ogi-20',
    law: OGI,
    article: '第二十条',
    summary: '行政机关应当依照规定主动公开本行政机关的规章和规范性文件、机构职能、发展规划等政府信息',
  },
  {
    id: 'ogi-37',
    law: OGI,
    article: '第三十七条',
    summary: '含有不应当公开的内容但能够作区分处理的，提供可以公开的内容，并对不予公开的内容说明理由',
  },
  { id: 'qj-7-1', law: QJ, article: '第七条第（一）项', summary: '明确标识为“秘密”“机密”“绝密”的信息不得公开' },
  {
    id: 'qj-7-2',
    law: QJ,
    article: '第七条第（二）项',
    summary: '虽未标识，但内容涉及国家秘密、商业秘密、个人隐私、内部资料的信息不得公开',
  },
  {
    id: 'qj-7-3',
    law: QJ,
    article: '第七条第（三）项',
    summary: '其他公开后可能危及国家安全、公共安全、经济安全和社会稳定的信息不得公开',
  },
  {
    id: 'qj-10',
    law: QJ,
    article: '第十条',
    summary: '是否属于国家秘密和属于何种密级不明确的，逐级报至有权确定该事项密级的上级机关或保密工作部门确定',
  },
  {
    id: 'qj-11',
    law: QJ,
    article: '第十一条',
    summary: '国家秘密信息解密时应同时提出“解密后不公开、解密后作为工作秘密或解密后公开”的意见',
  },
  {
    id: 'qj-14',
    law: QJ,
    article: '第十四条',
    summary: '含有部分涉密内容的，进行脱密处理：属于国家秘密的部分不予公开、其余部分公开',
  },
  {
    id: 'pipl-28',
    law: PIPL,
    article: '第二十八条',
    summary: '身份证件号码、金融账户等敏感个人信息，只有在具有特定目的和充分必要性并采取严格保护措施时方可处理',
  },
];

const BY_ID = new Map(BASES.map((b) => [b.id, b]));

export const basisById = (id: string): Basis | undefined => BY_ID.get(id);
