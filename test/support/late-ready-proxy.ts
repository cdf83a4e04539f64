import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that sends each ReadyForQuery following a COPY's CopyDone `holdMs`
 * later, in a packet of its own, as a busy network may: a client that takes the end of the COPY's data
 * for the end of the statement sends its next one to a connection still busy. Everything else passes
 * through unchanged and in order.
 */
export class LateReadyProxy {
  /** ReadyForQuery messages held back so far. */
  held = 0;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }, holdMs: number): Promise<LateReadyProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new LateReadyProxy(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (client: net.Socket) => proxy.pipe(client, target, holdMs));
    return proxy;
  }

  /** `url` with its host and port replaced by the proxy's. */
  url(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: net.Socket, target: { host: string; port: number }, holdMs: number): void {
    const server = net.connect(target.port, target.host);
    this.sockets.add(client).add(server);
    const end = (): void => {
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
    client.pipe(server);

    // Server to client: whole messages (type byte, int32 length), in order, the held ones later.
    let pending = Buffer.alloc(0);
    let afterCopyDone = false;
    let queue = Promise.resolve();
    server.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      let ready = 0;
      const out: Array<{ bytes: Buffer; hold: boolean }> = [];
      while (pending.length - ready >= 5) {
        const length = pending.readUInt32BE(ready + 1);
        if (pending.length - ready < 1 + length) break;
        const type = String.fromCharCode(pending[ready]);
        out.push({ bytes: pending.subarray(ready, ready + 1 + length), hold: type === 'Z' && afterCopyDone });
        // CopyDone, then CommandComplete, then ReadyForQuery.
        afterCopyDone = type === 'c' || (type === 'C' && afterCopyDone);
        ready += 1 + length;
      }
      pending = pending.subarray(ready);
      for (const message of out) {
        queue = queue.then(async () => {
          if (message.hold) {
            this.held++;
            await new Promise((resolve) => setTimeout(resolve, holdMs));
          }
          if (!client.destroyed) client.write(message.bytes);
        });
      }
    });
  }
}
