// 词典: the 智能校对 dictionaries the admin keeps — 本区单位 (names and accepted short forms), 领导人姓名职务, 自定义词库.
// The checks use them from the next proofreading run on (src/dictionaries/service.ts).
import { Alert, Form, Input, Select, Skeleton, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, get } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useLabels } from '../session.tsx';
import { type DictKind, DictList } from './DictList.tsx';
import type { BuiltinFormulation, DictLeader, Dictionaries, DictUnit, LexiconWord } from './types.ts';

const LEXICON_CATEGORIES = ['banned', 'sensitive', 'advertising'];
const FORMULATION_KIND: Record<string, string> = {
  strategy: '战略、倡议名称',
  'one-china': '涉台港澳表述',
  superseded: '已废止表述',
  xinhua: '新华社禁用词',
};
const SEVERITIES = ['serious', 'error', 'warning', 'info'];

// Names are matched character for character: a space inside one is a typing mistake (src/dictionaries/model.ts).
const noSpace = { pattern: /^\S+$/, message: '不能有空格' };
const tags = (testId: string, placeholder: string) => (
  <Select
    mode="tags"
    open={false}
    suffixIcon={null}
    tokenSeparators={[',', '，', '、']}
    placeholder={placeholder}
    data-testid={testId}
  />
);

interface UnitForm {
  name: string;
  shortNames?: string[];
}
interface LeaderForm {
  name: string;
  titles?: string[];
  unitId?: string;
}
interface WordForm {
  word: string;
  category: string;
  severity: string;
  note?: string;
}

