// The 目录's exports: the table as .xlsx, the 印发 notice as .docx or as an item that goes through 三审三校 (then into
// the gazette), and the year's 决策过程记录和材料 as a ZIP with an index (条例 §36 filing).
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { createNoticeItem, download } from './download.ts';
import type { Catalog } from './types.ts';

export function ExportButtons({ catalog, canDraftNotice }: { catalog: Catalog; canDraftNotice: boolean }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const base = `/api/decisions/catalogs/${catalog.id}`;
  const fetchFile = (path: string, name: string) =>
    download(`${base}/${path}`, name).catch((e: Error) => message.error(e.message));
  const draftNotice = async () => {
    setBusy(true);
    try {
      const { itemId } = await createNoticeItem(catalog.id);
      navigate(`/items/${itemId}`);
    } catch (e) {
      message.error((e as Error).message);
      setBusy(false);
    }
  };
  const files = [
    { key: 'xlsx', label: '目录（Excel）', onClick: () => fetchFile('export.xlsx', `${catalog.title}.xlsx`) },
    { key: 'docx', label: '印发通知（Word）', onClick: () => fetchFile('notice.docx', `${catalog.title}.docx`) },
    {
      key: 'zip',
      label: '全年决策过程记录和材料（ZIP）',
      onClick: () => fetchFile('records.zip', `${catalog.title}过程材料.zip`),
    },
  ];
  return (
    <Space wrap>
      <Dropdown menu={{ items: files }} trigger={['click']}>
        <Button icon={<DownloadOutlined />} data-testid="catalog-export">
          导出
        </Button>
      </Dropdown>
      {canDraftNotice && (
        <Popconfirm
          title="生成印发通知稿件"
          description="将目录印发通知生成为稿件，经三审三校后发布（并可编入政府公报）。"
          okText="生成"
          cancelText="取消"
          onConfirm={() => void draftNotice()}>
          <Button icon={<SendOutlined />} loading={busy} data-testid="catalog-notice-item">
            生成印发稿件
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
