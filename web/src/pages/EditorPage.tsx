// 稿件编辑: the particulars (title, section, channels and columns, type, 重大事项, co-issuing units, publish_at),
// the body (typed, pasted from Word, or a .docx import), attachments, and the 智能校对 findings of the saved
// revision highlighted in the text and listed beside it, each fixed in a new revision or, with a reason, dismissed (a
// warning) or proposed for dismissal (a serious or error finding: 建议忽略, which the 二审 reviewer confirms).
import { FileWordOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Cascader,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, get, post } from '../api.ts';
import { Attachments } from '../components/Attachments.tsx';
import { BodyEditor, type BodyEditorHandle } from '../components/BodyEditor.tsx';
import { FindingList, findingMarks } from '../components/FindingList.tsx';
import { ProofText } from '../components/ProofText.tsx';
import { StageTag } from '../components/StageTag.tsx';
import { dayjs, TZ } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useLabels, useSession } from '../session.tsx';
import type { Finding, FindingsDto, ItemDetail, SecrecyRecord, UnitDetail } from '../types.ts';
import { useUnits } from '../units.ts';

interface FormValues {
  title: string;
  sectionId: string;
  channels: string[][];
  itemType: string;
  source?: string;
  major: boolean;
  coIssuerUnitIds: string[];
  publishAt?: dayjs.Dayjs | null;
}

