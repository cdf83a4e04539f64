import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';
import { sessionStore } from '@web/shared/auth/session-store';
import { errorReason } from './errors';

/** The language the console asks the API for (messages, reports). */
export const ACCEPT_LANGUAGE = 'zh-CN';

/** Reasons that mean the token no longer works: the session ends and the sign-in page shows. */
const SESSION_ENDED = new Set(['TOKEN_EXPIRED', 'TOKEN_INVALID', 'ACCOUNT_DISABLED', 'UNAUTHENTICATED']);

/** Headers of every request the console makes to the API (GraphQL and REST): set here and only here. */
export function apiHeaders(): Record<string, string> {
  const token = sessionStore.get()?.accessToken;
  return {
    'Accept-Language': ACCEPT_LANGUAGE,
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  };
}

/**
 * The one GraphQL client of the console (urql): POST /graphql with the session's token and
 * Accept-Language; a response saying the session has ended signs the user out.
 */
export function createApiClient(): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: apiHeaders() }),
    exchanges: [
      mapExchange({
        onError(error) {
          const reason = errorReason(error);
          if (reason && SESSION_ENDED.has(reason) && sessionStore.get()) sessionStore.clear();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}

/** GET a REST endpoint of the API (a file, a template) with the same headers, as a Blob. */
export async function fetchBlob(path: string): Promise<Blob> {
  const res = await fetch(path, { headers: apiHeaders() });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.blob();
}
