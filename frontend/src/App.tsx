import { useCallback, useRef, useState } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { BrowserRouter, Navigate, Route, Routes, useParams } from 'react-router-dom';
import { makeClient } from './graphql/client';
import { SessionProvider } from './auth/session';
import { RequireAuth, RequireAdmin } from './auth/guards';
import AppLayout from './components/AppLayout';
import LoginPage from './pages/LoginPage';
import RecordsPage from './pages/RecordsPage';
import RecordDetailPage from './pages/RecordDetailPage';
import MessagesPage from './pages/MessagesPage';
import NotFoundPage from './pages/NotFoundPage';
import SettingsLayout, { SettingsIndex } from './pages/settings/SettingsLayout';
import UsersPage from './pages/settings/UsersPage';
import RolesPage from './pages/settings/RolesPage';
import GroupsPage from './pages/settings/GroupsPage';
import ModulesPage from './pages/settings/ModulesPage';
import ApiTokensPage from './pages/settings/ApiTokensPage';
import CreditsPage from './credits/CreditsPage';
import AutomationPage from './automation/AutomationPage';
import PredefinedTextsPage from './pages/settings/PredefinedTextsPage';
import ConsentKeywordsPage from './pages/settings/ConsentKeywordsPage';
import AuditLogPage from './pages/settings/AuditLogPage';
import WebhooksPage from './pages/settings/WebhooksPage';
import WhatsappLayout from './pages/settings/whatsapp/WhatsappLayout';
import WhatsappSetupPage from './pages/settings/whatsapp/WhatsappSetupPage';
import TemplatesPage from './pages/settings/whatsapp/TemplatesPage';
import SimulatorPage from './pages/SimulatorPage';
import SignalsPage from './pages/SignalsPage';
import BroadcastsPage from './broadcast/BroadcastsPage';
import NewBroadcastPage from './broadcast/NewBroadcastPage';
import BroadcastDetailPage from './broadcast/BroadcastDetailPage';

function GenericModuleList() {
  const { module = '' } = useParams();
  return <RecordsPage module={module} />;
}

function GenericModuleDetail() {
  const { module = '' } = useParams();
  return <RecordDetailPage module={module} />;
}

export default function App() {
  // One urql client per session: login and logout replace it (and remount the tree under it),
  // so no cached data or open websocket survives a change of user.
  const [state, setState] = useState(() => ({ generation: 0, pc: makeClient() }));
  const current = useRef(state.pc);
  const resetClient = useCallback(() => {
    current.current.dispose();
    const next = makeClient();
    current.current = next;
    setState((prev) => ({ generation: prev.generation + 1, pc: next }));
  }, []);
  const { pc, generation } = state;

  return (
    <UrqlProvider value={pc.client} key={generation}>
      <SessionProvider resetClient={resetClient}>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              <Route index element={<Navigate to="/leads" replace />} />
              <Route path="/leads" element={<RecordsPage module="Leads" />} />
              <Route path="/leads/:id" element={<RecordDetailPage module="Leads" />} />
              <Route path="/contacts" element={<RecordsPage module="Contacts" />} />
              <Route path="/contacts/:id" element={<RecordDetailPage module="Contacts" />} />
              <Route path="/m/:module" element={<GenericModuleList />} />
              <Route path="/m/:module/:id" element={<GenericModuleDetail />} />
              <Route path="/messages/:conversationId?" element={<MessagesPage />} />
              <Route path="/signals" element={<SignalsPage />} />
              <Route path="/broadcasts" element={<BroadcastsPage />} />
              <Route path="/broadcasts/new" element={<NewBroadcastPage />} />
              <Route path="/broadcasts/:id" element={<BroadcastDetailPage />} />
              <Route path="/simulator" element={<SimulatorPage />} />
              <Route path="/settings" element={<SettingsLayout />}>
                <Route index element={<SettingsIndex />} />
                <Route
                  path="users"
                  element={
                    <RequireAdmin>
                      <UsersPage />
                    </RequireAdmin>
                  }
                />
                <Route
                  path="roles"
                  element={
                    <RequireAdmin>
                      <RolesPage />
                    </RequireAdmin>
                  }
                />
                <Route
                  path="groups"
                  element={
                    <RequireAdmin>
                      <GroupsPage />
                    </RequireAdmin>
                  }
                />
                <Route
                  path="modules"
                  element={
                    <RequireAdmin>
                      <ModulesPage />
                    </RequireAdmin>
                  }
                />
                <Route
                  path="whatsapp"
                  element={
                    <RequireAdmin>
                      <WhatsappLayout />
                    </RequireAdmin>
                  }
                >
                  <Route index element={<WhatsappSetupPage />} />
                  <Route path="templates" element={<TemplatesPage />} />
                </Route>
                <Route
                  path="credits"
                  element={
                    <RequireAdmin>
                      <CreditsPage />
                    </RequireAdmin>
                  }
                />
                <Route
                  path="automation"
                  element={
                    <RequireAdmin>
                      <AutomationPage />
                    </RequireAdmin>
                  }
                />
                <Route
                  path="consent"
                  element={
                    <RequireAdmin>
                      <ConsentKeywordsPage />
                    </RequireAdmin>
                  }
                />
                <Route
                  path="webhooks"
                  element={
                    <RequireAdmin>
                      <WebhooksPage />
                    </RequireAdmin>
                  }
                />
                <Route
                  path="audit-log"
                  element={
                    <RequireAdmin>
                      <AuditLogPage />
                    </RequireAdmin>
                  }
                />
                <Route path="predefined-texts" element={<PredefinedTextsPage />} />
                <Route path="api-tokens" element={<ApiTokensPage />} />
              </Route>
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </UrqlProvider>
  );
}
