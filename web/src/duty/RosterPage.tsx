// 排班: a unit's roster on a month or week calendar. Drag a shift to another day, or a person onto a shift (both PATCH
// the shift); the findings beside the calendar come back with every edit. 自动排班 makes a new draft; 发布 is refused
// while findings remain. Editing is for the unit's 带班领导, 分管领导, 主要领导 and the admin (abilities from the server).
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Segmented, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, get, query } from '../api.ts';
import { dayjs, todayInShanghai } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { periodTitle, shiftAnchor, type ViewMode } from './calendarDays.ts';
import './duty.css';
import { FindingsPanel } from './FindingsPanel.tsx';
import { GenerateModal } from './GenerateModal.tsx';
import { RosterActions } from './RosterActions.tsx';
import { RosterCalendar } from './RosterCalendar.tsx';
import { ShiftEditModal } from './ShiftEditModal.tsx';
import type { DutySetup, DutyShift, Roster, RosterDetail } from './types.ts';
import { useDutyUnit } from './unit.tsx';

type ShiftPatch = { day?: string; leaderId?: string | null; officerIds?: string[] };

const pickDefault = (list: Roster[], today: string) =>
  list.find((r) => r.from <= today && today < r.to)?.id ?? list[list.length - 1]?.id;

export function RosterPage() {
  const { message } = App.useApp();
  const { unitId, picker } = useDutyUnit();
  const today = todayInShanghai();
  const setup = useLoad(() => get<DutySetup>(`/api/duty/units/${unitId}/setup`), [unitId]);
  const rosters = useLoad(
    () => get<(Roster & { shiftCount: number })[]>(`/api/duty/rosters${query({ unitId })}`),
    [unitId],
  );
  const [selected, setSelected] = useState<string>();
  const [detail, setDetail] = useState<RosterDetail>();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<ViewMode>('month');
  const [anchor, setAnchor] = useState(today);
  const [refused, setRefused] = useState<string | null>(null);
  const [editing, setEditing] = useState<DutyShift | null>(null);
  const [generating, setGenerating] = useState(false);

  useEffect(() => {
    setSelected(undefined);
    setDetail(undefined);
  }, [unitId]);
  useEffect(() => {
    if (!selected && rosters.data?.length) setSelected(pickDefault(rosters.data, today));
  }, [rosters.data, selected, today]);
  useEffect(() => {
    if (!selected) return;
    let live = true;
    setLoadError(null);
    setRefused(null);
    get<RosterDetail>(`/api/duty/rosters/${selected}`)
      .then((d) => {
        if (!live) return;
        setDetail(d);
        setAnchor(d.roster.from <= today && today < d.roster.to ? today : d.roster.from);
      })
      .catch((e: Error) => {
        if (live) setLoadError(e.message);
      });
    return () => {
      live = false;
    };
  }, [selected, today]);

  const patch = async (shift: DutyShift, body: ShiftPatch) => {
    try {
      setDetail(await api<RosterDetail>('PATCH', `/api/duty/shifts/${shift.id}`, { version: shift.version, ...body }));
      setRefused(null);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '调整失败');
      if (e instanceof ApiError && e.status === 409)
        setDetail(await get<RosterDetail>(`/api/duty/rosters/${shift.rosterId}`));
    }
  };
  const shiftById = (id: string) => detail?.shifts.find((s) => s.id === id);
  const onMove = (shiftId: string, day: string) => {
    const s = shiftById(shiftId);
    if (s && s.day !== day) void patch(s, { day });
  };
  const onPerson = (s: DutyShift, userId: string, as: 'leader' | 'officer') => {
    if (as === 'leader' && s.leader?.id !== userId) void patch(s, { leaderId: userId });
    if (as === 'officer' && !s.officers.some((o) => o.id === userId)) {
      void patch(s, { officerIds: [userId, ...s.officers.slice(1).map((o) => o.id)] });
    }
  };

  const canManage = !!setup.data?.abilities.canManage;
  const rosterLabel = (r: Roster) => `${r.from} 至 ${dayBefore(r.to)}（${r.state === 'draft' ? '草稿' : '已发布'}）`;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        排班
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          {picker}
          <Select<string>
            style={{ width: 300 }}
            placeholder="选择值班表"
            value={selected}
            onChange={setSelected}
            loading={rosters.loading}
            data-testid="roster-select"
            aria-label="值班表"
            options={(rosters.data ?? []).map((r) => ({ value: r.id, label: rosterLabel(r) }))}
          />
          {canManage && (
            <Button icon={<PlusOutlined />} onClick={() => setGenerating(true)} data-testid="roster-generate">
              自动排班
            </Button>
          )}
        </Space>
      </Card>
      {(setup.error || rosters.error || loadError) && (
        <Alert type="error" showIcon title={setup.error ?? rosters.error ?? loadError} />
      )}
      {rosters.loading && !rosters.data ? (
        <Spin tip="正在加载值班表…">
          <div style={{ height: 120 }} />
        </Spin>
      ) : rosters.data?.length === 0 ? (
        <Card>
          <Empty description={canManage ? '本单位还没有值班表，可点击“自动排班”生成' : '本单位还没有值班表'} />
        </Card>
      ) : (
        detail && (
          <RosterBody
            detail={detail}
            mode={mode}
            setMode={setMode}
            anchor={anchor}
            setAnchor={setAnchor}
            refused={refused}
            setRefused={setRefused}
            setup={setup.data}
            onMove={onMove}
            onPerson={onPerson}
            onOpen={(s) => detail.abilities.canEdit && setEditing(s)}
            onChanged={(d) => {
              setDetail(d);
              rosters.reload();
            }}
            onDiscarded={() => {
              setSelected(undefined);
              setDetail(undefined);
              rosters.reload();
            }}
          />
        )
      )}
      {detail && setup.data && (
        <ShiftEditModal
          key={editing?.id}
          shift={editing}
          detail={detail}
          pool={setup.data.pool}
          onClose={() => setEditing(null)}
          onSave={async (s, body) => {
            setDetail(await api<RosterDetail>('PATCH', `/api/duty/shifts/${s.id}`, { version: s.version, ...body }));
          }}
        />
      )}
      <GenerateModal
        open={generating}
        unitId={unitId}
        setup={setup.data}
        onClose={() => setGenerating(false)}
        onCreated={(d) => {
          setDetail(d);
          setSelected(d.roster.id);
          setAnchor(d.roster.from);
          rosters.reload();
        }}
      />
    </Space>
  );
}

