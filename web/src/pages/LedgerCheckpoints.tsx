// 签名检查点 on the 台账 screen: the ledger tree's signed checkpoints (newest first), with downloads of the checkpoint
// file and the platform's public key — what an inspector keeps to run `gongkai ledger verify --checkpoints 文件
// --public-key 公钥` later, or to check a printed 审签单's 台账存证 by hand.
import { DownloadOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import { get } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';

interface Checkpoint {
  size: number;
  root: string;
  time: string;
  keyId: string;
  signature: string;
}

/** The file format of checkpoints.jsonl: one checkpoint per line, keys in this order. */
const lineOf = (c: Checkpoint) =>
  JSON.stringify({ size: c.size, root: c.root, time: c.time, keyId: c.keyId, signature: c.signature });
const fileOf = (list: Checkpoint[]) => [...list].reverse().map(lineOf).join('\n');

function download(list: Checkpoint[]) {
  const url = URL.createObjectURL(new Blob([`${fileOf(list)}\n`], { type: 'application/jsonl' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'checkpoints.jsonl';
  a.click();
  URL.revokeObjectURL(url);
}

export function LedgerCheckpoints() {
  const list = useLoad(() => get<{ checkpoints: Checkpoint[] }>('/api/ledger/checkpoints'), []);
  const checkpoints = list.data?.checkpoints ?? [];
  return (
    <Card
      size="small"
      title="签名检查点"
      data-testid="ledger-checkpoints"
      extra={
        <Space>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            disabled={!checkpoints.length}
            onClick={() => download(checkpoints)}
            data-testid="ledger-checkpoints-file">
            下载检查点文件
          </Button>
          <Button
            size="small"
            icon={<KeyOutlined />}
            href="/api/ledger/public-key"
            download
            data-testid="ledger-public-key">
            下载公钥
          </Button>
        </Space>
      }>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        平台每小时（台账有新记录时）用本机保管的私钥签署一个检查点：记录条数、整棵台账树的根哈希和时间，并发送给督查。
        保存检查点文件和公钥，日后用{' '}
        <Typography.Text code>gongkai ledger verify --checkpoints 文件 --public-key 公钥</Typography.Text>
        即可发现台账被截断、改写或调换顺序。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<Checkpoint>
        rowKey="size"
        size="small"
        loading={list.loading}
        dataSource={checkpoints.slice(0, 24)}
        pagination={false}
        locale={{ emptyText: '尚未签署检查点' }}
        columns={[
          { title: '签署时间', dataIndex: 'time', width: 150, render: formatTime },
          { title: '记录条数', dataIndex: 'size', width: 100 },
          {
            title: '根哈希',
            dataIndex: 'root',
            ellipsis: true,
            render: (r: string) => (
              <Typography.Text code copyable>
                {r}
              </Typography.Text>
            ),
          },
          { title: '密钥', dataIndex: 'keyId', width: 170 },
        ]}
      />
    </Card>
  );
}
