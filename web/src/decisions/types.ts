// 重大行政决策 as the screens use it (the server's zod schemas in src/decisions/routes.ts are the source).
/** A step of the procedure (launch, participation, …, implementation); its Chinese name and the order of all steps
 *  come from /api/meta/labels (labels.decisions.step, from src/decisions/model.ts). */
export type StepKey = string;
export type LegalityOpinion = 'lawful' | 'riskStated' | 'unlawful';
export type CommentAnswer = 'adopted' | 'partlyAdopted' | 'notAdopted';
export const ANSWER_COLOR: Record<CommentAnswer, string> = {
  adopted: 'green',
  partlyAdopted: 'blue',
  notAdopted: 'default',
};

export interface Step {
  status: 'pending' | 'done' | 'notApplicable';
  on: string | null;
  outcome: string | null;
  reference: string | null;
}

export interface Consultation {
  opensOn: string;
  closesOn: string; // end exclusive
  shortReason: string | null;
  draftItemId?: string | null;
  comments: number;
  unanswered: number;
  reportPublishedOn: string | null;
}

export interface Procedure {
  notDisclosedReason: string | null;
  steps: Record<StepKey, Step>;
  consultation: Consultation | null;
  legalityRequestedOn: string | null;
  legalityOpinion: LegalityOpinion | null;
  legalityRisk: string | null;
  submittedOn: string | null;
}

export interface DecisionItem {
  id: string;
  catalogId: string;
  catalogUnitId: string;
  seq: number;
  category: string;
  title: string;
  leadUnit: string;
  leadUnitId: string | null;
  plannedMonth: string; // YYYY-MM
  note: string;
  procedure: Procedure;
  revision: number;
  updatedAt: string;
  currentStep: StepKey | null;
  gateMissing: string[];
  abilities: { runProcedure: boolean; reviewLegality: boolean };
}

export interface Catalog {
  id: string;
  unitId: string;
  year: number;
  title: string;
  version: number;
}
export interface CatalogDetail extends Catalog {
  items: DecisionItem[];
}

export interface Comment {
  id: string;
  seq: number;
  receivedAt: string;
  name: string | null;
  contact: string | null;
  body: string;
  publicBody: string;
  piiCount: number;
  answer: CommentAnswer | null;
  answerReason: string | null;
  answeredAt: string | null;
}

export interface Entry {
  seq: number;
  category: string;
  title: string;
  leadUnit: string;
  plannedMonth: string;
  note: string;
}

export type ProposalKind = 'add' | 'change' | 'withdraw';
export const PROPOSAL_KIND: Record<ProposalKind, string> = { add: '增加', change: '调整', withdraw: '撤销' };
export const PROPOSAL_STATUS: Record<string, [string, string]> = {
  pending: ['待审批', 'gold'],
  approved: ['已批准', 'green'],
  rejected: ['未批准', 'red'],
};

export interface Proposal {
  id: string;
  catalogId: string;
  kind: ProposalKind;
  itemId: string | null;
  entry: Entry | null;
  reason: string;
  status: string;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  version: number | null;
}

export interface Version {
  version: number;
  entries: Entry[];
  reason: string;
  createdAt: string;
}

export interface Diff {
  added: Entry[];
  removed: Entry[];
  changed: { seq: number; fields: { field: string; from: string; to: string }[] }[];
}

export const FIELD_NAME: Record<string, string> = {
  seq: '序号',
  category: '类别',
  title: '决策事项',
  leadUnit: '承办单位',
  plannedMonth: '计划决策时间',
  note: '备注',
};

/** GET /api/decisions/board?year= (区政府办公室、区司法局的年度看板). */
export interface BoardRow {
  id: string;
  seq: number;
  category: string;
  title: string;
  unitName: string;
  plannedMonth: string;
  step: string | null;
  stepLabel: string;
  daysToPlanned: number;
  overdue: boolean;
  commentClosesAt: string | null;
  missing: string[];
}
export interface Board {
  year: number;
  today?: string;
  /** 'working': daysToPlanned counts working days (法定节假日 and 调休 from the calendar). */
  dayKind?: 'working';
  items: BoardRow[];
}

/** "2022-06" → "2022年6月"; anything else as it is. */
export const monthLabel = (m: string) => (/^\d{4}-\d{2}$/.test(m) ? `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月` : m);

/** The current step's name, or that the procedure is complete. */
export const stepLabel = (names: Record<string, string>, s: StepKey | null) => (s ? (names[s] ?? s) : '程序已办结');
