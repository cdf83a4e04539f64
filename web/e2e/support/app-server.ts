import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { APP_MAIN } from './paths';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The real app as `npm start` runs it (node dist/src/main.js), in its own process, on one database;
 * its output goes to a log file in the run's folder.
 */
export class AppServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly logFile: string,
  ) {}

  static async start(env: Record<string, string>, logFile: string): Promise<AppServer> {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const log = fs.openSync(logFile, 'a');
    const child = spawn(process.execPath, [APP_MAIN], { env, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const url = `http://127.0.0.1:${env.PORT}`;
    const server = new AppServer(child, url, logFile);
    const seconds = Number(process.env.BROWSER_TEST_START_SECONDS ?? 120);
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`the app exited (${child.exitCode}) before answering:\n${tail(logFile)}`);
      }
      try {
        const res = await fetch(`${url}/health`);
        if (res.ok) return server;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`the app did not answer /health within ${seconds} s:\n${tail(logFile)}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** SIGTERM, and wait for the process to end (SIGKILL after 15 s). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}
