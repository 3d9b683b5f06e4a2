// 一期公报: the 目录 by section with each document's page from the typeset pages (A4 or 16开); the 公报室 adds
// published 公文 by title or a 公文 read from a Word file (marked as such), orders them, moves them between sections,
// corrects each one's GB/T 9704 elements,
// downloads the PDF and HTML, and submits the issue to 三审三校. Once released, it links to the online edition.
import { ArrowDownOutlined, ArrowUpOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Drawer, Form, Input, Popconfirm, Radio, Select, Space, Table, Tag } from 'antd';
import { Tooltip, Upload } from 'antd';
import { Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, get, post, query } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useSession } from '../session.tsx';
import { DocumentForm, type DocumentValues, fromValues } from './DocumentForm.tsx';
import { FindingsList, placeDocx } from './ImportModal.tsx';
import type { Entry, Finding, Issue, PublishedHit, Toc } from './types.ts';
import { STATUS_NAME } from './types.ts';

type Paper = 'A4' | '16K';

export function IssuePage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const { message } = App.useApp();
  const [paper, setPaper] = useState<Paper>('A4');
  const issue = useLoad(() => get<Issue>(`/api/gazette/issues/${id}`), [id]);
  const toc = useLoad(() => get<Toc>(`/api/gazette/issues/${id}/toc${query({ paper })}`), [id, paper]);
  const [editing, setEditing] = useState<Entry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [findings, setFindings] = useState<Finding[]>([]);
  const data = issue.data;
  const editable = !!user?.abilities.editGazette && (data?.status === 'editing' || data?.status === 'returned');

  const change = async (run: () => Promise<Issue | undefined>, done?: string) => {
    setError(null);
    try {
      await run();
      if (done) message.success(done);
      issue.reload();
      toc.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const putOrder = (entries: Entry[]) =>
    api<Issue>('PUT', `/api/gazette/issues/${id}/order`, {
      entries: entries.map((e) => ({ id: e.id, section: e.section })),
    });
  /** The entries in print order with `entry` moved one place within its section. */
  const move = (entry: Entry, step: -1 | 1) => {
    const all = [...(data?.entries ?? [])];
    const same = all.filter((e) => e.section === entry.section);
    const other = same[same.indexOf(entry) + step];
    if (!other) return;
    const [i, j] = [all.indexOf(entry), all.indexOf(other)];
    [all[i], all[j]] = [all[j], all[i]];
    void change(() => putOrder(all));
  };
  const toSection = (entry: Entry, section: string) =>
    void change(() => putOrder([...(data?.entries ?? []).filter((e) => e !== entry), { ...entry, section }]));

  if (issue.error && !data) return <Alert type="error" showIcon title={issue.error} />;
  if (!data) return <Card loading />;
  const offset = data.forewordTitle ? 1 : 0; // the 卷首语 is the first line of the 目录
  const pageOf = new Map(data.entries.map((e, i) => [e.id, toc.data?.toc[i + offset]?.page]));
  const [statusName, color] = STATUS_NAME[data.status];
  const download = (kind: string) => `/api/gazette/issues/${id}/${kind}`;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space>
          <Link to="/gazette">政府公报</Link>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {data.label}
          </Typography.Title>
          <Tag color={color} data-testid="issue-status">
            {statusName}
          </Tag>
        </Space>
        <Space wrap>
          {data.itemId && (
            <Link to={`/items/${data.itemId}`} data-testid="issue-review">
              审核情况
            </Link>
          )}
          {data.status === 'published' && (
            <a href={`/gongbao/${data.totalNumber}`} target="_blank" rel="noreferrer" data-testid="issue-online">
              在网上公报查看
            </a>
          )}
          <Button href={download(`pdf${query({ paper: 'A4' })}`)} download data-testid="pdf-a4">
            下载 PDF（A4）
          </Button>
          <Button href={download(`pdf${query({ paper: '16K' })}`)} download>
            下载 PDF（16开）
          </Button>
          <Button href={download('html')} download>
            下载 HTML
          </Button>
          {editable && (
            <Popconfirm
              title="报送三审三校？"
              description="报送后本期锁定，退回修改后方可再改。"
              okText="报送"
              cancelText="取消"
              onConfirm={() => change(() => post<Issue>(`/api/gazette/issues/${id}/submit`, {}), '已报送三审三校')}>
              <Button type="primary" data-testid="issue-submit" disabled={data.entries.length === 0}>
                报送审核
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Space>
      <Typography.Text type="secondary">
        出版日期 {data.publishDate}
        {data.publishedAt ? `，${formatTime(data.publishedAt)} 在网上公报发布` : ''}；栏目：{data.sections.join('、')}
      </Typography.Text>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />}
      {data.status === 'reviewing' && <Alert type="info" showIcon title="本期正在三审三校，审核期间不能修改。" />}
      {data.status === 'returned' && <Alert type="warning" showIcon title="本期被退回修改：修改后可再次报送。" />}
      {editable && (
        <AddEntry
          issue={data}
          onAdd={(body) => change(() => post(`/api/gazette/issues/${id}/entries`, body), '已编入')}
          onDocx={(file, section) =>
            change(async () => {
              const r = await placeDocx(id, file, section);
              setFindings(r.formatFindings);
              return r.issue;
            }, `已读取 ${file.name} 并编入`)
          }
          findings={findings}
        />
      )}
      <Card
        size="small"
        title="目录"
        extra={
          <Space>
            <span>{toc.data ? `排版共 ${toc.data.pages} 页` : toc.loading ? '正在排版…' : ''}</span>
            <Radio.Group
              size="small"
              value={paper}
              onChange={(e) => setPaper(e.target.value)}
              options={[
                { value: 'A4', label: 'A4' },
                { value: '16K', label: '16开' },
              ]}
              optionType="button"
            />
          </Space>
        }>
        {data.forewordTitle && (
          <p>
            卷首语：{data.forewordTitle}　{toc.data?.toc[0]?.page ?? ''}
          </p>
        )}
        {toc.error && <Alert type="error" showIcon title={toc.error} />}
        <Table<Entry>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.entries}
          data-testid="issue-toc"
          locale={{ emptyText: '还没有编入公文：在上方按标题查找已发布的公文' }}
          columns={[
            {
              title: '栏目',
              dataIndex: 'section',
              width: 200,
              render: (s: string, e) =>
                editable ? (
                  <Select
                    size="small"
                    value={s}
                    style={{ width: 190 }}
                    aria-label="栏目"
                    options={data.sections.map((x) => ({ value: x, label: x }))}
                    onChange={(v) => toSection(e, v)}
                  />
                ) : (
                  s
                ),
            },
            {
              title: '标题',
              dataIndex: 'title',
              render: (t: string, e) =>
                e.source === 'word' ? (
                  <>
                    {t}{' '}
                    <Tooltip title={`由 Word 文件“${e.sourceFile ?? ''}”读入，随本期一并三审三校`}>
                      <Tag data-testid="entry-word">Word 读入</Tag>
                    </Tooltip>
                  </>
                ) : (
                  t
                ),
            },
            { title: '发文字号', dataIndex: 'docNumber', width: 170, render: (d: string | null) => d ?? '—' },
            {
              title: '页码',
              key: 'page',
              width: 60,
              render: (_, e) => <span data-testid="toc-page">{pageOf.get(e.id) ?? '…'}</span>,
            },
            {
              title: '操作',
              key: 'ops',
              width: 230,
              render: (_, e) => (
                <Space size="small">
                  {editable && (
                    <>
                      <Button size="small" icon={<ArrowUpOutlined />} aria-label="上移" onClick={() => move(e, -1)} />
                      <Button size="small" icon={<ArrowDownOutlined />} aria-label="下移" onClick={() => move(e, 1)} />
                    </>
                  )}
                  <Button size="small" onClick={() => setEditing(e)} data-testid="entry-edit">
                    {editable ? '编辑要素' : '查看要素'}
                  </Button>
                  {editable && (
                    <Popconfirm
                      title="从本期移除这篇公文？"
                      okText="移除"
                      cancelText="取消"
                      onConfirm={() =>
                        change(() => api<Issue>('DELETE', `/api/gazette/issues/${id}/entries/${e.id}`), '已移除')
                      }>
                      <Button size="small" danger>
                        移除
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <EntryDrawer
          issueId={id}
          entry={editing}
          readOnly={!editable}
          onClose={() => setEditing(null)}
          onSaved={() => {
            issue.reload();
            toc.reload();
          }}
        />
      )}
    </Space>
  );
}

function AddEntry({
  issue,
  onAdd,
  onDocx,
  findings,
}: {
  issue: Issue;
  onAdd: (b: { itemId: string; section: string }) => Promise<void>;
  onDocx: (file: File, section: string) => Promise<void>;
  findings: Finding[];
}) {
  const [q, setQ] = useState('');
  const [section, setSection] = useState(issue.sections[0]);
  const hits = useLoad(
    () => (q ? get<PublishedHit[]>(`/api/gazette/published${query({ q })}`) : Promise.resolve([])),
    [q],
  );
  const placed = new Set(issue.entries.map((e) => e.itemId));
  return (
    <Card size="small" title="编入公文（已发布的，或 Word 文件）">
      <Space wrap>
        <Input.Search
          placeholder="按标题查找已发布的公文"
          enterButton="查找"
          allowClear
          style={{ width: 360 }}
          data-testid="published-search"
          onSearch={(v) => setQ(v.trim())}
        />
        <span>编入栏目</span>
        <Select
          value={section}
          onChange={setSection}
          style={{ width: 220 }}
          data-testid="entry-section"
          aria-label="编入栏目"
          options={issue.sections.map((s) => ({ value: s, label: s }))}
        />
        <Upload
          accept=".docx"
          showUploadList={false}
          beforeUpload={(f) => {
            void onDocx(f, section);
            return false;
          }}>
          <Button icon={<UploadOutlined />} data-testid="entry-docx">
            读取 Word 公文并编入
          </Button>
        </Upload>
      </Space>
      <FindingsList findings={findings} />
      {hits.error && <Alert type="error" showIcon title={hits.error} style={{ marginTop: 8 }} />}
      {q && (
        <Table<PublishedHit>
          rowKey="itemId"
          size="small"
          style={{ marginTop: 8 }}
          loading={hits.loading}
          dataSource={hits.data}
          pagination={false}
          data-testid="published-hits"
          locale={{ emptyText: `没有标题含“${q}”的已发布公文` }}
          columns={[
            { title: '标题', dataIndex: 'title' },
            { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: formatTime },
            {
              title: '',
              key: 'add',
              width: 90,
              render: (_, h) =>
                placed.has(h.itemId) ? (
                  '已在本期'
                ) : (
                  <Button size="small" type="primary" onClick={() => void onAdd({ itemId: h.itemId, section })}>
                    编入
                  </Button>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function EntryDrawer(props: {
  issueId: string;
  entry: Entry;
  readOnly: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { issueId, entry, readOnly, onClose, onSaved } = props;
  const [form] = Form.useForm<DocumentValues>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const r = await api<{ issue: Issue; formatFindings: Finding[] }>(
        'PUT',
        `/api/gazette/issues/${issueId}/entries/${entry.id}`,
        fromValues(form.getFieldsValue(true)),
      );
      setFindings(r.formatFindings);
      message.success('已保存公文要素');
      onSaved();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer
      open
      size="large"
      title={`公文要素：${entry.title}`}
      onClose={onClose}
      extra={
        !readOnly && (
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="entry-save">
            保存
          </Button>
        )
      }>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <FindingsList findings={findings} />
      <DocumentForm form={form} readOnly={readOnly} initial={entry.document} />
    </Drawer>
  );
}
