// The screens by path. Everything but 登录 needs a session; without one the login screen shows in place. A session
// opened with a one-time password shows only 修改密码 until the password is changed.
import { Result, Spin } from 'antd';
import { Navigate, Route, Routes } from 'react-router-dom';
import { AdminPage } from './admin/AdminPage.tsx';
import { AppLayout } from './components/AppLayout.tsx';
import { BoardPage } from './decisions/BoardPage.tsx';
import { CatalogPage } from './decisions/CatalogPage.tsx';
import { DecisionPage } from './decisions/DecisionPage.tsx';
import { ChangesPage } from './duty/ChangesPage.tsx';
import { EmergenciesPage } from './duty/EmergenciesPage.tsx';
import { HandoverPage } from './duty/HandoverPage.tsx';
import { NoticesPage } from './duty/NoticesPage.tsx';
import { NowPage } from './duty/NowPage.tsx';
import { RosterPage } from './duty/RosterPage.tsx';
import { SetupPage } from './duty/SetupPage.tsx';
import { EditorPage } from './pages/EditorPage.tsx';
import { ItemPage } from './pages/ItemPage.tsx';
import { LedgerPage } from './pages/LedgerPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { PasswordPage } from './pages/PasswordPage.tsx';
import { GazettePage } from './gazette/GazettePage.tsx';
import { IssuePage } from './gazette/IssuePage.tsx';
import { SignoffPage } from './pages/SignoffPage.tsx';
import { WorkbenchPage } from './pages/WorkbenchPage.tsx';
import { oversightRoutes } from './oversight/menu.tsx';
import { useSession } from './session.tsx';
import { IncidentPage } from './watch/IncidentPage.tsx';
import { IncidentsPage } from './watch/IncidentsPage.tsx';
import { OverviewPage } from './watch/OverviewPage.tsx';
import { SettingsPage } from './watch/SettingsPage.tsx';
import { SitePage } from './watch/SitePage.tsx';

export function AppRoutes() {
  const { user, labels, loading, mustChangePassword } = useSession();
  if (loading)
    return (
      <div style={{ padding: 120, textAlign: 'center' }}>
        <Spin size="large" tip="正在加载…">
          <div />
        </Spin>
      </div>
    );
  if (!labels) return <Result status="error" title="无法连接服务器" subTitle="请检查网络或联系管理员后刷新页面" />;
  if (!user) return <LoginPage />;
  if (mustChangePassword) return <PasswordPage forced />;
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<WorkbenchPage />} />
        <Route path="items/new" element={<EditorPage />} />
        <Route path="items/:id" element={<ItemPage />} />
        <Route path="items/:id/edit" element={<EditorPage />} />
        <Route path="items/:id/signoff" element={<SignoffPage />} />
        <Route path="ledger" element={<LedgerPage />} />
        {oversightRoutes()}
        <Route path="password" element={<PasswordPage />} />
        <Route path="admin/*" element={<AdminPage />} />
        <Route path="duty" element={<Navigate to="/duty/now" replace />} />
        <Route path="duty/now" element={<NowPage />} />
        <Route path="duty/roster" element={<RosterPage />} />
        <Route path="duty/handovers" element={<HandoverPage />} />
        <Route path="duty/changes" element={<ChangesPage />} />
        <Route path="duty/notices" element={<NoticesPage />} />
        <Route path="duty/emergencies" element={<EmergenciesPage />} />
        <Route path="duty/setup" element={<SetupPage />} />
        <Route path="watch" element={<Navigate to="/watch/overview" replace />} />
        <Route path="watch/overview" element={<OverviewPage />} />
        <Route path="watch/sites/:id" element={<SitePage />} />
        <Route path="watch/incidents" element={<IncidentsPage />} />
        <Route path="watch/incidents/:id" element={<IncidentPage />} />
        <Route path="watch/settings" element={<SettingsPage />} />
        <Route path="gazette" element={<GazettePage />} />
        <Route path="gazette/:id" element={<IssuePage />} />
        <Route path="decisions" element={<Navigate to="/decisions/catalog" replace />} />
        <Route path="decisions/catalog" element={<CatalogPage />} />
        <Route path="decisions/items/:id" element={<DecisionPage />} />
        <Route path="decisions/board" element={<BoardPage />} />
        <Route path="login" element={<Navigate to="/" replace />} />
        <Route path="*" element={<Result status="404" title="页面不存在" />} />
      </Route>
    </Routes>
  );
}
