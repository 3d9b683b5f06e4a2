// 暂定 (DOMAIN.md §5): a deadline counted Monday–Friday over a year whose State Council holiday schedule is not yet
// imported. Shown beside the date wherever a deadline shows; recomputed by the server when the year is imported.
import { Tag, Tooltip } from 'antd';

export const PROVISIONAL_HINT = '次年节假日安排尚未导入，暂按周一至周五推算；导入后自动重算并通知';

export function ProvisionalTag({ provisional }: { provisional: boolean | undefined }) {
  if (!provisional) return null;
  return (
    <Tooltip title={PROVISIONAL_HINT}>
      <Tag color="orange" style={{ marginInlineStart: 6 }} data-testid="provisional">
        暂定
      </Tag>
    </Tooltip>
  );
}
