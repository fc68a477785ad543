import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import type { CombinedError } from 'urql';
import { hasErrorCode } from '../graphql/errors';
import { UNAUTHENTICATED_EVENT } from '../graphql/client';
import { MeQuery, SetLanguageMutation } from '../graphql/operations';
import type { MeQuery as MeQueryResult } from '../gql/graphql';
import { applyLanguage, fromApiLanguage, toApiLanguage, type AppLanguage } from '../i18n';

export type Viewer = NonNullable<MeQueryResult['me']>;

interface SessionValue {
  /** The signed-in user; null when signed out, undefined while the first `me` query runs. */
  me: Viewer | null | undefined;
  error: CombinedError | undefined;
  refresh: () => void;
  /** Throw away the urql client (cache, websocket) and start a fresh one: after login/logout. */
  resetClient: () => void;
  /** Switch the UI language; saved on the server for a signed-in user. */
  setLanguage: (lang: AppLanguage) => Promise<CombinedError | undefined>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({
  children,
  resetClient,
}: {
  children: ReactNode;
  resetClient: () => void;
}) {
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: MeQuery,
    requestPolicy: 'network-only',
  });
  const [, saveLanguage] = useMutation(SetLanguageMutation);

  // `me` is null when signed out; a stale session that the server answers with
  // UNAUTHENTICATED counts as signed out too. Other errors (server unreachable) leave `me`
  // undefined and are shown with a retry button.
  const unauthenticated = hasErrorCode(error, 'UNAUTHENTICATED');
  let me: Viewer | null | undefined;
  if (data?.me) me = data.me;
  else if (data?.me === null || unauthenticated) me = null;
  else me = undefined;

  // The saved language of the signed-in user wins over the browser's language.
  const serverLanguage = data?.me?.language;
  useEffect(() => {
    if (serverLanguage) applyLanguage(fromApiLanguage(serverLanguage));
  }, [serverLanguage]);

  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  // Another operation found the session gone (expired, signed out elsewhere): ask `me` again,
  // which turns null and sends the user to the login page.
  useEffect(() => {
    window.addEventListener(UNAUTHENTICATED_EVENT, refresh);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, refresh);
  }, [refresh]);

  const signedIn = !!data?.me;
  const setLanguage = useCallback(
    async (lang: AppLanguage) => {
      applyLanguage(lang);
      if (!signedIn) return undefined;
      const res = await saveLanguage({ language: toApiLanguage(lang) });
      return res.error;
    },
    [signedIn, saveLanguage],
  );

  const value = useMemo<SessionValue>(
    () => ({ me, error: me === undefined && !fetching ? error : undefined, refresh, resetClient, setLanguage }),
    [me, error, fetching, refresh, resetClient, setLanguage],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user; only for components rendered inside the authenticated shell. */
export function useViewer(): Viewer {
  const { me } = useSession();
  if (!me) throw new Error('useViewer without a signed-in user');
  return me;
}
