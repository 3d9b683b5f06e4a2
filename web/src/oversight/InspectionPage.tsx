// One recorded sample's inspection: the result per unit, each sampled item's checklist prefilled from the 审签单 and
// the 台账 (src/oversight/checklist.ts), confirmed or corrected by the 督查 (a correction needs a note; each
// confirmation is a 台账 entry), and the 通报 naming the units with problems (.docx in 公文 layout, or .pdf).
import { CheckOutlined, FileWordOutlined, FilePdfOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get, post, query } from '../api.ts';
import { dayjs, formatTime, TZ } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useSession } from '../session.tsx';
import { download } from './download.ts';
import { CHECK_OUTCOME, type Check, type CheckOutcome, type Inspection, type InspectionItem } from './types.ts';

const outcomeTag = (o: CheckOutcome) => (
  <Tag color={o === 'pass' ? 'success' : o === 'fail' ? 'error' : 'default'}>{CHECK_OUTCOME[o]}</Tag>
);

function CheckRow(props: { seq: number; item: InspectionItem; check: Check; canConfirm: boolean; onDone: () => void }) {
  const { seq, item, check, canConfirm, onDone } = props;
  const { message } = App.useApp();
  const [outcome, setOutcome] = useState<CheckOutcome>(check.outcome);
  const [note, setNote] = useState(check.note);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await post(`/api/oversight/samples/${seq}/checks`, {
        itemId: item.itemId,
        check: check.check,
        outcome,
        note: note.trim() || undefined,
      });
      message.success(`已确认：${check.name}`);
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (!canConfirm)
    return (
      <Space wrap>
        {outcomeTag(check.outcome)}
        <span>{check.note}</span>
      </Space>
    );
  return (
    <Space wrap align="start">
      <Select<CheckOutcome>
        value={outcome}
        onChange={setOutcome}
        style={{ width: 100 }}
        options={Object.entries(CHECK_OUTCOME).map(([value, label]) => ({ value, label }))}
        data-testid={`check-outcome-${item.itemId}-${check.check}`}
      />
      <Input.TextArea
        value={note}
        onChange={(e) => setNote(e.target.value)}
        autoSize={{ minRows: 1, maxRows: 4 }}
        maxLength={1000}
        placeholder={outcome === check.prefilled ? '说明（可不填）' : '与预填不同，请写明理由'}
        style={{ width: 240 }}
        data-testid={`check-note-${item.itemId}-${check.check}`}
      />
      <Button
        icon={<CheckOutlined />}
        loading={busy}
        type={check.confirmedBy ? 'default' : 'primary'}
        onClick={() => void confirm()}
        data-testid={`check-confirm-${item.itemId}-${check.check}`}>
        {check.confirmedBy ? '重新确认' : '确认'}
      </Button>
    </Space>
  );
}

