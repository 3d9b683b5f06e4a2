// 读取 Word 公文: a .docx is read into its GB/T 9704 elements by the server, shown here with the 公文格式 problems
// 智能校对 finds (发文字号括号、日期、抄送…); a document with a 密级 is refused with the reason.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, List, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { DocumentForm, type DocumentValues, toValues } from './DocumentForm.tsx';
import type { Finding, OfficialDocument } from './types.ts';

export function ImportModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<DocumentValues>();
  const [read, setRead] = useState<{ name: string; findings: Finding[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
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
      setRead({ name: file.name, findings: r.formatFindings });
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
