/**
 * node -r ts-node/register/transpile-only bench/profile-summary.ts <file.cpuprofile> [top]
 *
 * What a V8 CPU profile (node --cpu-prof; `npm run bench -- read --profile`) says, in a terminal: self
 * time per function and per package (node_modules/<name>, the app's src/, node internals, GC).
 */
import * as fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function packageOf(url: string, fn: string): string {
  if (fn === '(garbage collector)') return '(gc)';
  if (fn === '(idle)' || fn === '(program)') return fn;
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.includes('/dist/src/') || url.includes('/src/')) return 'app';
  if (url.startsWith('node:') || url === '') return '(node)';
  return url;
}

function main(): void {
  const [file, topArg] = process.argv.slice(2);
  const top = Number(topArg ?? 30);
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const busy = [...self.entries()]
    .filter(([id]) => byId.get(id)!.callFrame.functionName !== '(idle)')
    .reduce((a, [, t]) => a + t, 0);
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  for (const [id, t] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const key = `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '')}:${lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + t);
    const pkg = packageOf(url, functionName);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + t);
  }
  const pct = (t: number): string => `${((t / busy) * 100).toFixed(1).padStart(5)} %`;
  process.stdout.write(
    `busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled\n\nby package (self time):\n`,
  );
  for (const [k, t] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, 20))
    process.stdout.write(`  ${pct(t)}  ${k}\n`);
  process.stdout.write(`\nby function (self time):\n`);
  for (const [k, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(`  ${pct(t)}  ${k}\n`);
}

if (require.main === module) main();
