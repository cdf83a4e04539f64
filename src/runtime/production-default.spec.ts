import { defaultToProduction } from './production-default';

describe('defaultToProduction', () => {
  it('sets NODE_ENV to production when it is unset or blank', () => {
    const unset: NodeJS.ProcessEnv = {};
    defaultToProduction(unset);
    expect(unset.NODE_ENV).toBe('production');
    const blank: NodeJS.ProcessEnv = { NODE_ENV: ' ' };
    defaultToProduction(blank);
    expect(blank.NODE_ENV).toBe('production');
  });

  it('leaves a NODE_ENV that is set as it is', () => {
    for (const value of ['development', 'test', 'production', 'staging']) {
      const env: NodeJS.ProcessEnv = { NODE_ENV: value };
      defaultToProduction(env);
      expect(env.NODE_ENV).toBe(value);
    }
  });
});
