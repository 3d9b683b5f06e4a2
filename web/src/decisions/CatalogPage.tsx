// 重大行政决策事项目录: one per year and level (the district government's, each unit's and town's own), with each
// item's current step of the statutory procedure; import, exports, 调整申请 (add / change / withdraw) and their
// approval, every version and the differences between versions. What each person may do comes from the server
// (the session's decisions abilities, each item's abilities); the server decides every request again.
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { get } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useLabels, useSession } from '../session.tsx';
import { useUnits } from '../units.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { ImportModal } from './ImportModal.tsx';
import { ProposalModal } from './ProposalModal.tsx';
import { ProposalsPanel } from './ProposalsPanel.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';
import {
  type Catalog,
  type CatalogDetail,
  type DecisionItem,
  monthLabel,
  type ProposalKind,
  stepLabel,
} from './types.ts';

/** The newest year's 目录, the person's own unit's if it keeps one that year. */
function defaultCatalog(list: Catalog[], unitId: string, year?: number): Catalog | undefined {
  const y = year ?? Math.max(...list.map((c) => c.year));
  const ofYear = list.filter((c) => c.year === y);
  return ofYear.find((c) => c.unitId === unitId) ?? ofYear[0];
}

export function CatalogPage() {
  const { user } = useSession();
  const { unitName } = useUnits();
  const [params, setParams] = useSearchParams();
  const catalogs = useLoad(() => get<Catalog[]>('/api/decisions/catalogs'), []);
  const [importing, setImporting] = useState(false);
  if (!user) return null;
  const list = catalogs.data ?? [];
  const chosen = list.find((c) => c.id === params.get('id')) ?? defaultCatalog(list, user.unitId);
  const years = [...new Set(list.map((c) => c.year))].sort((a, b) => b - a);
  const choose = (c?: Catalog) => c && setParams({ id: c.id });
  const canImport = user.abilities.decisions.importOwnCatalog;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          重大行政决策事项目录
        </Typography.Title>
        <Space wrap>
          <Link to="/decisions/board">年度看板</Link>
          <a href="/yijian/mulu" target="_blank" rel="noreferrer">
            公开目录
          </a>
          {canImport && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="catalog-import">
              导入目录
            </Button>
          )}
        </Space>
      </Space>
      {catalogs.error && <Alert type="error" showIcon title={catalogs.error} />}
      {list.length > 0 && chosen && (
        <Space wrap>
          <Select
            style={{ width: 120 }}
            value={chosen.year}
            onChange={(y) => choose(defaultCatalog(list, user.unitId, y))}
            options={years.map((y) => ({ value: y, label: `${y}年度` }))}
            data-testid="catalog-year"
          />
          <Select
            style={{ width: 220 }}
            value={chosen.id}
            onChange={(id) => choose(list.find((c) => c.id === id))}
            options={list
              .filter((c) => c.year === chosen.year)
              .map((c) => ({ value: c.id, label: `${unitName(c.unitId)}目录` }))}
            data-testid="catalog-level"
          />
        </Space>
      )}
      {!catalogs.loading && !list.length && !catalogs.error && <Empty description="还没有重大行政决策事项目录" />}
      {chosen && <CatalogView key={chosen.id} catalogId={chosen.id} />}
      {importing && (
        <ImportModal
          unitId={user.unitId}
          unitName={unitName(user.unitId)}
          onClose={() => setImporting(false)}
          onDone={(c) => {
            setImporting(false);
            catalogs.reload();
            setParams({ id: c.id });
          }}
        />
      )}
    </Space>
  );
}

type Proposing = { kind: ProposalKind; item?: DecisionItem } | null;

function CatalogView({ catalogId }: { catalogId: string }) {
  const { user } = useSession();
  const steps = useLabels().decisions.step;
  const detail = useLoad(() => get<CatalogDetail>(`/api/decisions/catalogs/${catalogId}`), [catalogId]);
  const [proposing, setProposing] = useState<Proposing>(null);
  const [tab, setTab] = useState('items');
  const [proposals, setProposals] = useState(0);
  if (detail.error) return <Alert type="error" showIcon title={detail.error} />;
  const c = detail.data;
  if (!c || !user) return <Table loading />;
  const d = user.abilities.decisions;
  const ownCatalog = user.unitId === c.unitId;
  const keeps = ownCatalog && d.importOwnCatalog;
  const mayAdd = keeps || c.items.some((i) => i.abilities.runProcedure);
  const nextSeq = Math.max(0, ...c.items.map((i) => i.seq)) + 1;
  const items = (
    <Table<DecisionItem>
      rowKey="id"
      size="middle"
      dataSource={c.items}
      data-testid="catalog-items"
      pagination={false}
      scroll={{ x: 990 }}
      locale={{ emptyText: '目录中没有事项' }}
      columns={[
        { title: '序号', dataIndex: 'seq', width: 56 },
        { title: '类别', dataIndex: 'category', width: 130 },
        {
          title: '决策事项',
          dataIndex: 'title',
          width: 300,
          render: (t: string, i) => <Link to={`/decisions/items/${i.id}`}>{t}</Link>,
        },
        { title: '承办单位', dataIndex: 'leadUnit', width: 110 },
        { title: '计划决策时间', dataIndex: 'plannedMonth', width: 100, render: (m: string) => monthLabel(m) },
        { title: '备注', dataIndex: 'note', width: 80 },
        {
          title: '当前步骤',
          dataIndex: 'currentStep',
          width: 104,
          render: (s: DecisionItem['currentStep'], i) => (
            <Tag color={s ? (i.procedure.submittedOn ? 'purple' : 'processing') : 'success'}>{stepLabel(steps, s)}</Tag>
          ),
        },
        {
          title: '调整',
          width: 110,
          render: (_, i) =>
            i.abilities.runProcedure && (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setProposing({ kind: 'change', item: i })}>
                  调整
                </Button>
                <Button size="small" type="link" danger onClick={() => setProposing({ kind: 'withdraw', item: i })}>
                  撤销
                </Button>
              </Space>
            ),
        },
      ]}
    />
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="catalog-title">
            {c.title}
          </Typography.Title>
          <Tag color="blue">现行第{c.version}版</Tag>
          <Typography.Text type="secondary">{c.items.length} 项</Typography.Text>
        </Space>
        <Space wrap>
          {mayAdd && (
            <Button icon={<PlusOutlined />} onClick={() => setProposing({ kind: 'add' })} data-testid="proposal-add">
              申请增加事项
            </Button>
          )}
          <ExportButtons catalog={c} canDraftNotice={keeps} />
        </Space>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'items', label: '决策事项', children: items },
          {
            key: 'proposals',
            label: '调整申请',
            children: (
              <ProposalsPanel
                catalogId={c.id}
                items={c.items}
                version={c.version * 1000 + proposals}
                canApprove={(p) => ownCatalog && (p.kind === 'withdraw' ? d.approveWithdrawals : d.approveChanges)}
                onDecided={detail.reload}
              />
            ),
          },
          { key: 'versions', label: '版本与差异', children: <VersionsPanel catalogId={c.id} current={c.version} /> },
        ]}
      />
      {proposing && (
        <ProposalModal
          catalogId={c.id}
          year={c.year}
          kind={proposing.kind}
          item={proposing.item}
          nextSeq={nextSeq}
          onClose={() => setProposing(null)}
          onDone={() => {
            setProposing(null);
            setProposals((n) => n + 1);
            setTab('proposals');
          }}
        />
      )}
    </Space>
  );
}
