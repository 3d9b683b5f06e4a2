// 异常情况登记表: the 读网值班 incidents a person may see, as the .xlsx the district files (DOMAIN §4.5: found when,
// by whom, what, who was told, what was done, when it recovered), with the same filters as the 异常事件 list.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { getUnit } from '../org/service.ts';
import { titledTableXlsx } from '../platform/documents/xlsx.ts';
import { contentDisposition } from '../publish/attachments-model.ts';
import {
  DELIVERY_CHANNEL_NAME,
  INCIDENT_STATE_NAME,
  type IncidentQuery,
  type IncidentRecord,
  listIncidentRecords,
  MONITOR_NAME,
  RULE_NAME,
  STEP_NAME,
  WATCH_LEVEL_NAME,
} from '../watch/service.ts';
import type { LedgerFile } from './ledger.ts';
import { beijingDateTime } from './time.ts';

export const INCIDENT_HEADINGS = [
  '序号',
  '发现时间',
  '单位',
  '类别',
  '对象',
  '发现方式',
  '级别',
  '异常情况',
  '已通知',
  '处理过程',
  '恢复时间',
  '关闭时间',
  '状态',
];

const at = (iso: string | undefined) => (iso ? beijingDateTime(iso).slice(0, 16) : '');

function cellsOf(r: IncidentRecord, index: number, unitName: string): string[] {
  const when = (kind: string) => at(r.steps.find((s) => s.kind === kind)?.at);
  const told = [...new Set(r.told.map((t) => `${t.label}（${DELIVERY_CHANNEL_NAME[t.channel]}）`))].join('；\n');
  const steps = r.steps
    .map((s) => `${at(s.at)} ${STEP_NAME[s.kind]} ${s.actorName}${s.note ? `：${s.note}` : ''}`)
    .join('\n');
  return [
    String(index + 1),
    at(r.openedAt),
    unitName,
    r.medium === 'website' ? '政府网站' : '政务新媒体',
    r.subject.name,
    `系统监测：${MONITOR_NAME[r.monitor]}（${RULE_NAME[r.rule] ?? r.rule}）`,
    WATCH_LEVEL_NAME[r.level],
    r.summary,
    told,
    steps,
    when('recovered'),
    when('closed'),
    INCIDENT_STATE_NAME[r.state],
  ];
}

export async function exportIncidents(deps: Deps, actor: Actor, q: IncidentQuery): Promise<LedgerFile> {
  const records = await listIncidentRecords(deps, actor, q);
  const unitNames = new Map<string, string>();
  for (const id of new Set(records.map((r) => r.unitId).concat(q.unitId ? [q.unitId] : [])))
    unitNames.set(id, (await getUnit(deps.db, id))?.name ?? '');
  const scope = q.unitId ? unitNames.get(q.unitId)! : '全区';
  const today = beijingDateTime(deps.clock.now().toISOString()).slice(0, 10);
  const body = await titledTableXlsx({
    sheet: '异常情况登记',
    title: `${scope}读网值班异常情况登记表（${today} 导出，共 ${records.length} 条）`,
    headings: INCIDENT_HEADINGS,
    wrap: true,
    rows: records.map((r, i) => cellsOf(r, i, unitNames.get(r.unitId) ?? '')),
    widths: [6, 17, 14, 11, 28, 24, 9, 40, 34, 50, 17, 17, 9],
  });
  return {
    body,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    disposition: contentDisposition(`${scope}读网值班异常情况登记表（${today}）.xlsx`),
  };
}
