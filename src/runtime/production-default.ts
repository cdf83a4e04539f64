/**
 * `NODE_ENV` unset (or blank) means production: set before any library is loaded (main.ts imports this
 * module first), because graphql-js decides once, when it loads, how to check the type of every value
 * it completes. Outside production its `instanceOf` looks up both classes' names whenever a check fails
 * (it hunts for two copies of the library), which the list query's thousands of field completions pay
 * for: about 6 % of the app's CPU per list request (docs/benchmarks.md, issue 14). Apollo and Nest read
 * NODE_ENV too, only for defaults this app sets explicitly (introspection, stack traces in errors, the
 * landing page), and the app's own `development` mode stays `NODE_ENV=development`.
 */
export function defaultToProduction(env: NodeJS.ProcessEnv): void {
  if (!env.NODE_ENV?.trim()) env.NODE_ENV = 'production';
}

defaultToProduction(process.env);
