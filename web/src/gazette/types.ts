// The 政府公报 as the API returns it (src/gazette/routes.ts).
export interface OfficialDocument {
  copyNumber: string | null;
  classification: string | null;
  urgency: string | null;
  issuerMark: string;
  docNumber: string | null;
  signers: string[];
  title: string;
  addressee: string | null;
  body: { level: number; text: string }[];
  attachmentNote: string[];
  signature: string | null;
  date: string | null;
  dateIso: string | null;
  notes: string[];
  attachments: { title: string; paragraphs: string[] }[];
  cc: string | null;
  printer: string | null;
  printDate: string | null;
  printDateIso: string | null;
  indexNumber?: string | null;
}

export interface Entry {
  id: string;
  /** null: read from a Word file (source 'word'), not a published item. */
  itemId: string | null;
  revision: number;
  section: string;
  position: number;
  title: string;
  docNumber: string | null;
  issuers: string[];
  docDate: string | null;
  document: OfficialDocument;
  source: 'published' | 'word';
  sourceFile: string | null;
  importedBy: string | null;
}

/** The deployment's 刊名, online edition title and 版权页 (GET/PUT /api/gazette/settings). */
export interface GazetteSettings {
  masthead: string;
  siteTitle: string;
  supervisor: string;
  sponsor: string;
  publisher: string;
  address: string;
  postcode: string;
  phone: string;
}

export type IssueStatus = 'editing' | 'returned' | 'reviewing' | 'published' | 'withheld';
export const STATUS_NAME: Record<IssueStatus, [string, string]> = {
  editing: ['编辑中', 'default'],
  returned: ['退回修改', 'orange'],
  reviewing: ['审核中', 'processing'],
  published: ['已发布', 'green'],
  withheld: ['不予发布', 'red'],
};

interface IssueFields {
  id: string;
  status: IssueStatus;
  itemId: string | null;
  publishedAt: string | null;
  label: string;
  year: number;
  number: number;
  totalNumber: number;
  publishDate: string;
  forewordTitle: string | null;
  foreword: string | null;
  sections: string[];
}
export type IssueSummary = IssueFields & { entries: number };
export type Issue = IssueFields & { entries: Entry[] };

export interface Toc {
  pages: number;
  toc: { section: string; title: string; page: number }[];
}

export interface Finding {
  rule: string;
  severity: string;
  message: string;
  suggestion: string;
  text: string;
  line: number;
  column: number;
}

export interface PublishedHit {
  itemId: string;
  title: string;
  unitId: string;
  publishedAt: string | null;
}

export const DEFAULT_SECTIONS = ['区政府文件', '区政府办公室文件', '部门文件', '人事任免'];
