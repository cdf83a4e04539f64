/**
 * The signed-in session (the access token and when it expires), kept in localStorage so that a reload or
 * a new tab stays signed in until the token expires. The GraphQL client reads the token from here and
 * nowhere else; React components read it through useSession().
 */
export interface StoredSession {
  accessToken: string;
  expiresAt: string;
}

const KEY = 'asset-registry.session';
type Listener = () => void;
const listeners = new Set<Listener>();

function read(): StoredSession | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredSession;
    if (!parsed.accessToken || Date.parse(parsed.expiresAt) <= Date.now()) return null;
    return parsed;
  } catch {
    return null;
  }
}

let current: StoredSession | null = read();

export const sessionStore = {
  get(): StoredSession | null {
    if (current && Date.parse(current.expiresAt) <= Date.now()) sessionStore.clear();
    return current;
  },
  set(session: StoredSession): void {
    current = session;
    window.localStorage.setItem(KEY, JSON.stringify(session));
    listeners.forEach((l) => l());
  },
  clear(): void {
    if (current === null && window.localStorage.getItem(KEY) === null) return;
    current = null;
    window.localStorage.removeItem(KEY);
    listeners.forEach((l) => l());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
