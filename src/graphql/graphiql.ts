import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * GraphiQL served by the app itself, with every script and stylesheet read from node_modules: district
 * networks are often cut off from the internet, so the IDE must not load anything from a CDN.
 */
const ASSETS: Record<string, { module: string; file: string; type: string }> = {
  'react.js': { module: 'react', file: 'umd/react.production.min.js', type: 'application/javascript' },
  'react-dom.js': {
    module: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    type: 'application/javascript',
  },
  'graphiql.js': { module: 'graphiql', file: 'graphiql.min.js', type: 'application/javascript' },
  'graphiql.css': { module: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

const cache = new Map<string, Buffer>();

export function graphiqlAsset(name: string): { body: Buffer; type: string } | undefined {
  const asset = ASSETS[name];
  if (!asset) return undefined;
  let body = cache.get(name);
  if (!body) {
    const root = path.dirname(require.resolve(`${asset.module}/package.json`));
    body = fs.readFileSync(path.join(root, asset.file));
    cache.set(name, body);
  }
  return { body, type: asset.type };
}

export const GRAPHIQL_ASSET_PREFIX = '/graphiql/assets/';

const DEFAULT_QUERY = `# Sign in first (the demo logins are printed when the server starts):
#
# mutation { login(username: "auditor", password: "…") { accessToken } }
#
# then add the header  {"Authorization": "Bearer <accessToken>"}  below and run:
query {
  me { username role regionCode }
  regions(level: TOWNSHIP) { code name }
}
`;

export function graphiqlHtml(endpoint: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <title>Asset Registry · GraphiQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="stylesheet" href="${GRAPHIQL_ASSET_PREFIX}graphiql.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading…</div>
  <script src="${GRAPHIQL_ASSET_PREFIX}react.js"></script>
  <script src="${GRAPHIQL_ASSET_PREFIX}react-dom.js"></script>
  <script src="${GRAPHIQL_ASSET_PREFIX}graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
        headerEditorEnabled: true,
        shouldPersistHeaders: true,
      }),
    );
  </script>
</body>
</html>`;
}