export function EditorPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { user } = useSession();
  const labels = useLabels();
  const { units } = useUnits();
  const [form] = Form.useForm<FormValues>();
  const editor = useRef<BodyEditorHandle>(null);
  const [item, setItem] = useState<ItemDetail | null>(null);
  const [findings, setFindings] = useState<FindingsDto | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unitId = item?.unitId ?? user!.unitId;
  const unit = useLoad(() => get<UnitDetail>(`/api/units/${unitId}`), [unitId]);
  const loaded = useLoad(async () => {
    if (!id) return null;
    const [detail, record] = await Promise.all([
      get<ItemDetail>(`/api/items/${id}`),
      get<SecrecyRecord>(`/api/items/${id}/secrecy`).catch(() => null),
    ]);
    return { detail, coIssuers: record?.coIssuers.map((c) => c.unitId) ?? [] };
  }, [id]);

  const loadFindings = async (itemId: string) => setFindings(await get<FindingsDto>(`/api/items/${itemId}/findings`));

  useEffect(() => {
    const d = loaded.data?.detail;
    if (!d) return;
    setItem(d);
    form.setFieldsValue({
      title: d.title,
      sectionId: d.sectionId,
      itemType: d.itemType,
      source: d.source ?? undefined,
      major: d.major,
      channels: d.channels.map((c) => (c.columnId ? [c.channelId, c.columnId] : [c.channelId])),
      coIssuerUnitIds: loaded.data!.coIssuers,
      publishAt: d.publishAt ? dayjs(d.publishAt).tz(TZ) : null,
    });
    void loadFindings(d.id).catch((e: Error) => setError(e.message));
  }, [loaded.data, form]);

  if (id && loaded.loading && !item)
    return (
      <Spin tip="正在加载稿件…">
        <div style={{ height: 200 }} />
      </Spin>
    );
  if (loaded.error) return <Result status="error" title="无法打开稿件" subTitle={loaded.error} />;
  if (item && !item.abilities.canEdit) {
    return (
      <Result
        status="info"
        title="此稿件当前不能修改"
        subTitle={`状态：${labels.stage[item.stage]}`}
        extra={<Button onClick={() => navigate(`/items/${item.id}`)}>查看稿件</Button>}
      />
    );
  }

  const particulars = (v: FormValues) => ({
    title: v.title,
    sectionId: v.sectionId,
    itemType: v.itemType,
    source: v.itemType === 'repost' ? (v.source ?? null) : null,
    major: !!v.major,
    coIssuerUnitIds: v.coIssuerUnitIds ?? [],
    channels: (v.channels ?? []).map(([channelId, columnId]) => ({ channelId, columnId: columnId ?? null })),
    publishAt: v.publishAt ? v.publishAt.toISOString() : null,
  });

  const accept = async (saved: ItemDetail, note: string) => {
    setItem(saved);
    await loadFindings(saved.id);
    message.success(note);
    if (!id) navigate(`/items/${saved.id}/edit`, { replace: true });
  };

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      const v = await form.validateFields();
      const body = { format: 'html' as const, content: editor.current?.html() ?? '' };
      if (!(editor.current?.text() ?? '').trim()) throw new Error('请填写正文，或导入 Word 文件');
      const saved = item
        ? await api<ItemDetail>('PUT', `/api/items/${item.id}`, { ...particulars(v), body, revision: item.revision })
        : await post<ItemDetail>('/api/items', { ...particulars(v), body });
      await accept(saved, item ? `已保存为第 ${saved.revision} 版` : '已保存草稿');
    });

  const importDocx = (file: File) =>
    run(async () => {
      const form2 = new FormData();
      if (item) {
        form2.append('revision', String(item.revision));
      } else {
        const v = await form.validateFields(['sectionId', 'channels', 'itemType']);
        const p = particulars({ ...form.getFieldsValue(), ...v });
        form2.append('sectionId', p.sectionId);
        form2.append('channels', JSON.stringify(p.channels));
        form2.append('itemType', p.itemType);
        form2.append('major', String(p.major));
        if (form.getFieldValue('title')) form2.append('title', form.getFieldValue('title'));
        if (p.coIssuerUnitIds.length) form2.append('coIssuerUnitIds', JSON.stringify(p.coIssuerUnitIds));
        if (p.publishAt) form2.append('publishAt', p.publishAt);
      }
      form2.append('file', file, file.name);
      const saved = await api<ItemDetail>(
        'POST',
        item ? `/api/items/${item.id}/revisions/import` : '/api/items/import',
        form2,
      );
      form.setFieldValue('title', saved.title);
      await accept(saved, `已导入 ${file.name}`);
    });

  const submit = () =>
    run(async () => {
      if (!item) return;
      await post<ItemDetail>(`/api/items/${item.id}/submit`, { revision: item.revision });
      message.success('已提交审核');
      navigate(`/items/${item.id}`);
    });

  const dismiss = async (f: Finding, reason: string) => {
    try {
      await post(`/api/items/${item!.id}/findings/${f.id}/dismiss`, { reason });
      await loadFindings(item!.id);
    } catch (e) {
      message.error((e as Error).message);
      throw e;
    }
  };

  const channelOptions = (unit.data?.channels ?? []).map((c) => ({
    value: c.id,
    label: `${labels.channelKind[c.kind] ?? c.kind}：${c.name}`,
    children: c.columns.map((col) => ({ value: col.id, label: col.name })),
  }));
  const serious = (findings?.findings ?? []).filter(
    (f) => f.kind !== 'secrecy' && (f.severity === 'serious' || f.severity === 'error'),
  );
  const openBlocking = serious.filter((f) => f.status === 'open');
  const proposed = serious.filter((f) => f.status === 'proposed');

  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Card
          title={
            <Space>
              {item ? `修改稿件（第 ${item.revision} 版）` : '新建稿件'}
              {item && <StageTag stage={item.stage} />}
            </Space>
          }
          extra={item && <Button onClick={() => navigate(`/items/${item.id}`)}>查看稿件</Button>}>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 12 }}
              data-testid="editor-error"
              closable
              onClose={() => setError(null)}
            />
          )}
          <Form
            form={form}
            layout="vertical"
            initialValues={{ itemType: 'original', major: false, coIssuerUnitIds: [], channels: [] }}>
            <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { max: 200 }]}>
              <Input data-testid="title" maxLength={200} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="sectionId" label="承办科室" rules={[{ required: true, message: '请选择承办科室' }]}>
                  <Select
                    data-testid="section"
                    loading={unit.loading}
                    options={(unit.data?.sections ?? []).map((s) => ({ value: s.id, label: s.name }))}
                  />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item
                  name="channels"
                  label="发布渠道与栏目"
                  rules={[{ required: true, message: '请至少选择一个发布渠道' }]}>
                  <Cascader
                    data-testid="channels"
                    multiple
                    options={channelOptions}
                    showCheckedStrategy={Cascader.SHOW_CHILD}
                    placeholder="网站栏目或新媒体账号"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="itemType" label="类型">
                  <Radio.Group
                    optionType="button"
                    options={Object.entries(labels.itemType)
                      // 政府公报 items are made by the 公报室 from an issue (公报室 screen); the server refuses them here.
                      .filter(([value]) => value !== 'gazette')
                      .map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name="major" label="重大事项（须主要领导审定）" valuePropName="checked">
                  <Switch data-testid="major" checkedChildren="是" unCheckedChildren="否" />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name="publishAt" label="定时发布">
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    placeholder="审定后立即发布"
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item noStyle shouldUpdate={(a, b) => a.itemType !== b.itemType}>
              {() =>
                form.getFieldValue('itemType') === 'repost' && (
                  <Form.Item name="source" label="转载来源" rules={[{ required: true, message: '转载须注明来源' }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                )
              }
            </Form.Item>
            <Form.Item name="coIssuerUnitIds" label="共同形成单位（需各单位书面同意后方可发布）">
              <Select
                mode="multiple"
                allowClear
                placeholder="无"
                optionFilterProp="label"
                options={units.filter((u) => u.id !== unitId).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
            <Form.Item label="正文" required>
              <BodyEditor ref={editor} initialHtml={item?.body.html ?? ''} version={item?.revision ?? 0} />
            </Form.Item>
          </Form>
          <Space wrap>
            <Button type="primary" onClick={() => void save()} loading={busy} data-testid="save">
              保存
            </Button>
            <Upload
              accept=".docx"
              showUploadList={false}
              beforeUpload={(f) => {
                void importDocx(f);
                return false;
              }}>
              <Button icon={<FileWordOutlined />} loading={busy} data-testid="import-docx">
                导入 Word
              </Button>
            </Upload>
            {item?.abilities.canSubmit && (
              <Button
                onClick={() => void submit()}
                loading={busy}
                data-testid="submit"
                disabled={openBlocking.length > 0}>
                提交审核
              </Button>
            )}
          </Space>
          {item && openBlocking.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              data-testid="blocking"
              title={`智能校对发现 ${openBlocking.length} 处严重或错误问题，修改后保存，或说明理由建议忽略后才能提交`}
            />
          )}
          {item && openBlocking.length === 0 && proposed.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="info"
              showIcon
              data-testid="pending-proposals"
              title={`${proposed.length} 处忽略建议待二审确认：可以提交；二审（科室负责人）同意忽略后稿件方可通过二审，不同意的须修改`}
            />
          )}
        </Card>
        {item && (
          <Card title="附件" style={{ marginTop: 16 }}>
            <Attachments itemId={item.id} editable />
          </Card>
        )}
      </Col>
      <Col xs={24} xl={10}>
        <Card title="智能校对" data-testid="proofreading">
          {!item && <Typography.Text type="secondary">保存后显示校对结果。</Typography.Text>}
          {item && !findings && <Spin />}
          {item && findings && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <ProofText
                text={item.body.text}
                marks={findingMarks(findings.findings)}
                activeId={active}
                onMarkClick={setActive}
                testId="proof-text"
              />
              <FindingList
                findings={findings.findings}
                decides={findings.decides}
                onDismiss={dismiss}
                activeId={active}
                onSelect={(fid) => {
                  setActive(fid);
                  document.getElementById(`mark-${fid}`)?.scrollIntoView({ block: 'center' });
                }}
              />
            </Space>
          )}
        </Card>
      </Col>
    </Row>
  );
}
