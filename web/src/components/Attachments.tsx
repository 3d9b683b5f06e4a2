// 附件 of an item: list, download, upload (while the author may edit), remove.
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, List, Popconfirm, Upload } from 'antd';
import { api, get } from '../api.ts';
import { useLoad } from '../hooks.ts';

interface Attachment {
  id: string;
  fileName: string;
  size: number;
  mediaType: string;
  removedAt: string | null;
}

const kb = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

export function Attachments({ itemId, editable }: { itemId: string; editable: boolean }) {
  const { message } = App.useApp();
  const list = useLoad(
    () =>
      get<{ attachments: Attachment[]; canChange: boolean }>(`/api/items/${itemId}/attachments`).then((r) => ({
        ...r,
        attachments: r.attachments.filter((a) => !a.removedAt),
      })),
    [itemId],
  );
  const changeable = editable && !!list.data?.canChange;
  const upload = async (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      await api('POST', `/api/items/${itemId}/attachments`, form);
      message.success(`已上传附件：${file.name}`);
      list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const remove = async (a: Attachment) => {
    try {
      await api('DELETE', `/api/items/${itemId}/attachments/${a.id}`);
      list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <List
        size="small"
        loading={list.loading}
        dataSource={list.data?.attachments ?? []}
        locale={{ emptyText: '暂无附件' }}
        data-testid="attachments"
        renderItem={(a) => (
          <List.Item
            actions={
              changeable
                ? [
                    <Popconfirm
                      key="d"
                      title={`删除附件“${a.fileName}”？`}
                      okText="删除"
                      cancelText="取消"
                      onConfirm={() => void remove(a)}>
                      <Button size="small" icon={<DeleteOutlined />} aria-label={`删除附件 ${a.fileName}`} />
                    </Popconfirm>,
                  ]
                : []
            }>
            <a href={`/api/items/${itemId}/attachments/${a.id}`} download>
              <PaperClipOutlined /> {a.fileName}
            </a>
            （{kb(a.size)}）
          </List.Item>
        )}
      />
      {changeable && (
        <Upload
          showUploadList={false}
          beforeUpload={(f) => {
            void upload(f);
            return false;
          }}>
          <Button icon={<UploadOutlined />} data-testid="attachment-upload">
            上传附件
          </Button>
        </Upload>
      )}
    </>
  );
}
