// 导入目录: the table of the 印发 notice read from a Word (.docx) or Excel (.xlsx) file, or pasted (tabs between cells,
// as copying a Word or Excel table gives); the preview shows what was read, row by row, before anything is saved.
// The server checks every line and refuses the whole import with the line number of the first bad one.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, type ButtonProps, Form, Input, InputNumber, Modal, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { post } from '../api.ts';
import { useSubmit } from '../duty/useSubmit.ts';
import { todayInShanghai } from '../format.ts';
import { EntryTable } from './EntryTable.tsx';
import { readTableFile } from './tableFile.ts';
import type { Catalog, Entry } from './types.ts';

/** What the text will import as, for the preview only (the server's reading decides): an empty 类别 continues the
 *  one above, as merged cells do; the header line is left out. */
function previewOf(text: string): Entry[] {
  let category = '';
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() && !/^\s*序号/.test(l))
    .map((line, i) => {
      const c = line.split('\t').map((x) => x.trim());
      category = c[1]?.replace(/\s+/g, '') || category;
      const seq = Number(c[0]);
      return {
        seq: Number.isInteger(seq) && seq > 0 ? seq : -(i + 1),
        category,
        title: c[2] ?? '',
        leadUnit: (c[3] ?? '').replace(/\s+/g, ''),
        plannedMonth: c[4] ?? '',
        note: c[5] ?? '',
      };
    });
}

export function ImportModal({ unitName, unitId, onDone, onClose }: Props) {
  const [year, setYear] = useState(Number(todayInShanghai().slice(0, 4)));
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { busy, error: refused, run } = useSubmit();
  const preview = previewOf(text);
  const readFile = async (file: File) => {
    setError(null);
    try {
      setText(await readTableFile(file));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const submit = async () => {
    const body = { unitId, year, title: title || undefined, text };
    let made: Catalog | undefined;
    const imported = async () => {
      made = await post<Catalog>('/api/decisions/catalogs/import', body);
    };
    if ((await run(imported, '目录已导入')) && made) onDone(made);
  };
  return (
    <Modal
      open
      title={`导入${unitName}重大行政决策事项目录`}
      okText={`导入 ${preview.length} 项`}
      cancelText="取消"
      width={960}
      confirmLoading={busy}
      okButtonProps={{ disabled: !preview.length, 'data-testid': 'catalog-import-confirm' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onClose}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {(refused ?? error) && (
          <Alert type="error" showIcon title={refused ?? error} data-testid="catalog-import-error" />
        )}
        <Form layout="vertical">
          <Space wrap>
            <Form.Item label="年度" required>
              <InputNumber min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? year)} />
            </Form.Item>
            <Form.Item label="目录名称（可不填）">
              <Input
                style={{ width: 320, maxWidth: '80vw' }}
                maxLength={200}
                placeholder={`${year}年度重大行政决策事项目录`}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            </Form.Item>
          </Space>
          <Form.Item label="目录表格：从印发通知的 Word 或 Excel 文件读取，或直接粘贴表格（各列以制表符分隔）">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Upload
                accept=".docx,.xlsx"
                showUploadList={false}
                beforeUpload={(f) => {
                  void readFile(f);
                  return false;
                }}>
                <Button icon={<UploadOutlined />} data-testid="catalog-import-file">
                  选择 .docx 或 .xlsx 文件
                </Button>
              </Upload>
              <Input.TextArea
                rows={6}
                value={text}
                onChange={(e) => setText(e.target.value)}
                data-testid="catalog-import-text"
                placeholder={'序号\t类别\t决策事项\t承办单位\t决策时间\t备注\n1\t规划\t……\t区教委\t2022年1月\t'}
              />
            </Space>
          </Form.Item>
        </Form>
        <Typography.Text strong>预览（读到 {preview.length} 项）</Typography.Text>
        <EntryTable entries={preview} testId="catalog-import-preview" empty="尚未读到任何事项" />
      </Space>
    </Modal>
  );
}

interface Props {
  unitId: string;
  unitName: string;
  onDone: (catalog: Catalog) => void;
  onClose: () => void;
}
