// The API's shapes as the UI uses them (the server's zod schemas are the source; see /api/openapi.json).
export interface RoleHeld {
  role: string;
  unitId: string;
  sectionId: string | null;
}
export interface SessionUser {
  id: string;
  username: string;
  name: string;
  unitId: string;
  roles: RoleHeld[];
  abilities: {
    manageOrg: boolean;
    manageAccounts: boolean;
    listUsers: boolean;
    viewGazette: boolean;
    editGazette: boolean;
    /** 重大行政决策: view the 目录; for one's own unit's 目录: import, approve changes, approve withdrawals. */
    decisions: { view: boolean; importOwnCatalog: boolean; approveChanges: boolean; approveWithdrawals: boolean };
    oversight: {
      stats: boolean;
      drawSample: boolean;
      inspection: boolean;
      confirmCheck: boolean;
      assessment: boolean;
      editScheme: boolean;
      quarterly: boolean;
    };
  };
}
/** mustChangePassword: signed in with a one-time password an administrator set; only 修改密码 works until changed. */
export interface Session {
  user: SessionUser;
  csrfToken: string;
  mustChangePassword: boolean;
}

export interface Unit {
  id: string;
  name: string;
  fullName: string;
  kind: string;
  docCode: string | null;
  authorMayLevel1: boolean;
  districtWide: boolean;
}
export interface Section {
  id: string;
  unitId: string;
  name: string;
}
export interface Column {
  id: string;
  channelId: string;
  name: string;
  kind: string;
}
export interface Channel {
  id: string;
  unitId: string;
  kind: string;
  name: string;
  url: string | null;
}
export interface UnitDetail extends Unit {
  sections: Section[];
  channels: (Channel & { columns: Column[] })[];
}

export interface Abilities {
  canApprove: boolean;
  canReturn: boolean;
  canEdit: boolean;
  canSubmit: boolean;
}
export interface FindingCounts {
  serious: number;
  error: number;
  warning: number;
}
export interface ItemSummary {
  id: string;
  unitId: string;
  sectionId: string;
  authorId: string;
  authorName: string;
  title: string;
  itemType: string;
  source: string | null;
  major: boolean;
  stage: string;
  awaitingLevel: 1 | 2 | 3 | 4 | null;
  revision: number;
  version: number;
  publishAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: Abilities;
  openFindings?: FindingCounts;
  proposedFindings?: number;
}
export interface ItemDetail extends ItemSummary {
  channels: { channelId: string; columnId: string | null }[];
  body: { format: string; html: string; text: string };
  coIssuerUnitIds?: string[];
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Person {
  id: string;
  name: string;
}
export interface History {
  itemId: string;
  revisions: {
    number: number;
    title: string;
    format: string;
    createdBy: Person;
    createdAt: string;
    diff: { op: 'equal' | 'insert' | 'delete'; text: string }[];
  }[];
  steps: {
    id: string;
    revision: number;
    level: 1 | 2 | 3 | 4;
    reviewer: Person;
    role: string;
    decision: 'approve' | 'return';
    opinion: string;
    proofreading: string;
    standardsAttested: boolean;
    createdAt: string;
  }[];
  disclosure: {
    id: string;
    revision: number;
    step: string;
    kind: string;
    actor: Person;
    role: string;
    opinion: string | null;
    basisIds: string[];
    basisText: string;
    reason: string;
    secrecyMatter: boolean | null;
    declassification: string | null;
    createdAt: string;
  }[];
  publications: {
    channelId: string;
    columnId: string | null;
    revision: number;
    publishedAt: string;
    text: 'full' | 'redacted';
    liveUrl?: string | null;
  }[];
}

export interface Finding {
  id: string;
  revision?: number;
  rule: string;
  category: string;
  severity: string;
  start: number;
  end: number;
  line?: number;
  column?: number;
  text: string;
  suggestion?: string | null;
  message: string;
  status: string;
  reason: string | null;
  // DOMAIN §2.5 (the item's own findings; the secrecy step's copies have none of these)
  resolvedBy?: Person | null;
  resolvedAs?: string | null;
  resolvedAt?: string | null;
  proposedBy?: Person | null;
  proposedAs?: string | null;
  proposalReason?: string | null;
  proposedAt?: string | null;
  rejectedBy?: Person | null;
  rejectionReason?: string | null;
  rejectedAt?: string | null;
  canDecide?: boolean;
  // who may dismiss it (the reviewers, or the secrecy office at its step) and whether this person may now
  kind?: 'proofreading' | 'secrecy';
  dismisser?: 'reviewer' | 'secrecyOffice';
  canDismiss?: boolean;
}
/** GET /api/items/{id}/findings, every finding of the revision: `decides`: this person's 忽略 of a serious or error
 *  finding counts at once (二审 and above). */
export interface FindingsDto {
  revision: number;
  canDismiss: boolean;
  decides: boolean;
  findings: Finding[];
}

export interface Basis {
  id: string;
  law: string;
  article: string;
  summary: string;
}
export interface SecrecyRecord {
  itemId: string;
  title: string;
  unitId: string;
  stage: string;
  revision: number;
  opinions: {
    id: string;
    revision: number;
    step: string;
    kind: string;
    actorName: string;
    opinion: string | null;
    basisIds: string[];
    basisText: string;
    reason: string;
    createdAt: string;
  }[];
  receipts: {
    id: string;
    state: string;
    receivedOn: string;
    dueOn: string;
    dueProvisional: boolean;
    authority: string | null;
    referenceNo: string | null;
  }[];
  redaction: {
    revision: number;
    spans: { start: number; end: number }[];
    originalText: string;
    redactedText: string;
  } | null;
  findings: Finding[];
  coIssuers: { unitId: string; name: string; consented: boolean }[];
  blockers: string[];
  abilities: {
    canGiveOpinion: boolean;
    canResume: boolean;
    canDismissFindings: boolean;
    canConsent: boolean;
    canFileConsent: boolean;
  };
}
export interface QueueEntry {
  itemId: string;
  title: string;
  stage: string;
  revision: number;
  unitId: string;
  receivedOn: string | null;
  dueOn: string | null;
  dueProvisional: boolean;
}

export interface Labels {
  stage: Record<string, string>;
  level: Record<string, string>;
  itemType: Record<string, string>;
  role: Record<string, string>;
  channelKind: Record<string, string>;
  unitKind: Record<string, string>;
  opinion: Record<string, string>;
  declassification: Record<string, string>;
  step: Record<string, string>;
  severity: Record<string, string>;
  category: Record<string, string>;
  placeholder: string;
  /** A channel's column kinds (src/org/model.ts COLUMN_KINDS; Chinese already). */
  columnKinds: string[];
  /** 重大行政决策 (src/decisions/model.ts, consultation.ts): steps in the 条例's order, opinions, answers. */
  decisions: { step: Record<string, string>; opinion: Record<string, string>; answer: Record<string, string> };
  /** 读网监测 (src/watch/names.ts). */
  watch: {
    monitor: Record<string, string>;
    incidentState: Record<string, string>;
    step: Record<string, string>;
    level: Record<string, string>;
    vetoLine: Record<string, string>;
    rule: Record<string, string>;
    detail: Record<string, string>;
    siteKind: Record<string, string>;
    platform: Record<string, string>;
    webhookKind: Record<string, string>;
    deliveryChannel: Record<string, string>;
    deliveryState: Record<string, string>;
    columnKinds: string[];
  };
}
