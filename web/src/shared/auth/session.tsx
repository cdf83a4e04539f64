import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@web/gql';
import type { Role } from '@web/gql/enums';
import { sessionStore, type StoredSession } from './session-store';

export const MeQuery = graphql(`
  query Me {
    me {
      id
      username
      displayName
      role
      regionCode
    }
  }
`);

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
}

interface SessionValue {
  /** The signed-in user, once known. */
  user: SessionUser | null;
  /** A token is stored and the user is being loaded. */
  loading: boolean;
  signedIn: boolean;
  signIn(session: StoredSession): void;
  signOut(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Holds the session for the whole console: the token (sessionStore) and the user it belongs to (me). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const stored = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const [{ data, fetching }] = useQuery({
    query: MeQuery,
    pause: !stored,
    requestPolicy: 'network-only',
    context: useMemo(() => ({ token: stored?.accessToken }), [stored?.accessToken]),
  });
  const signIn = useCallback((session: StoredSession) => sessionStore.set(session), []);
  // A full navigation: the next user starts with an empty cache.
  const signOut = useCallback(() => {
    sessionStore.clear();
    window.location.assign('/login');
  }, []);
  const value = useMemo<SessionValue>(
    () => ({
      user: stored && data?.me ? data.me : null,
      loading: Boolean(stored) && (fetching || !data),
      signedIn: Boolean(stored),
      signIn,
      signOut,
    }),
    [stored, data, fetching, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
