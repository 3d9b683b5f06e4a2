// 政务新媒体 in the overview: each account's level by the days since its last post, and — for the unit's duty people
// and the e-gov center — 登记最近发布日期 for an account without a feed.
import { Button, DatePicker, Form, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { FormModal } from '../admin/FormModal.tsx';
import { api } from '../api.ts';
import { dayjs, formatDate, TZ } from '../format.ts';
import { AccountFormModal } from './AccountFormModal.tsx';
import { LevelTag } from './LevelTag.tsx';
import { useWatchNames } from './names.ts';
import type { AccountSummary } from './types.ts';

interface Props {
  accounts: AccountSummary[] | undefined;
  manager: boolean;
  loading: boolean;
  onChanged: () => void;
}

/** `manager`: registers and edits accounts; each account says whether this person may enter its last-post date. */
export function AccountsTable({ accounts, manager, loading, onChanged }: Props) {
  const names = useWatchNames();
  const [editing, setEditing] = useState<AccountSummary | null>(null);
  const [adding, setAdding] = useState(false);
  const [changing, setChanging] = useState<AccountSummary | null>(null);
  return (
    <>
      {manager && (
        <Button onClick={() => setAdding(true)} style={{ marginBottom: 8 }} data-testid="account-add">
          登记账号
        </Button>
      )}
      <Table<AccountSummary>
        rowKey={(a) => a.account.id}
        size="small"
        loading={loading}
        dataSource={accounts}
        data-testid="overview-accounts"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有登记政务新媒体账号' }}
        columns={[
          {
            title: '账号',
            key: 'name',
            render: (_, a) => (
              <>
                {names.platform[a.account.platform] ?? a.account.platform}「{a.account.name}」
              </>
            ),
          },
          { title: '主办单位', dataIndex: 'unitName', width: 140 },
          {
            title: '状态',
            dataIndex: 'level',
            width: 90,
            render: (l: AccountSummary['level']) => <LevelTag level={l} />,
          },
          {
            title: '最近发布',
            key: 'last',
            width: 150,
            render: (_, a) =>
              a.account.lastPostOn ? (
                <>
                  {formatDate(a.account.lastPostOn)}
                  <Typography.Text type="secondary">（{a.daysSincePost} 天前）</Typography.Text>
                </>
              ) : (
                '未登记'
              ),
          },
          { title: '说明', dataIndex: 'summary', ellipsis: true },
          {
            title: '未恢复事件',
            dataIndex: 'openIncidents',
            width: 96,
            render: (n: number, a) =>
              n > 0 ? (
                <Link to={`/watch/incidents?account=${a.account.id}`} style={{ color: '#cf1322', fontWeight: 600 }}>
                  {n} 个
                </Link>
              ) : (
                '0'
              ),
          },
          {
            title: '操作',
            key: 'op',
            width: manager ? 190 : 130,
            render: (_, a) => (
              <Space size="small">
                {a.canReportLastPost && (
                  <Button size="small" onClick={() => setEditing(a)}>
                    登记最近发布
                  </Button>
                )}
                {manager && (
                  <Button size="small" onClick={() => setChanging(a)} data-testid={`account-edit-${a.account.name}`}>
                    修改
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <AccountFormModal open={adding} onClose={() => setAdding(false)} onDone={onChanged} />
      <AccountFormModal
        key={changing?.account.id}
        account={changing?.account}
        open={!!changing}
        onClose={() => setChanging(null)}
        onDone={onChanged}
      />
      <FormModal<{ lastPostOn: Dayjs }>
        title={`登记最近发布日期：${editing?.account.name ?? ''}`}
        open={!!editing}
        onClose={() => setEditing(null)}
        testId="last-post-form"
        done="最近发布日期已登记"
        initialValues={{ lastPostOn: dayjs().tz(TZ) }}
        onSubmit={async (v) => {
          await api('PUT', `/api/watch/accounts/${editing!.account.id}/last-post`, {
            lastPostOn: v.lastPostOn.format('YYYY-MM-DD'),
          });
          onChanged();
        }}>
        <Form.Item name="lastPostOn" label="最近发布日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs().tz(TZ), 'day')} />
        </Form.Item>
      </FormModal>
    </>
  );
}
