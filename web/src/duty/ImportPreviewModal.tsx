// 导入预览: every change an Excel import would make to the draft — shifts added, removed, with other times or people,
// duty phones — and the 班次 the unit lacks, offered with the times found in the file. Nothing is saved until
// 确认导入; the import applies to the draft as previewed (the server refuses if it changed meanwhile).
import { Alert, type ButtonProps, Checkbox, List, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DAY_KIND_NAME, type ImportPreview } from './types.ts';

const KIND = { added: ['新增', 'green'], removed: ['删除', 'red'], changed: ['修改', 'blue'] } as const;

interface Props {
  preview: ImportPreview;
  busy: boolean;
  onConfirm: (createTemplates: boolean) => void;
  onCancel: () => void;
}

export function ImportPreviewModal({ preview, busy, onConfirm, onCancel }: Props) {
  const [create, setCreate] = useState(false);
  const needsTemplates = preview.newTemplates.length > 0;
  const nothing = !preview.changes.length && !preview.phones.length && !needsTemplates;
  return (
    <Modal
      open
      title="导入预览"
      okText="确认导入"
      cancelText="取消"
      width={720}
      confirmLoading={busy}
      okButtonProps={{ disabled: needsTemplates && !create, 'data-testid': 'import-confirm' } as ButtonProps}
      onOk={() => onConfirm(create)}
      onCancel={onCancel}>
      <div data-testid="import-preview">
        {nothing && <Alert type="info" showIcon message="导入后值班表没有变化" />}
        {preview.changes.length > 0 && (
          <>
            <Typography.Paragraph>导入将对值班表草稿做以下 {preview.changes.length} 处改动：</Typography.Paragraph>
            <List
              size="small"
              bordered
              style={{ maxHeight: 320, overflow: 'auto' }}
              dataSource={preview.changes}
              renderItem={(c) => (
                <List.Item data-testid="import-change">
                  <Tag color={KIND[c.kind][1]}>{KIND[c.kind][0]}</Tag>
                  {c.text}
                </List.Item>
              )}
            />
          </>
        )}
        {preview.phones.length > 0 && (
          <Typography.Paragraph style={{ marginTop: 12 }}>
            将更新值班电话：{preview.phones.map((p) => `${p.name} ${p.phone}`).join('；')}
          </Typography.Paragraph>
        )}
        {needsTemplates && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            message="表中有本单位没有的班次"
            description={
              <Checkbox checked={create} onChange={(e) => setCreate(e.target.checked)} data-testid="import-create">
                新建班次
                {preview.newTemplates
                  .map(
                    (t) =>
                      `「${t.name}」（${t.start}–${t.end}，${t.dayKinds.map((k) => DAY_KIND_NAME[k]).join('、')}）`,
                  )
                  .join('、')}
                后导入
              </Checkbox>
            }
          />
        )}
      </div>
    </Modal>
  );
}
