// 督查考核 in the app: its routes (one lazily loaded chunk with 统计's ECharts kept apart) and its menu group, shown
// by the session's abilities (src/org/dto.ts oversightAbilities), never by a list of roles.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Link, Route } from 'react-router-dom';
import type { SessionUser } from '../types.ts';

const StatsPage = lazy(() => import('../pages/StatsPage.tsx').then((m) => ({ default: m.StatsPage })));
const SamplesPage = lazy(() => import('./SamplesPage.tsx').then((m) => ({ default: m.SamplesPage })));
const InspectionPage = lazy(() => import('./InspectionPage.tsx').then((m) => ({ default: m.InspectionPage })));
const QuarterlyPage = lazy(() => import('./QuarterlyPage.tsx').then((m) => ({ default: m.QuarterlyPage })));
const AssessmentPage = lazy(() => import('./AssessmentPage.tsx').then((m) => ({ default: m.AssessmentPage })));

const lazyPage = (page: ReactNode) => <Suspense fallback={<Spin />}>{page}</Suspense>;

/** The <Route>s, placed inside the app's <Routes> as `{oversightRoutes()}`. */
export const oversightRoutes = () => (
  <>
    <Route path="stats" element={lazyPage(<StatsPage />)} />
    <Route path="oversight/samples" element={lazyPage(<SamplesPage />)} />
    <Route path="oversight/samples/:seq" element={lazyPage(<InspectionPage />)} />
    <Route path="oversight/quarterly" element={lazyPage(<QuarterlyPage />)} />
    <Route path="oversight/assessment" element={lazyPage(<AssessmentPage />)} />
  </>
);

type Ability = keyof SessionUser['abilities']['oversight'];
export const OVERSIGHT_MENU: [string, string, Ability[]][] = [
  ['/stats', '统计', ['stats']],
  ['/oversight/samples', '随机抽查', ['drawSample', 'inspection']],
  ['/oversight/quarterly', '季度检查', ['quarterly']],
  ['/oversight/assessment', '年度考核', ['assessment']],
];

/** The 督查考核 group for this person (empty when they may open none of it). */
export function oversightMenu(user: SessionUser) {
  const can = user.abilities.oversight;
  const children = OVERSIGHT_MENU.filter(([, , needs]) => needs.some((a) => can[a])).map(([key, label]) => ({
    key,
    label: (
      <Link to={key} data-testid={`menu-oversight-${key.split('/').pop()}`}>
        {label}
      </Link>
    ),
  }));
  return children.length
    ? [{ key: '/oversight', icon: <SafetyCertificateOutlined />, label: '督查考核', children }]
    : [];
}