export function DictionariesTab() {
  const labels = useLabels();
  const dict = useLoad(() => get<Dictionaries>('/api/dictionaries'), []);
  if (dict.error) return <Alert type="error" showIcon title={dict.error} />;
  if (!dict.data) return <Skeleton active />;
  const { units, leaders, lexicon, abilities, builtin } = dict.data;
  const dictUnitName = (id: string | null) => (id ? (units.find((u) => u.id === id)?.name ?? '—') : '国家或市级领导');
  const save = (path: string) => (id: string | null, body: object) =>
    id ? api('PATCH', `/api/dictionaries/${path}/${id}`, body) : api('POST', `/api/dictionaries/${path}`, body);

  const unitKind: DictKind<DictUnit, UnitForm> = {
    path: 'units',
    noun: '单位',
    rows: units,
    search: (u) => [u.name, ...u.shortNames],
    columns: [
      { title: '单位全称', dataIndex: 'name' },
      { title: '可接受的简称', dataIndex: 'shortNames', render: (s: string[]) => s.join('、') || '—' },
    ] as ColumnsType<DictUnit>,
    toForm: (u) => ({ name: u.name, shortNames: u.shortNames }),
    save: (id, f) => save('units')(id, { name: f.name.trim(), shortNames: f.shortNames ?? [] }),
    fields: (
      <>
        <Form.Item
          name="name"
          label="单位全称"
          rules={[{ required: true, message: '请填写单位全称' }, noSpace, { max: 100, message: '不超过 100 个字' }]}>
          <Input placeholder="如：重庆市綦江区科学技术局" data-testid="dict-name" />
        </Form.Item>
        <Form.Item name="shortNames" label="可接受的简称" extra="输入后按回车，可填多个">
          {tags('dict-shortnames', '如：綦江区科学技术局')}
        </Form.Item>
      </>
    ),
  };
  const leaderKind: DictKind<DictLeader, LeaderForm> = {
    path: 'leaders',
    noun: '领导人',
    rows: leaders,
    search: (l) => [l.name, ...l.titles],
    columns: [
      { title: '姓名', dataIndex: 'name', width: 120 },
      { title: '职务', dataIndex: 'titles', render: (t: string[]) => t.join('、') },
      { title: '所属单位', dataIndex: 'unitId', width: 240, render: dictUnitName },
    ] as ColumnsType<DictLeader>,
    toForm: (l) => ({ name: l.name, titles: l.titles, unitId: l.unitId ?? undefined }),
    save: (id, f) => save('leaders')(id, { name: f.name.trim(), titles: f.titles ?? [], unitId: f.unitId ?? null }),
    fields: (
      <>
        <Form.Item
          name="name"
          label="姓名"
          rules={[{ required: true, message: '请填写姓名' }, noSpace, { max: 20, message: '不超过 20 个字' }]}>
          <Input data-testid="dict-name" />
        </Form.Item>
        <Form.Item
          name="titles"
          label="职务"
          extra="输入后按回车，可填多个"
          rules={[{ required: true, type: 'array', min: 1, message: '请填写至少一个职务' }]}>
          {tags('dict-titles', '如：区长')}
        </Form.Item>
        <Form.Item name="unitId" label="所属单位" extra="本区单位词典中的单位；国家、市级领导不填">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="dict-leader-unit"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            notFoundContent="本区单位词典为空"
          />
        </Form.Item>
      </>
    ),
  };
  const wordKind: DictKind<LexiconWord, WordForm> = {
    path: 'lexicon',
    noun: '词语',
    rows: lexicon,
    search: (w) => [w.word, w.note ?? ''],
    columns: [
      { title: '词语', dataIndex: 'word', width: 180 },
      { title: '类别', dataIndex: 'category', width: 110, render: (c: string) => labels.category[c] ?? c },
      { title: '严重程度', dataIndex: 'severity', width: 100, render: (s: string) => labels.severity[s] ?? s },
      { title: '说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
    ] as ColumnsType<LexiconWord>,
    toForm: (w) => ({ word: w.word, category: w.category, severity: w.severity, note: w.note ?? undefined }),
    save: (id, f) =>
      save('lexicon')(id, {
        word: f.word.trim(),
        category: f.category,
        severity: f.severity,
        note: f.note?.trim() || null,
      }),
    fields: (
      <>
        <Form.Item
          name="word"
          label="词语"
          rules={[
            { required: true, whitespace: true, message: '请填写词语' },
            { max: 50, message: '不超过 50 个字' },
          ]}>
          <Input data-testid="dict-word" />
        </Form.Item>
        <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select
            data-testid="dict-category"
            options={LEXICON_CATEGORIES.map((c) => ({ value: c, label: labels.category[c] ?? c }))}
          />
        </Form.Item>
        <Form.Item name="severity" label="严重程度" rules={[{ required: true, message: '请选择严重程度' }]}>
          <Select
            data-testid="dict-severity"
            options={SEVERITIES.map((s) => ({ value: s, label: labels.severity[s] ?? s }))}
          />
        </Form.Item>
        <Form.Item name="note" label="说明" rules={[{ max: 200, message: '不超过 200 个字' }]}>
          <Input.TextArea rows={2} data-testid="dict-note" />
        </Form.Item>
      </>
    ),
  };

  const list = <T extends { id: string }, F extends object>(kind: DictKind<T, F>, blank: Partial<F>) => (
    <DictList kind={kind} blank={blank} canEdit={abilities.canEdit} onChanged={dict.reload} />
  );
  return (
    <Tabs
      type="card"
      items={[
        {
          key: 'units',
          label: <span data-testid="dict-tab-units">本区单位（{units.length}）</span>,
          children: list(unitKind, {}),
        },
        {
          key: 'leaders',
          label: <span data-testid="dict-tab-leaders">领导人姓名职务（{leaders.length}）</span>,
          children: list(leaderKind, {}),
        },
        {
          key: 'lexicon',
          label: <span data-testid="dict-tab-lexicon">自定义词库（{lexicon.length}）</span>,
          children: list(wordKind, { category: 'sensitive', severity: 'error' }),
        },
        {
          key: 'builtin',
          label: <span data-testid="dict-tab-builtin">内置规范表述（{builtin.formulations.length}）</span>,
          children: (
            <>
              <Alert
                type="info"
                showIcon
                title="随软件提供，随版本更新，此处只读；固定提法检查顺序和完整性"
                style={{ marginBottom: 12 }}
              />
              <Table<BuiltinFormulation>
                size="small"
                rowKey="wrong"
                dataSource={builtin.formulations}
                columns={[
                  { title: '不规范表述', dataIndex: 'wrong' },
                  { title: '规范表述', dataIndex: 'right', render: (r: string) => r || '不得使用' },
                  { title: '类别', dataIndex: 'kind', render: (k: string) => FORMULATION_KIND[k] ?? k },
                  { title: '严重程度', dataIndex: 'severity', render: (v: string) => labels.severity[v] ?? v },
                  {
                    title: '依据',
                    dataIndex: 'source',
                    render: (src: string, f) => `${src}（${f.date}${f.since ? `，自 ${f.since} 起` : ''}）`,
                  },
                ]}
              />
              <Table
                size="small"
                rowKey="label"
                style={{ marginTop: 12 }}
                dataSource={builtin.series}
                columns={[
                  { title: '固定提法', dataIndex: 'label' },
                  { title: '规范顺序', dataIndex: 'items', render: (items: string[]) => items.join('、') },
                  { title: '依据', dataIndex: 'source' },
                ]}
              />
            </>
          ),
        },
      ]}
    />
  );
}
