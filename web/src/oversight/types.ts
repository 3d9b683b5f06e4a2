// What the 督查考核 API returns (src/oversight/routes.ts, inspection-routes.ts), as the screens read it.
export interface Sample {
  seed: string;
  from: string;
  to: string;
  perUnit: number;
  seq: number | null;
  units: { unitId: string; unitName: string; population: number; items: { id: string; title: string }[] }[];
}

export type CheckOutcome = 'pass' | 'fail' | 'na';
export const CHECK_OUTCOME: Record<CheckOutcome, string> = { pass: '符合', fail: '不符合', na: '不适用' };

export interface Check {
  check: string;
  name: string;
  prefilled: CheckOutcome;
  prefillNote: string;
  outcome: CheckOutcome;
  note: string;
  confirmedBy: { name: string; seq: number } | null;
}
export interface InspectionItem {
  itemId: string;
  title: string;
  revision: number;
  publishedAt: string | null;
  checks: Check[];
}
export interface InspectionUnit {
  unitId: string;
  unitName: string;
  population: number;
  checked: number;
  withProblems: number;
  confirmed: boolean;
  problems: { itemId: string; title: string; check: string; note: string }[];
  items: InspectionItem[];
}
export interface Inspection {
  seq: number;
  seed: string;
  from: string;
  to: string;
  perUnit: number;
  drawnBy: string;
  units: InspectionUnit[];
}

export type QuarterOutcome = 'pass' | 'warning' | 'fail' | 'manual';
export const QUARTER_OUTCOME: Record<QuarterOutcome, [string, string]> = {
  pass: ['符合', 'success'],
  warning: ['预警', 'warning'],
  fail: ['单项否决', 'error'],
  manual: ['待人工核实', 'default'],
};
export interface Evidence {
  at: string;
  summary: string;
  incidentId?: string;
  url?: string;
}
export interface QuarterTarget {
  kind: 'website' | 'newmedia';
  id: string;
  name: string;
  kindName: string;
  address: string;
  vetoes: { key: string; name: string; line: string; outcome: QuarterOutcome; note: string; evidence: Evidence[] }[];
  deductions: { key: string; name: string; count: number; points: number; evidence: Evidence[] }[];
  score: number;
  passed: boolean;
  result: string;
}
export interface Quarterly {
  unitId: string;
  unitName: string;
  quarter: string;
  from: string;
  to: string;
  asOf: string;
  targets: QuarterTarget[];
}

export const METRICS: Record<string, string> = {
  returnPercent: '审核退回比例（百分点）',
  secrecyOverdue: '保密审查超期件数',
  sampleProblems: '随机抽查不符合项数',
  incidents: '读网值班异常事件数',
  dutyLate: '值班迟到签到次数',
};
export interface SchemeItem {
  key: string;
  name: string;
  metric: string;
  points: number;
  perUnit: number;
  cap: number;
}
export interface Scheme {
  year: number;
  items: SchemeItem[];
  custom: boolean;
  updatedAt: string | null;
}
export interface Assessment {
  year: number;
  scheme: Scheme;
  units: {
    unitId: string;
    unitName: string;
    rank: number;
    total: number;
    items: {
      key: string;
      name: string;
      metric: string;
      metricName: string;
      points: number;
      value: number;
      deducted: number;
      score: number;
      seqs: number[];
    }[];
  }[];
}
