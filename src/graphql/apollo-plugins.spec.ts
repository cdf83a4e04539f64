import { ApolloServer } from '@apollo/server';
import { Logger } from 'pino';
import { DomainError, ErrorCode } from '@/common/errors';
import { apolloPlugins } from './apollo-plugins';

/**
 * What the server logs as an unexpected error: a real Apollo Server with the app's plugins, asked
 * requests that fail in every way a caller can make them fail, and one that crashes.
 */
describe('apollo plugins: unexpected errors are logged, the caller’s mistakes are not', () => {
  const logged: unknown[] = [];
  const logger = { error: (...args: unknown[]) => logged.push(args) } as unknown as Logger;
  let server: ApolloServer;

  beforeAll(async () => {
    server = new ApolloServer({
      typeDefs: 'type Query { ok: Int, crash: Int, refused: Int, twice(n: Int!): Int }',
      resolvers: {
        Query: {
          ok: () => 1,
          crash: () => {
            throw new TypeError("Cannot read properties of undefined (reading 'id')");
          },
          refused: () => {
            throw new DomainError(ErrorCode.ASSET_NOT_FOUND, 'Asset not found');
          },
          twice: (_: unknown, { n }: { n: number }) => 2 * n,
        },
      },
      plugins: apolloPlugins(logger),
    });
    await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => (logged.length = 0));

  const run = (query: string, variables?: Record<string, unknown>) =>
    server.executeOperation({ query, variables });

  it.each([
    ['a field that does not exist', '{ ok nope }', undefined],
    ['text that is not GraphQL', '{ ok', undefined],
    ['a variable of the wrong type', 'query($n: Int!) { twice(n: $n) }', { n: 'two' }],
    ['a refusal of the domain', '{ refused }', undefined],
  ])('%s: answered with an error, nothing logged', async (_, query, variables) => {
    const res = await run(query, variables);
    expect(res.body.kind === 'single' && res.body.singleResult.errors?.length).toBeGreaterThan(0);
    expect(logged).toEqual([]);
  });

  it('a crash in a resolver is logged once, with the error', async () => {
    await run('{ ok crash }');
    expect(logged).toHaveLength(1);
    const [fields, message] = logged[0] as [{ err: Error; path: unknown }, string];
    expect(message).toBe('unexpected error');
    expect(fields.err).toBeInstanceOf(TypeError);
    expect(fields.path).toEqual(['crash']);
  });
});
