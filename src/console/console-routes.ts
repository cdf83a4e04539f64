/**
 * First path segments that belong to the API and its REST endpoints (GraphQL, GraphiQL, health, files,
 * templates, the public disclosure pages) or to the console's own files. An unknown path below one of
 * them is a 404, never the console's page, so a typo in an API call is not answered with HTML.
 */
export const RESERVED_PREFIXES = [
  'graphql',
  'graphiql',
  'health',
  'files',
  'templates',
  'disclosure',
  'static',
];

/**
 * Whether a GET of `urlPath` that matched no route is a page of the console (its client-side router
 * decides what to show): not below a reserved prefix, no file extension, and asked for by a browser
 * (Accept: text/html).
 */
export function isConsolePage(urlPath: string, accept: string | undefined): boolean {
  if (!accept || !/\btext\/html\b/.test(accept)) return false;
  const segments = urlPath.split('/').filter(Boolean);
  if (segments.length > 0 && RESERVED_PREFIXES.includes(segments[0])) return false;
  const last = segments[segments.length - 1] ?? '';
  return !/\.[A-Za-z0-9]{1,8}$/.test(last);
}