const dayBefore = (d: string) => dayjs(d).subtract(1, 'day').format('YYYY-MM-DD');

interface BodyProps {
  detail: RosterDetail;
  mode: ViewMode;
  setMode: (m: ViewMode) => void;
  anchor: string;
  setAnchor: (a: string) => void;
  refused: string | null;
  setRefused: (r: string | null) => void;
  setup: DutySetup | undefined;
  onMove: (shiftId: string, day: string) => void;
  onPerson: (s: DutyShift, userId: string, as: 'leader' | 'officer') => void;
  onOpen: (s: DutyShift) => void;
  onChanged: (d: RosterDetail) => void;
  onDiscarded: () => void;
}

function RosterBody({
  detail,
  mode,
  setMode,
  anchor,
  setAnchor,
  refused,
  setRefused,
  setup,
  onMove,
  onPerson,
  onOpen,
  onChanged,
  onDiscarded,
}: BodyProps) {
  const problems = new Set(detail.findings.flatMap((f) => f.shiftIds));
  const { roster } = detail;
  return (
    <>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Typography.Text strong data-testid="roster-title">
            {roster.unitName}值班表 {roster.from} 至 {dayBefore(roster.to)}
          </Typography.Text>
          <Tag
            color={roster.state === 'draft' ? 'orange' : 'green'}
            data-testid="roster-state"
            data-state={roster.state}>
            {roster.state === 'draft' ? '草稿' : '已发布'}
          </Tag>
          <Segmented<ViewMode>
            value={mode}
            onChange={setMode}
            options={[
              { value: 'month', label: '月' },
              { value: 'week', label: '周' },
            ]}
            data-testid="roster-view"
          />
          <Button
            icon={<LeftOutlined />}
            aria-label={mode === 'month' ? '上个月' : '上一周'}
            onClick={() => setAnchor(shiftAnchor(anchor, mode, -1))}
          />
          <Typography.Text data-testid="roster-period">{periodTitle(anchor, mode)}</Typography.Text>
          <Button
            icon={<RightOutlined />}
            aria-label={mode === 'month' ? '下个月' : '下一周'}
            onClick={() => setAnchor(shiftAnchor(anchor, mode, 1))}
          />
        </Space>
        <RosterActions detail={detail} onChanged={onChanged} onRefused={setRefused} onDiscarded={onDiscarded} />
      </Space>
      {refused && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setRefused(null)}
          title="不能发布"
          description={refused}
          data-testid="publish-refused"
        />
      )}
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <RosterCalendar
            days={detail.days}
            shifts={detail.shifts}
            problemShiftIds={problems}
            anchor={anchor}
            mode={mode}
            editable={detail.abilities.canEdit}
            onMove={onMove}
            onPerson={onPerson}
            onOpen={onOpen}
          />
        </div>
        <div style={{ width: 290, flex: 'none' }}>
          <FindingsPanel
            detail={detail}
            pool={setup?.pool}
            onFinding={(f) => {
              const s = detail.shifts.find((x) => x.id === f.shiftIds[0]);
              if (!s) return;
              setAnchor(s.day);
              onOpen(s);
            }}
          />
        </div>
      </div>
    </>
  );
}
