// 突发事件处置: the open emergencies first and in red — scope, since when, the duty leaders and the people added — with
// 结束处置 (a summary of what was done) for those who may; then the closed ones. Starting one is EmergencyForm.
import { AlertOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { FormModal } from '../admin/FormModal.tsx';
import { get, post } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useSession } from '../session.tsx';
import { useUnits } from '../units.ts';
import './duty.css';
import { EmergencyForm } from './EmergencyForm.tsx';
import { type Emergency, type EmergencyBoard, LIMITS, personText } from './setupTypes.ts';

const REFRESH_MS = 60_000;
const names = (people: { name: string; phone: string | null }[]) => people.map(personText).join('、') || '—';

export function EmergenciesPage() {
  const { user } = useSession();
  const { units } = useUnits();
  const list = useLoad(() => get<EmergencyBoard>('/api/duty/emergencies'), []);
  const [declaring, setDeclaring] = useState(false);
  const [closing, setClosing] = useState<Emergency | null>(null);
  const { reload } = list;
  useEffect(() => {
    const t = setInterval(reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);
  if (!user) return null;
  // Where this person may start one, and the people they may name: the server's answer (src/org/policy/duty.ts).
  const can = list.data?.abilities;
  const may =
    can && (can.declareUnitIds.length || can.declareDistrict)
      ? { units: units.filter((u) => can.declareUnitIds.includes(u.id)), district: can.declareDistrict }
      : null;
  const open = (list.data?.emergencies ?? []).filter((e) => e.state === 'open');
  const closed = (list.data?.emergencies ?? []).filter((e) => e.state === 'closed');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          突发事件处置
        </Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={reload} loading={list.loading}>
            刷新
          </Button>
          {may && (
            <Button
              type="primary"
              danger
              icon={<AlertOutlined />}
              onClick={() => setDeclaring(true)}
              data-testid="emergency-declare">
              启动突发事件处置
            </Button>
          )}
        </Space>
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      {!list.data ? (
        !list.error && (
          <Spin tip="正在加载…">
            <div style={{ height: 120 }} />
          </Spin>
        )
      ) : open.length === 0 ? (
        <Card>
          <Empty description="目前没有正在处置的突发事件" data-testid="emergency-none" />
        </Card>
      ) : (
        open.map((e) => <OpenEmergency key={e.id} e={e} onClose={() => setClosing(e)} />)
      )}
      <Card size="small" title="已结束的突发事件">
        <Table<Emergency>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={closed}
          data-testid="emergency-closed"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '没有已结束的突发事件' }}
          columns={[
            { title: '事件', dataIndex: 'title' },
            { title: '范围', dataIndex: 'unitName', width: 130 },
            {
              title: '启动',
              key: 'start',
              width: 210,
              render: (_, e) => `${formatTime(e.startsAt)}（${e.declaredByName}）`,
            },
            { title: '结束', dataIndex: 'closedAt', width: 150, render: formatTime },
            {
              title: '处置情况',
              dataIndex: 'summary',
              render: (s: string | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{s}</span>,
            },
          ]}
        />
      </Card>
      {may && (
        <EmergencyForm
          open={declaring}
          may={may}
          pools={can?.pools ?? []}
          defaultUnitId={user.unitId}
          onClose={() => setDeclaring(false)}
          onDeclared={reload}
        />
      )}
      <FormModal<{ summary: string }>
        title={`结束处置：${closing?.title ?? ''}`}
        open={!!closing}
        onClose={() => setClosing(null)}
        testId="emergency-close-form"
        done="突发事件处置已结束"
        submitText="结束处置"
        onSubmit={async (v) => {
          await post(`/api/duty/emergencies/${closing?.id}/close`, v);
          reload();
        }}>
        <Form.Item
          name="summary"
          label="处置情况"
          rules={[
            { required: true, whitespace: true, message: '请填写处置情况' },
            { max: LIMITS.text, message: `处置情况不能超过 ${LIMITS.text} 个字` },
          ]}>
          <Input.TextArea rows={4} placeholder="如：已恢复网站首页，厂商已修补漏洞" data-testid="emergency-summary" />
        </Form.Item>
      </FormModal>
    </Space>
  );
}

function OpenEmergency({ e, onClose }: { e: Emergency; onClose: () => void }) {
  return (
    <Card
      className="duty-emergency"
      size="small"
      data-testid="emergency-open"
      data-title={e.title}
      title={
        <Space>
          <AlertOutlined style={{ color: '#cf1322' }} />
          <span>{e.title}</span>
          <Tag color="red">处置中</Tag>
          {e.district && <Tag color="volcano">全区</Tag>}
        </Space>
      }
      extra={
        e.abilities.canClose && (
          <Button danger onClick={onClose} data-testid="emergency-close">
            结束处置
          </Button>
        )
      }>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'unit', label: '范围', children: e.unitName },
          { key: 'start', label: '启动', children: `${formatTime(e.startsAt)}（${e.declaredByName}）` },
          { key: 'until', label: '预计结束', children: e.until ? formatTime(e.until) : '至结束处置' },
          { key: 'leaders', label: '带班领导', children: names(e.leaders) },
          {
            key: 'extras',
            label: '增加处置力量',
            span: 2,
            children: <span data-testid="emergency-extras-list">{names(e.extras)}</span>,
          },
          ...(e.findings.length
            ? [
                {
                  key: 'override',
                  label: '超越排班规则',
                  span: 2,
                  children: (
                    <span data-testid="emergency-findings">
                      <Typography.Text type="warning">{e.findings.map((f) => f.message).join('；')}</Typography.Text>
                      <br />
                      理由：{e.overrideReason}
                    </span>
                  ),
                },
              ]
            : []),
          ...(e.description
            ? [
                {
                  key: 'desc',
                  label: '事件情况',
                  span: 2,
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{e.description}</span>,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
