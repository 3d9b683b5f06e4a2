// A level as a coloured tag that also says it in words (灰 未检测 / 绿 正常 / 黄 预警 / 红 否决风险), and an incident's state.
import { Tag } from 'antd';
import { useWatchNames } from './names.ts';
import type { IncidentState, ShownLevel } from './types.ts';

const LEVEL_COLOUR: Record<ShownLevel, string> = {
  unchecked: 'default',
  ok: 'success',
  warning: 'warning',
  veto: 'error',
};

export function LevelTag({ level, title }: { level: ShownLevel; title?: string }) {
  const names = useWatchNames();
  return (
    <Tag
      color={LEVEL_COLOUR[level]}
      title={title}
      data-testid="level-tag"
      data-level={level}
      style={{ marginInlineEnd: 0 }}>
      {names.level[level]}
    </Tag>
  );
}

const STATE_COLOR: Record<IncidentState, string> = {
  found: 'red',
  notified: 'volcano',
  handling: 'blue',
  recovered: 'green',
  closed: 'default',
};

export function StateTag({ state }: { state: IncidentState }) {
  const names = useWatchNames();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="incident-state" data-state={state}>
      {names.incidentState[state]}
    </Tag>
  );
}
