// One veto line of a site in the overview table: the level tag, its summary on hover or keyboard focus.
import { Tooltip } from 'antd';
import { LevelTag } from './LevelTag.tsx';
import { useWatchNames } from './names.ts';
import type { Line } from './types.ts';

export function LineCell({ line }: { line: Line | undefined }) {
  const names = useWatchNames();
  if (!line) return <>—</>;
  return (
    <Tooltip title={line.summary} trigger={['hover', 'focus']}>
      <span
        tabIndex={0}
        aria-label={`${names.vetoLine[line.line]}：${names.level[line.level]}，${line.summary}`}
        data-testid={`line-${line.line}`}
        data-level={line.level}>
        <LevelTag level={line.level} />
      </span>
    </Tooltip>
  );
}
