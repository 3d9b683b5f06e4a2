// Beside the calendar: the roster's findings (问题清单) that block publishing, refreshed after every edit; and the
// people to drag onto shifts (带班领导, 值班人员) with how many shifts each already holds.
import { Alert, Card, Empty, List, Typography } from 'antd';
import { startDrag } from './dnd.ts';
import { FairnessCard } from './FairnessCard.tsx';
import type { DutyPerson, RosterDetail, RosterFinding } from './types.ts';

const CODE_NAME: Record<string, string> = {
  UNCOVERED: '无人值班',
  NO_OFFICER: '缺值班人员',
  LEADER_MISSING: '缺带班领导',
  DOUBLE_BOOKED: '班次重叠',
  REST_TOO_SHORT: '休息不足',
  UNAVAILABLE: '不能值班',
};

interface Props {
  detail: RosterDetail;
  pool: { officers: DutyPerson[]; leaders: DutyPerson[] } | undefined;
  onFinding: (f: RosterFinding) => void;
}

export function FindingsPanel({ detail, pool, onFinding }: Props) {
  const editable = detail.abilities.canEdit;
  const count = (id: string) => detail.counts.find((c) => c.person.id === id);
  return (
    <div className="duty-side">
      <Card size="small" title={`问题清单（${detail.findings.length}）`} data-testid="roster-findings">
        {detail.findings.length === 0 ? (
          <Alert
            type="success"
            showIcon
            title={detail.roster.state === 'draft' ? '没有问题，可以发布' : '没有问题'}
            data-testid="no-findings"
          />
        ) : (
          <List
            size="small"
            dataSource={detail.findings}
            renderItem={(f) => (
              <List.Item data-testid="roster-finding" data-code={f.code} style={{ padding: '6px 0' }}>
                <Typography.Link onClick={() => onFinding(f)} disabled={f.shiftIds.length === 0}>
                  <Typography.Text type="danger" strong>
                    {CODE_NAME[f.code] ?? '问题'}
                  </Typography.Text>
                  ：{f.message}
                </Typography.Link>
              </List.Item>
            )}
          />
        )}
      </Card>
      <FairnessCard detail={detail} />
      {editable && pool && (
        <Card size="small" title="拖到班次上" style={{ marginTop: 12 }} data-testid="people-palette">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            带班领导
          </Typography.Text>
          <div>
            {pool.leaders.map((p) => (
              <Chip key={p.id} person={p} as="leader" held={count(p.id)?.leader ?? 0} />
            ))}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            值班人员（拖到班次上替换值班人员）
          </Typography.Text>
          <div>
            {pool.officers.map((p) => (
              <Chip key={p.id} person={p} as="officer" held={(count(p.id)?.hard ?? 0) + (count(p.id)?.normal ?? 0)} />
            ))}
          </div>
          {pool.officers.length === 0 && (
            <Empty description="本单位还没有值班人员" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            也可点击班次，在对话框中调整日期和人员。
          </Typography.Text>
        </Card>
      )}
    </div>
  );
}

function Chip({ person, as, held }: { person: DutyPerson; as: 'leader' | 'officer'; held: number }) {
  return (
    <span
      className={`duty-chip${as === 'leader' ? ' leader' : ''}`}
      draggable
      data-testid="person-chip"
      data-as={as}
      data-person-id={person.id}
      title={`本表已排 ${held} 个班次${person.phone ? `，电话 ${person.phone}` : ''}`}
      onDragStart={(e) => startDrag(e, { kind: 'person', userId: person.id, as })}>
      {person.name}
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
        {' '}
        {held}
      </Typography.Text>
    </span>
  );
}
