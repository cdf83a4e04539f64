import { startNodeFlags } from './scale';

describe('startNodeFlags: the benches start the app with the node flags of npm start', () => {
  it("reads them from package.json's start script", () => {
    expect(startNodeFlags()).toContain('--max-semi-space-size=32');
  });

  it('gives every flag between node and the entry point, in order, and none when there is none', () => {
    expect(startNodeFlags('node --a=1  --b dist/src/main.js')).toEqual(['--a=1', '--b']);
    expect(startNodeFlags('node dist/src/main.js')).toEqual([]);
  });

  it('refuses a start script of another form rather than bench an app started otherwise', () => {
    expect(() => startNodeFlags('nest start')).toThrow(/start script/);
    expect(() => startNodeFlags('node -r x dist/src/main.js')).toThrow(/start script/);
  });
});
