// Tables of the 政府公报 (src/gazette), as Kysely sees them (same conventions as ../types.ts: ISO strings).
// Named only by src/gazette/store.ts.

/** One issue of the gazette: 2022年第11期（总第129期）, its 出版日期, 卷首语 and the order of its sections. */
export interface GazetteIssuesTable {
  id: string;
  year: number;
  number: number; // 期号 within the year
  total_number: number; // 总期号
  publish_date: string; // 出版日期, YYYY-MM-DD
  foreword_title: string | null; // 卷首语
  foreword: string | null;
  sections: string; // JSON array of section names, in the gazette's order
  item_id: string | null; // the item (publish) that carries the issue through 三审三校; null until submitted
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A published 公文 placed in an issue: its section, its place there, and its parsed GB/T 9704 elements. */
export interface GazetteEntriesTable {
  id: string;
  issue_id: string;
  item_id: string | null; // the published item (publish) the text comes from; null for a 公文 read from Word
  revision: number; // the published revision
  section: string;
  position: number;
  title: string;
  doc_number: string | null; // 发文字号
  issuers: string; // JSON array: 发文机关
  doc_date: string | null; // 成文日期, YYYY-MM-DD
  document: string; // JSON: the OfficialDocument (src/gazette/parse.ts)
  created_at: string;
  source: 'published' | 'word'; // where the text came from (migration 043)
  source_file: string | null; // the Word file's name, for source 'word'
  imported_by: string | null; // users.id of who read it in, for source 'word'
}

/** One document's text for the online edition's search (SQLite: an FTS5 trigram table; PostgreSQL: pg_trgm GIN). */
export interface GazetteSearchTable {
  entry_id: string;
  issue_id: string;
  year: number;
  issuers: string; // 发文机关, joined by 、
  doc_number: string; // 发文字号 or ''
  title: string;
  content: string; // title, 发文字号 and every paragraph, one a line
}

/** SQLite only (migration 043): each FTS row of gazette_search by its rowid, in an index of the order shown. */
export interface GazetteSearchShownTable {
  fts_rowid: number;
  entry_id: string;
  issue_id: string;
  year: number;
  title: string;
}

/** The deployment's 刊名 and 版权页, one row (id 'gazette'); none until the 公报室 first saves them. */
export interface GazetteSettingsTable {
  id: string;
  masthead: string; // 刊名
  site_title: string; // the online edition's title (网上公报)
  supervisor: string; // 主管单位
  sponsor: string; // 主办单位
  publisher: string; // 编辑出版
  address: string;
  postcode: string;
  phone: string;
  updated_by: string;
  updated_at: string;
}

export interface GazetteTables {
  gazette_issues: GazetteIssuesTable;
  gazette_entries: GazetteEntriesTable;
  gazette_search: GazetteSearchTable;
  gazette_search_shown: GazetteSearchShownTable;
  gazette_settings: GazetteSettingsTable;
}
