// Who is signed in, and the Chinese labels: loaded once, shared by every screen.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, get, post, setCsrfToken } from './api.ts';
import type { Labels, Session, SessionUser } from './types.ts';

interface SessionState {
  user: SessionUser | null;
  labels: Labels | null;
  loading: boolean;
  mustChangePassword: boolean;
  signIn(username: string, password: string): Promise<void>;
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
  signOut(): Promise<void>;
  has(role: string, unitId?: string): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [labels, setLabels] = useState<Labels | null>(null);
  const [loading, setLoading] = useState(true);
  const [mustChangePassword, setMustChangePassword] = useState(false);

  const accept = (s: Session) => {
    setCsrfToken(s.csrfToken);
    setUser(s.user);
    setMustChangePassword(s.mustChangePassword);
  };

  useEffect(() => {
    Promise.all([
      get<Session>('/api/auth/me')
        .then(accept)
        .catch((e) => {
          if (!(e instanceof ApiError && e.status === 401)) throw e;
        }),
      get<Labels>('/api/meta/labels').then(setLabels),
    ]).finally(() => setLoading(false));
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    accept(await post<Session>('/api/auth/login', { username, password }));
  }, []);
  const changePassword = useCallback(async (oldPassword: string, newPassword: string) => {
    await post('/api/auth/password', { oldPassword, newPassword });
    accept(await get<Session>('/api/auth/me'));
  }, []);
  const signOut = useCallback(async () => {
    await post('/api/auth/logout').catch(() => {});
    setCsrfToken('');
    setUser(null);
    setMustChangePassword(false);
  }, []);
  const has = useCallback(
    (role: string, unitId?: string) => !!user?.roles.some((r) => r.role === role && (!unitId || r.unitId === unitId)),
    [user],
  );

  return (
    <SessionContext.Provider
      value={{ user, labels, loading, mustChangePassword, signIn, changePassword, signOut, has }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The labels, once loaded (screens render only after they are). */
export function useLabels(): Labels {
  const { labels } = useSession();
  if (!labels) throw new Error('labels not loaded');
  return labels;
}
