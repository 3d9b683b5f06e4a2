// 日历订阅: an .ics address for a calendar app (Outlook、手机日历…) — my own shifts, or the unit's roster for its keepers.
// The address is the credential: it is shown once, a new one replaces the old, and 停用 ends it.
import { CalendarOutlined } from '@ant-design/icons';
import { Alert, Button, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useAction } from '../admin/FormModal.tsx';
import { api, get, post } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useUnits } from '../units.ts';
import type { SetupTabProps } from './SetupPage.tsx';
import type { FeedToken, NewFeed } from './setupTypes.ts';

export function FeedsTab({ setup }: SetupTabProps) {
  const { unitName } = useUnits();
  const feeds = useLoad(() => get<FeedToken[]>('/api/duty/feed-tokens'), []);
  const [created, setCreated] = useState<NewFeed | null>(null);
  const act = useAction();
  const what = (f: FeedToken) => (f.kind === 'user' ? '我的值班安排' : `${unitName(f.ownerId)}值班表`);
  const create = async (kind: 'user' | 'unit') => {
    await act(async () => {
      setCreated(
        await post<NewFeed>('/api/duty/feed-tokens', kind === 'unit' ? { kind, unitId: setup.unitId } : { kind }),
      );
      feeds.reload();
    }, '已生成订阅地址（此前的同类地址随即失效）');
  };
  const revoke = async (f: FeedToken) => {
    if (await act(() => api('DELETE', `/api/duty/feed-tokens/${f.id}`), `已停用「${what(f)}」的订阅`)) {
      if (created?.id === f.id) setCreated(null);
      feeds.reload();
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        在日历软件中“通过网址订阅日历”，即可看到已发布的值班安排（过去一个月和今后半年），排班调整后自动更新。
      </Typography.Paragraph>
      <Space wrap>
        <Button icon={<CalendarOutlined />} onClick={() => void create('user')} data-testid="feed-create-user">
          生成我的值班日历订阅
        </Button>
        {setup.abilities.canManage && (
          <Button icon={<CalendarOutlined />} onClick={() => void create('unit')} data-testid="feed-create-unit">
            生成{setup.unitName}值班表订阅
          </Button>
        )}
      </Space>
      {created && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setCreated(null)}
          data-testid="feed-created"
          title={`「${what(created)}」的订阅地址`}
          description={
            <>
              <Typography.Paragraph
                copyable={{ text: `${window.location.origin}${created.path}` }}
                style={{ marginBottom: 4 }}>
                <Typography.Text
                  code
                  data-testid="feed-url">{`${window.location.origin}${created.path}`}</Typography.Text>
              </Typography.Paragraph>
              <Typography.Text type="warning">
                {created.kind === 'user'
                  ? '这是您个人的订阅地址，凭地址即可查看您的值班安排，请勿转发他人。'
                  : '凭此地址即可查看本单位值班表（含联系电话），只提供给需要的人员。'}
                地址只显示这一次；重新生成后旧地址随即失效。
              </Typography.Text>
            </>
          }
        />
      )}
      {feeds.error && <Alert type="error" showIcon title={feeds.error} />}
      <Table<FeedToken>
        rowKey="id"
        size="middle"
        loading={feeds.loading}
        dataSource={feeds.data}
        pagination={false}
        data-testid="feed-table"
        locale={{ emptyText: '还没有在用的日历订阅' }}
        columns={[
          { title: '订阅内容', key: 'what', render: (_, f) => what(f) },
          { title: '生成时间', dataIndex: 'createdAt', width: 170, render: formatTime },
          {
            title: '操作',
            key: 'revoke',
            width: 90,
            render: (_, f) => (
              <Popconfirm
                title={`停用「${what(f)}」的订阅？日历软件将无法再更新。`}
                okText="停用"
                cancelText="取消"
                onConfirm={() => revoke(f)}>
                <Button type="link" danger aria-label={`停用${what(f)}的订阅`} data-testid="feed-revoke">
                  停用
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}
