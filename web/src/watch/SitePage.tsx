// 网站详情: the site against each veto line, its columns with their clocks, the should-not-change pages, its history
// (incidents, monitor runs, probes, latest statuses) and — for the e-gov center and the admin — its warning lines.
// 立即检测 (the unit's duty people, the e-gov center, the admin) runs every monitor now; the page follows it until done.
import { Alert, Button, Card, Descriptions, Popconfirm, Result, Space, Spin, Tabs, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useEffect, useState } from 'react';
import { useAction } from '../admin/FormModal.tsx';
import { api, get, post } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { ColumnsTab } from './ColumnsTab.tsx';
import { HistoryTab } from './HistoryTab.tsx';
import { LevelTag } from './LevelTag.tsx';
import { PagesTab } from './PagesTab.tsx';
import { SiteFormModal } from './SiteFormModal.tsx';
import { ThresholdsForm } from './ThresholdsForm.tsx';
import { useWatchNames } from './names.ts';
import type { SiteCheck, SiteDetail } from './types.ts';

export function SitePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const act = useAction();
  const names = useWatchNames();
  const [changing, setChanging] = useState(false);
  const { data: d, loading, error, reload } = useLoad(() => get<SiteDetail>(`/api/watch/sites/${id}`), [id]);
  const running = d?.check?.state === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(reload, 2000); // follow the check until it is done
    return () => clearTimeout(timer);
  });
  if (error && !d)
    return (
      <Result
        status="warning"
        title="无法打开网站详情"
        subTitle={error}
        extra={<Link to="/watch/overview">返回监测总览</Link>}
      />
    );
  if (!d)
    return (
      <Spin spinning={loading} tip="正在加载…">
        <div style={{ minHeight: 200 }} />
      </Spin>
    );
  const a = d.availability;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="site-title">
          {d.site.name} <LevelTag level={d.level} />
        </Typography.Title>
        <Space>
          {d.abilities.canCheck && (
            <Button
              type="primary"
              loading={running}
              data-testid="site-check"
              onClick={async () => {
                if (await act(() => post(`/api/watch/sites/${id}/check`), '已开始检测，完成后结果显示在本页')) reload();
              }}>
              {running ? '检测中' : '立即检测'}
            </Button>
          )}
          {d.abilities.canManage && (
            <Button onClick={() => setChanging(true)} data-testid="site-edit">
              修改
            </Button>
          )}
          {d.abilities.canManage && (
            <Popconfirm
              title="停止监测该网站？历史记录和事件会保留。"
              okText="停止监测"
              cancelText="取消"
              onConfirm={async () => {
                if (await act(() => api('DELETE', `/api/watch/sites/${id}`), '已停止监测该网站'))
                  navigate('/watch/overview');
              }}>
              <Button danger>停止监测</Button>
            </Popconfirm>
          )}
          <Link to="/watch/overview">返回监测总览</Link>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {d.check && <CheckResult check={d.check} />}
      <SiteFormModal site={d.site} open={changing} onClose={() => setChanging(false)} onDone={reload} />
      <Card size="small">
        <Descriptions
          size="small"
          column={3}
          items={[
            { label: '主办单位', children: d.unitName },
            { label: '类别', children: names.siteKind[d.site.kind] },
            {
              label: '首页',
              children: (
                <Typography.Link href={d.site.url} target="_blank" rel="noreferrer">
                  {d.site.url}
                </Typography.Link>
              ),
            },
            {
              label: '近 7 天可用性',
              children: (
                <span data-testid="site-availability">
                  {a.text} <LevelTag level={a.level} />
                </span>
              ),
            },
            { label: '最近探测', children: formatTime(d.probes[0]?.at) },
            { label: '最近监测运行', children: formatTime(d.runs[0]?.startedAt) },
          ]}
        />
      </Card>
      <Card size="small" title="单项否决线">
        <Descriptions
          size="small"
          column={1}
          bordered
          data-testid="site-lines"
          items={d.lines.map((l) => ({
            label: names.vetoLine[l.line],
            children: (
              <Space>
                <LevelTag level={l.level} />
                <span>{l.summary}</span>
              </Space>
            ),
          }))}
        />
      </Card>
      <Tabs
        items={[
          {
            key: 'columns',
            label: `栏目（${d.columns.length}）`,
            children: <ColumnsTab site={d} onChanged={reload} />,
          },
          {
            key: 'pages',
            label: `防篡改页面（${d.pages.length}）`,
            children: <PagesTab site={d} onChanged={reload} />,
          },
          { key: 'history', label: '监测历史', children: <HistoryTab site={d} /> },
          ...(d.abilities.canManage
            ? [
                {
                  key: 'thresholds',
                  label: '预警线与否决线',
                  children: <ThresholdsForm site={d.site} onChanged={reload} />,
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}

/** The latest 立即检测: under way, done with what it found, or failed with why. */
function CheckResult({ check: c }: { check: SiteCheck }) {
  const by = `${c.requestedByName} ${formatTime(c.startedAt)} 发起`;
  const [type, title] =
    c.state === 'running'
      ? (['info', `正在立即检测（${by}），完成后本页自动更新`] as const)
      : c.state === 'failed'
        ? (['error', `立即检测失败（${by}）：${c.error ?? '未知错误'}`] as const)
        : ([
            c.problems ? 'warning' : 'success',
            `立即检测已完成（${by}，${formatTime(c.finishedAt)} 完成）：${c.observations} 项检查，`
              + (c.problems ? `${c.problems} 项预警或否决风险，见下方各线` : '未发现问题'),
          ] as const);
  return <Alert type={type} showIcon title={title} data-testid="site-check-result" data-state={c.state} />;
}
