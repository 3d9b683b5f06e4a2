// 值班设置: a unit's 班次, 值班规则, 重要日期, 不可值班, 值班电话 and 日历订阅, one tab each; the unit and the tab are in
// the address (?unit=, ?tab=) so that both survive a reload. Changing them is for the unit's 带班领导, 分管领导, 主要领导
// and the admin (the server's abilities); others see them read-only.
import { Alert, Card, Space, Spin, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { get } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { FeedsTab } from './FeedsTab.tsx';
import { PhonesTab } from './PhonesTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';
import type { SetupDetail } from './setupTypes.ts';
import { SpecialDaysTab } from './SpecialDaysTab.tsx';
import { TemplatesTab } from './TemplatesTab.tsx';
import { UnavailabilityTab } from './UnavailabilityTab.tsx';
import { useDutyUnit } from './unit.tsx';

export interface SetupTabProps {
  setup: SetupDetail;
  reload: () => void;
}

const TABS = [
  { key: 'templates', label: '班次模板', Tab: TemplatesTab },
  { key: 'settings', label: '值班规则', Tab: SettingsTab },
  { key: 'special', label: '重要日期', Tab: SpecialDaysTab },
  { key: 'unavailable', label: '不可值班', Tab: UnavailabilityTab },
  { key: 'phones', label: '值班电话', Tab: PhonesTab },
  { key: 'feeds', label: '日历订阅', Tab: FeedsTab },
];

export function SetupPage() {
  const { unitId, picker } = useDutyUnit();
  const [params, setParams] = useSearchParams();
  const setup = useLoad(() => get<SetupDetail>(`/api/duty/units/${unitId}/setup`), [unitId]);
  const tab = TABS.find((t) => t.key === params.get('tab'))?.key ?? 'templates';
  const setTab = (key: string) =>
    setParams(
      (p) => {
        p.set('tab', key);
        return p;
      },
      { replace: true },
    );
  const shown = setup.data?.unitId === unitId ? setup.data : undefined;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          值班设置
        </Typography.Title>
        {picker}
      </Space>
      {setup.error && <Alert type="error" showIcon title={setup.error} />}
      {shown && !shown.abilities.canManage && (
        <Alert
          type="info"
          showIcon
          title="只能查看：本单位带班领导、分管领导、主要领导或管理员可以修改值班设置"
          data-testid="setup-readonly"
        />
      )}
      {!shown ? (
        !setup.error && (
          <Spin tip="正在加载值班设置…">
            <div style={{ height: 120 }} />
          </Spin>
        )
      ) : (
        <Card>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={TABS.map(({ key, label, Tab }) => ({
              key,
              label: <span data-testid={`setup-tab-${key}`}>{label}</span>,
              children: <Tab key={shown.unitId} setup={shown} reload={setup.reload} />,
            }))}
          />
        </Card>
      )}
    </Space>
  );
}
