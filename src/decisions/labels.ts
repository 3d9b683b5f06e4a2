// Chinese names of the ledger actions of 重大行政决策: the 登记台账 (src/oversight/labels.ts) shows them, and so does
// the index of a decision's 决策过程记录和材料 (records.ts).
export const DECISION_ACTION_NAME: Record<string, string> = {
  'decisions.catalog_import': '导入重大行政决策事项目录',
  'decisions.step_complete': '重大行政决策：办结程序步骤',
  'decisions.step_not_applicable': '重大行政决策：程序步骤标注不适用',
  'decisions.consultation_open': '重大行政决策：发布征求意见（预公开）',
  'decisions.comment': '重大行政决策：收到公众意见',
  'decisions.comment_answer': '重大行政决策：答复公众意见采纳情况',
  'decisions.consultation_report': '重大行政决策：公布意见收集和采纳情况',
  'decisions.legality_request': '重大行政决策：送合法性审查',
  'decisions.legality_opinion': '重大行政决策：出具合法性审查意见',
  'decisions.gate_refused': '重大行政决策：提请常务会议审议被拒（法定程序未完成）',
  'decisions.submit': '重大行政决策：提请区政府常务会议审议',
  'decisions.catalog_propose': '重大行政决策：提出目录调整（增加、调整、撤销事项）',
  'decisions.catalog_decide': '重大行政决策：审批目录调整',
  'decisions.reminder': '重大行政决策：提醒承办单位（计划决策时间、征求意见截止）',
  'decisions.notice_item': '重大行政决策：目录印发通知转为稿件（进入三审三校）',
};

export const decisionActionName = (action: string) => DECISION_ACTION_NAME[action] ?? action;
