import { Suspense, lazy, useCallback, useRef, useState } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { BrowserRouter, Route, Routes, useParams } from 'react-router-dom';
import { makeClient } from './graphql/client';
import { SessionProvider } from './auth/session';
import { FullPageLoader, RequireAuth, RequireAdmin } from './auth/guards';
import LoginPage from './pages/LoginPage';

// Every page but the login page is its own chunk, fetched on first visit: the login page must
// load fast on a cold cache (see the README's Performance section), and a user who only works
// in the inbox never downloads the automation editor.
const AppLayout = lazy(() => import('./components/AppLayout'));
const RecordsPage = lazy(() => import('./pages/RecordsPage'));
const RecordDetailPage = lazy(() => import('./pages/RecordDetailPage'));
const MessagesPage = lazy(() => import('./pages/MessagesPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const SettingsLayout = lazy(() => import('./pages/settings/SettingsLayout'));
const SettingsIndex = lazy(() =>
  import('./pages/settings/SettingsLayout').then((m) => ({ default: m.SettingsIndex })),
);
const UsersPage = lazy(() => import('./pages/settings/UsersPage'));
const RolesPage = lazy(() => import('./pages/settings/RolesPage'));
const GroupsPage = lazy(() => import('./pages/settings/GroupsPage'));
const ModulesPage = lazy(() => import('./pages/settings/ModulesPage'));
const ApiTokensPage = lazy(() => import('./pages/settings/ApiTokensPage'));
const CreditsPage = lazy(() => import('./credits/CreditsPage'));
const AutomationPage = lazy(() => import('./automation/AutomationPage'));
const PredefinedTextsPage = lazy(() => import('./pages/settings/PredefinedTextsPage'));
const ConsentKeywordsPage = lazy(() => import('./pages/settings/ConsentKeywordsPage'));
const CompanyPage = lazy(() => import('./pages/settings/CompanyPage'));
const AuditLogPage = lazy(() => import('./pages/settings/AuditLogPage'));
const WebhooksPage = lazy(() => import('./pages/settings/WebhooksPage'));
const WhatsappLayout = lazy(() => import('./pages/settings/whatsapp/WhatsappLayout'));
const WhatsappSetupPage = lazy(() => import('./pages/settings/whatsapp/WhatsappSetupPage'));
const TemplatesPage = lazy(() => import('./pages/settings/whatsapp/TemplatesPage'));
const SimulatorPage = lazy(() => import('./pages/SimulatorPage'));
const SignalsPage = lazy(() => import('./pages/SignalsPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const BroadcastsPage = lazy(() => import('./broadcast/BroadcastsPage'));
const NewBroadcastPage = lazy(() => import('./broadcast/NewBroadcastPage'));
const BroadcastDetailPage = lazy(() => import('./broadcast/BroadcastDetailPage'));

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
          {/* The layouts hold their own boundary around their outlet, so moving between pages
              keeps the navigation on screen; this one covers the layout's own first load. */}
          <Suspense fallback={<FullPageLoader />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<HomePage />} />
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
                    path="company"
                    element={
                      <RequireAdmin>
                        <CompanyPage />
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
          </Suspense>
        </BrowserRouter>
      </SessionProvider>
    </UrqlProvider>
  );
}
