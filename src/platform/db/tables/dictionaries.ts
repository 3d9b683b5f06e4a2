// Tables of the admin-edited 智能校对 dictionaries (src/dictionaries), as Kysely sees them (same conventions
// as ../types.ts: ISO strings). Named only by src/dictionaries/store.ts.

/** A unit of the district (本区单位) whose name must be written exactly: full name and accepted short names. */
export interface DictUnitsTable {
  id: string;
  name: string; // 重庆市綦江区科学技术局
  short_names: string; // JSON array of strings: 綦江区科学技术局, 区科技局
  created_at: string;
  updated_at: string;
}

/** A leader's name and titles (领导人姓名、职务) for the 严重表述错误 check; unit_id links a district unit's leader. */
export interface DictLeadersTable {
  id: string;
  name: string;
  titles: string; // JSON array of strings: 区长, 区委副书记
  unit_id: string | null; // dict_units.id, null for national and municipal leaders
  created_at: string;
  updated_at: string;
}

/** A custom lexicon word (自定义词库): banned, sensitive or advertising wording with its severity. */
export interface DictLexiconTable {
  id: string;
  word: string;
  category: string; // banned | sensitive | advertising
  severity: string; // serious | error | warning | info
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** One row (id 1): bumped by every dictionary write, so that every node knows when to rebuild its checker. */
export interface DictVersionTable {
  id: number;
  version: number;
  updated_at: string;
}

export interface DictionaryTables {
  dict_units: DictUnitsTable;
  dict_leaders: DictLeadersTable;
  dict_lexicon: DictLexiconTable;
  dict_version: DictVersionTable;
}
