// A level as a coloured tag that also says it in words (绿 正常 / 黄 预警 / 红 否决风险), and an incident's state.
import { Tag } from 'antd';
import { type IncidentState, STATE_NAME, type WatchLevel } from './types.ts';

const LEVEL: Record<WatchLevel, [string, string]> = { ok: ['正常', 'success'], warning: ['预警', 'warning'], veto: ['否决风险', 'error'] };

export function LevelTag({ level, title }: { level: WatchLevel; title?: string }) {
  return <Tag color={LEVEL[level][1]} title={title} data-testid="level-tag" data-level={level} style={{ marginInlineEnd: 0 }}>{LEVEL[level][0]}</Tag>;
}

const STATE_COLOR: Record<IncidentState, string> = { found: 'red', notified: 'volcano', handling: 'blue', recovered: 'green', closed: 'default' };

export function StateTag({ state }: { state: IncidentState }) {
  return <Tag color={STATE_COLOR[state]} data-testid="incident-state" data-state={state}>{STATE_NAME[state]}</Tag>;
}