function ItemChecks(props: { seq: number; item: InspectionItem; canConfirm: boolean; onDone: () => void }) {
  const { seq, item, canConfirm, onDone } = props;
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`inspection-item-${item.itemId}`}
      title={
        <Space wrap>
          <Link to={`/items/${item.itemId}`}>{item.title}</Link>
          <Typography.Text type="secondary">
            第 {item.revision} 版 · 发布于 {formatTime(item.publishedAt)}
          </Typography.Text>
        </Space>
      }
      extra={<Link to={`/items/${item.itemId}/signoff`}>审签单</Link>}>
      <Table<Check>
        size="small"
        rowKey="check"
        pagination={false}
        scroll={{ x: 860 }}
        dataSource={item.checks}
        columns={[
          { title: '检查项', dataIndex: 'name', width: 160 },
          {
            title: '按数据预填',
            key: 'prefilled',
            width: 260,
            render: (_, c) => (
              <Space orientation="vertical" size={0}>
                {outcomeTag(c.prefilled)}
                <Typography.Text type="secondary">{c.prefillNote}</Typography.Text>
              </Space>
            ),
          },
          {
            title: '督查结论',
            key: 'outcome',
            render: (_, c) => <CheckRow seq={seq} item={item} check={c} canConfirm={canConfirm} onDone={onDone} />,
          },
          {
            title: '确认人',
            dataIndex: 'confirmedBy',
            width: 120,
            render: (b: Check['confirmedBy']) =>
              b ? (
                <span>
                  {b.name}
                  <br />
                  <Typography.Text type="secondary">台账第 {b.seq} 号</Typography.Text>
                </span>
              ) : (
                <Tag>未确认</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}

interface NoticeForm {
  issuer: string;
  docNumber: string;
  date: Dayjs;
}

function NoticeCard({ seq }: { seq: number }) {
  const [form] = Form.useForm<NoticeForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const fetchNotice = async (format: 'docx' | 'pdf') => {
    setError(null);
    const f = form.getFieldsValue();
    setBusy(format);
    try {
      await download(
        `/api/oversight/samples/${seq}/notice${query({
          format,
          issuer: f.issuer?.trim(),
          docNumber: f.docNumber?.trim(),
          date: f.date?.format('YYYY-MM-DD'),
        })}`,
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card size="small" title="生成通报" data-testid="notice">
      <Form<NoticeForm>
        form={form}
        layout="inline"
        style={{ rowGap: 12 }}
        initialValues={{
          issuer: '重庆市綦江区人民政府办公室',
          docNumber: `綦府办〔${dayjs().tz(TZ).year()}〕1号`,
          date: dayjs().tz(TZ),
        }}>
        <Form.Item name="issuer" label="发文机关">
          <Input style={{ width: 210 }} data-testid="notice-issuer" />
        </Form.Item>
        <Form.Item name="docNumber" label="发文字号">
          <Input style={{ width: 180 }} data-testid="notice-doc-number" />
        </Form.Item>
        <Form.Item name="date" label="成文日期">
          <DatePicker style={{ width: 150 }} />
        </Form.Item>
        <Space wrap>
          <Button
            type="primary"
            icon={<FileWordOutlined />}
            loading={busy === 'docx'}
            onClick={() => void fetchNotice('docx')}
            data-testid="notice-docx">
            下载通报（.docx）
          </Button>
          <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void fetchNotice('pdf')}>
            下载通报（.pdf）
          </Button>
        </Space>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        通报按 GB/T 9704 公文格式点名存在问题的单位和问题。印发前请作为稿件新建，走三审三校。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="notice-error" />}
    </Card>
  );
}

export function InspectionPage() {
  const seq = Number(useParams().seq);
  const { user } = useSession();
  const canConfirm = !!user?.abilities.oversight.confirmCheck;
  const { data, error, loading, reload } = useLoad(() => get<Inspection>(`/api/oversight/samples/${seq}`), [seq]);
  if (error) return <Alert type="error" showIcon title={error} data-testid="inspection-error" />;
  if (!data) return <Spin spinning={loading} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="inspection">
      <Typography.Title level={3} style={{ margin: 0 }}>
        随机抽查检查（台账第 {data.seq} 号）
      </Typography.Title>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }}>
        <Descriptions.Item label="随机种子">
          <Typography.Text code copyable>
            {data.seed}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="发布期间">
          {data.from} 至 {data.to}
        </Descriptions.Item>
        <Descriptions.Item label="每单位篇数">{data.perUnit}</Descriptions.Item>
        <Descriptions.Item label="抽样人">{data.drawnBy}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title="各单位结果">
        <Table
          size="small"
          rowKey="unitId"
          pagination={false}
          scroll={{ x: 720 }}
          dataSource={data.units}
          data-testid="inspection-units"
          columns={[
            { title: '单位', dataIndex: 'unitName', width: 160 },
            { title: '期间内发布', dataIndex: 'population', width: 90 },
            { title: '抽查', dataIndex: 'checked', width: 60 },
            {
              title: '有问题',
              dataIndex: 'withProblems',
              width: 70,
              render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
            },
            {
              title: '确认',
              dataIndex: 'confirmed',
              width: 90,
              render: (c: boolean) => (c ? <Tag color="success">已全部确认</Tag> : <Tag color="warning">待确认</Tag>),
            },
            {
              title: '问题',
              dataIndex: 'problems',
              render: (ps: Inspection['units'][number]['problems']) =>
                ps.length ? ps.map((p) => `《${p.title}》${p.check}${p.note ? `：${p.note}` : ''}`).join('；') : '—',
            },
          ]}
        />
      </Card>
      <Collapse
        defaultActiveKey={data.units
          .filter((u) => u.items.length)
          .map((u) => u.unitId)
          .slice(0, 1)}
        items={data.units.map((u) => ({
          key: u.unitId,
          label: `${u.unitName}（抽查 ${u.checked} 篇，有问题 ${u.withProblems} 篇）`,
          children: u.items.length ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {u.items.map((i) => (
                <ItemChecks key={i.itemId} seq={data.seq} item={i} canConfirm={canConfirm} onDone={reload} />
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">期间内没有发布的稿件</Typography.Text>
          ),
        }))}
      />
      <NoticeCard seq={data.seq} />
    </Space>
  );
}
