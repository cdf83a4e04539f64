import { isConsolePage } from './console-routes';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('isConsolePage', () => {
  it('serves the console for client routes a browser asks for', () => {
    expect(isConsolePage('/', HTML)).toBe(true);
    expect(isConsolePage('/assets', HTML)).toBe(true);
    expect(isConsolePage('/assets/6f1c2d3e-0000-4000-8000-000000000000', HTML)).toBe(true);
    expect(isConsolePage('/admin/users', HTML)).toBe(true);
  });

  it('never for the API, its REST endpoints or a file', () => {
    for (const p of [
      '/graphql/x',
      '/graphiql/nope',
      '/health/x',
      '/files',
      '/files/x/y',
      '/templates/x.xlsx',
    ]) {
      expect(isConsolePage(p, HTML)).toBe(false);
    }
    expect(isConsolePage('/disclosure/abc/def', HTML)).toBe(false);
    expect(isConsolePage('/static/missing.js', HTML)).toBe(false);
    expect(isConsolePage('/favicon.ico', HTML)).toBe(false);
  });

  it('never for a client that does not ask for HTML', () => {
    expect(isConsolePage('/assets', 'application/json')).toBe(false);
    expect(isConsolePage('/assets', '*/*')).toBe(false);
    expect(isConsolePage('/assets', undefined)).toBe(false);
  });
});
