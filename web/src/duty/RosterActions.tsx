// What the roster keeper does with a whole roster: 发布 (the server refuses with 422 while findings remain — the
// refusal is shown as it came, in Chinese), 导出 Excel, 导入 Excel into a draft (every bad row and column listed,
// nothing written; a preview of every change first, confirmed before saving), 删除草稿.
import { DeleteOutlined, DownloadOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError, post } from '../api.ts';
import { ImportPreviewModal } from './ImportPreviewModal.tsx';
import type { ImportPreview, RosterDetail } from './types.ts';

interface Props {
  detail: RosterDetail;
  onChanged: (d: RosterDetail) => void;
  onRefused: (message: string | null) => void;
  onDiscarded: () => void;
}

export function RosterActions({ detail, onChanged, onRefused, onDiscarded }: Props) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ file: File; preview: ImportPreview } | null>(null);
  const { roster, abilities } = detail;
  const draft = roster.state === 'draft';

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    try {
      await action();
    } catch (e) {
      const text = e instanceof Error ? e.message : '操作失败';
      if (e instanceof ApiError && e.status === 422) onRefused(text);
      else message.error(text);
    } finally {
      setBusy(null);
    }
  };
  const publish = () =>
    run('publish', async () => {
      onRefused(null);
      onChanged(await post<RosterDetail>(`/api/duty/rosters/${roster.id}/publish`, { version: roster.version }));
      message.success('值班表已发布');
    });
  const formOf = (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return form;
  };
  const upload = (file: File) =>
    run('import', async () => {
      const found = await api<ImportPreview>('POST', `/api/duty/rosters/${roster.id}/import/preview`, formOf(file));
      setPreview({ file, preview: found });
    });
  const confirmImport = (createTemplates: boolean) =>
    run('confirm', async () => {
      if (!preview) return;
      const query = `version=${preview.preview.version}&createTemplates=${createTemplates ? 1 : 0}`;
      const url = `/api/duty/rosters/${roster.id}/import?${query}`;
      onChanged(await api<RosterDetail>('POST', url, formOf(preview.file)));
      setPreview(null);
      message.success('已从 Excel 导入值班表');
    });
  const discard = () =>
    run('discard', async () => {
      await api('DELETE', `/api/duty/rosters/${roster.id}`);
      message.success('已删除值班表草稿');
      onDiscarded();
    });

  return (
    <Space wrap>
      {abilities.canEdit && draft && (
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={busy === 'publish'}
          onClick={() => void publish()}
          data-testid="roster-publish">
          发布
        </Button>
      )}
      <Button
        icon={<DownloadOutlined />}
        href={`/api/duty/rosters/${roster.id}/xlsx`}
        download
        data-testid="roster-export">
        导出 Excel
      </Button>
      {abilities.canEdit && draft && (
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(f) => {
            void upload(f);
            return false;
          }}>
          <Button icon={<UploadOutlined />} loading={busy === 'import'} data-testid="roster-import">
            导入 Excel
          </Button>
        </Upload>
      )}
      {preview && (
        <ImportPreviewModal
          preview={preview.preview}
          busy={busy === 'confirm'}
          onConfirm={(create) => void confirmImport(create)}
          onCancel={() => setPreview(null)}
        />
      )}
      {abilities.canDiscard && (
        <Popconfirm title="删除这份值班表草稿？" okText="删除" cancelText="取消" onConfirm={() => void discard()}>
          <Button danger icon={<DeleteOutlined />} loading={busy === 'discard'} data-testid="roster-discard">
            删除草稿
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
