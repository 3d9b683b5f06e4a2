// 读取 Word 公文: a .docx is read into its GB/T 9704 elements by the server, shown here with the 公文格式 problems
// 智能校对 finds (发文字号括号、日期、抄送…); a document with a 密级 is refused with the reason. The 公报室 may then
// place it in a section of an issue being compiled (the server reads the file again: what it stores is what it parsed).
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, List, Modal, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api.ts';
import { DocumentForm, type DocumentValues, toValues } from './DocumentForm.tsx';
import type { Finding, Issue, IssueSummary, OfficialDocument } from './types.ts';

/** Places a .docx in a section of an issue (POST …/entries/docx); the issue as it now stands. */
export async function placeDocx(issueId: string, file: File, section: string) {
  const data = new FormData();
  data.append('section', section);
  data.append('file', file, file.name);
  return api<{ issue: Issue; formatFindings: Finding[] }>('POST', `/api/gazette/issues/${issueId}/entries/docx`, data);
}

export function ImportModal(props: { issues: IssueSummary[]; onClose: () => void; onPlaced: () => void }) {
  const { issues, onClose, onPlaced } = props;
  const [form] = Form.useForm<DocumentValues>();
  const { message } = App.useApp();
  const [read, setRead] = useState<{ name: string; findings: Finding[]; file: File } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<{ issueId?: string; section?: string }>({});
  const [placed, setPlaced] = useState<{ id: string; label: string } | null>(null);
  const issue = issues.find((i) => i.id === target.issueId);
  const place = async () => {
    if (!read || !issue || !target.section) return;
    setError(null);
    try {
      await placeDocx(issue.id, read.file, target.section);
      setPlaced({ id: issue.id, label: issue.label });
      message.success(`已编入${issue.label}「${target.section}」`);
      onPlaced();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const upload = async (file: File) => {
    const data = new FormData();
    data.append('file', file, file.name);
    setError(null);
    try {
      const r = await api<{ document: OfficialDocument; formatFindings: Finding[] }>(
        'POST',
        '/api/gazette/import',
        data,
      );
      setRead({ name: file.name, findings: r.formatFindings, file });
      setPlaced(null);
      form.setFieldsValue(toValues(r.document));
    } catch (e) {
      setRead(null);
      setError((e as Error).message);
    }
  };
  return (
    <Modal open title="读取 Word 公文（.docx）" footer={null} onCancel={onClose} width={900}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Upload
          accept=".docx"
          showUploadList={false}
          beforeUpload={(f) => {
            void upload(f);
            return false;
          }}>
          <Button icon={<UploadOutlined />} data-testid="gazette-import-file">
            选择 .docx 文件
          </Button>
        </Upload>
        {error && <Alert type="error" showIcon title={error} />}
        {read && (
          <>
            <Typography.Text>
              {read.name} 读出的公文要素如下。{read.findings.length ? '' : '未发现公文格式问题。'}
            </Typography.Text>
            <FindingsList findings={read.findings} />
            <Space wrap>
              <span>编入</span>
              <Select
                placeholder={issues.length ? '选择编辑中的一期' : '没有编辑中的期次'}
                style={{ width: 260 }}
                aria-label="编入的期次"
                data-testid="import-issue"
                value={target.issueId}
                onChange={(v) => setTarget({ issueId: v, section: issues.find((i) => i.id === v)?.sections[0] })}
                options={issues.map((i) => ({ value: i.id, label: i.label }))}
              />
              <Select
                placeholder="栏目"
                style={{ width: 200 }}
                aria-label="编入的栏目"
                data-testid="import-section"
                value={target.section}
                disabled={!issue}
                onChange={(v) => setTarget({ ...target, section: v })}
                options={(issue?.sections ?? []).map((x) => ({ value: x, label: x }))}
              />
              <Button
                type="primary"
                disabled={!issue || !target.section}
                onClick={() => void place()}
                data-testid="import-place">
                编入该期
              </Button>
              {placed && <Link to={`/gazette/${placed.id}`}>打开{placed.label}</Link>}
            </Space>
          </>
        )}
        <div hidden={!read}>
          <DocumentForm form={form} readOnly />
        </div>
      </Space>
    </Modal>
  );
}

export function FindingsList({ findings }: { findings: Finding[] }) {
  if (!findings.length) return null;
  return (
    <List
      size="small"
      bordered
      data-testid="format-findings"
      header={`公文格式问题 ${findings.length} 处（GB/T 9704）`}
      dataSource={findings}
      renderItem={(f) => (
        <List.Item>
          第{f.line}行「{f.text}」：{f.message}
          {f.suggestion ? `（建议：${f.suggestion}）` : ''}
        </List.Item>
      )}
    />
  );
}
