// 公报室: the issues of the 政府公报 (newest first) with where each stands in 三审三校; the 公报室 creates an issue
// here; 读取 Word 公文 shows how a .docx reads as GB/T 9704 elements and places it in an issue being compiled;
// 刊物设置 keeps the 刊名 and 版权页. The 督查 sees the same list (and the settings) read-only.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { get, post } from '../api.ts';
import { todayInShanghai } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useSession } from '../session.tsx';
import { ImportModal } from './ImportModal.tsx';
import { SettingsModal } from './SettingsModal.tsx';
import { DEFAULT_SECTIONS, type Issue, type IssueSummary, STATUS_NAME } from './types.ts';

interface NewIssue {
  year: number;
  number: number;
  totalNumber: number;
  publishDate: string;
  forewordTitle?: string;
  foreword?: string;
  sections: string[];
}

export function GazettePage() {
  const { user } = useSession();
  const canEdit = !!user?.abilities.editGazette;
  const issues = useLoad(() => get<IssueSummary[]>('/api/gazette/issues'), []);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [settings, setSettings] = useState(false);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          政府公报
        </Typography.Title>
        <Space>
          <a href="/gongbao" target="_blank" rel="noreferrer">
            网上公报
          </a>
          <Button onClick={() => setSettings(true)} data-testid="gazette-settings">
            刊物设置
          </Button>
          {canEdit && (
            <Button onClick={() => setImporting(true)} data-testid="gazette-import">
              读取 Word 公文
            </Button>
          )}
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="issue-new">
              新建一期
            </Button>
          )}
        </Space>
      </Space>
      {issues.error && <Alert type="error" showIcon title={issues.error} />}
      <Table<IssueSummary>
        rowKey="id"
        loading={issues.loading}
        dataSource={issues.data}
        data-testid="issue-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有公报期次' }}
        columns={[
          { title: '期次', dataIndex: 'label', render: (l: string, i) => <Link to={`/gazette/${i.id}`}>{l}</Link> },
          { title: '出版日期', dataIndex: 'publishDate', width: 120 },
          { title: '公文篇数', dataIndex: 'entries', width: 100 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (s: IssueSummary['status']) => <Tag color={STATUS_NAME[s][1]}>{STATUS_NAME[s][0]}</Tag>,
          },
        ]}
      />
      {creating && <CreateModal onClose={() => setCreating(false)} />}
      {importing && (
        <ImportModal
          issues={(issues.data ?? []).filter((i) => i.status === 'editing' || i.status === 'returned')}
          onClose={() => setImporting(false)}
          onPlaced={issues.reload}
        />
      )}
      {settings && <SettingsModal onClose={() => setSettings(false)} />}
    </Space>
  );
}

function CreateModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<NewIssue>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const navigate = useNavigate();
  const year = Number(todayInShanghai().slice(0, 4));
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const issue = await post<Issue>('/api/gazette/issues', {
        ...v,
        forewordTitle: v.forewordTitle?.trim() || null,
        foreword: v.foreword?.trim() || null,
      });
      navigate(`/gazette/${issue.id}`);
    } catch (e) {
      setError((e as Error).message);
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="新建一期公报"
      okText="创建"
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'issue-create' } as Record<string, string>}
      width={640}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year, publishDate: todayInShanghai(), sections: DEFAULT_SECTIONS }}>
        <Space wrap>
          <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
            <InputNumber min={1949} max={2100} data-testid="issue-year" />
          </Form.Item>
          <Form.Item name="number" label="期号" rules={[{ required: true, message: '请填写期号' }]}>
            <InputNumber min={1} max={99} data-testid="issue-number" />
          </Form.Item>
          <Form.Item name="totalNumber" label="总期号" rules={[{ required: true, message: '请填写总期号' }]}>
            <InputNumber min={1} max={99999} data-testid="issue-total" />
          </Form.Item>
          <Form.Item
            name="publishDate"
            label="出版日期"
            rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按 2022-12-10 的格式填写' }]}>
            <Input placeholder="2022-12-10" data-testid="issue-date" />
          </Form.Item>
        </Space>
        <Form.Item
          name="sections"
          label="栏目（按排印顺序；可增删，输入后回车添加）"
          rules={[{ required: true, message: '至少一个栏目' }]}>
          <Select mode="tags" data-testid="issue-sections" tokenSeparators={['，', ',']} />
        </Form.Item>
        <Form.Item name="forewordTitle" label="卷首语标题（可不填）">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="foreword" label="卷首语">
          <Input.TextArea rows={4} maxLength={40000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
