// One veto line of a site in the overview table: the level tag, its summary on hover or keyboard focus.
import { Tooltip } from 'antd';
import { LevelTag } from './LevelTag.tsx';
import { type Line, VETO_LINE_NAME } from './types.ts';

const WORD = { ok: '正常', warning: '预警', veto: '否决风险' } as const;

export function LineCell({ line }: { line: Line | undefined }) {
  if (!line) return <>—</>;
  return (
    <Tooltip title={line.summary} trigger={['hover', 'focus']}>
      <span tabIndex={0} aria-label={`${VETO_LINE_NAME[line.line]}：${WORD[line.level]}，${line.summary}`} data-testid={`line-${line.line}`} data-level={line.level}>
        <LevelTag level={line.level} />
      </span>
    </Tooltip>
  );
}
