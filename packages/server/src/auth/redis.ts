import net from 'node:net';

type Reply = string | number | null | Reply[];

interface Pending {
  resolve(value: Reply): void;
  reject(error: Error): void;
}

const TIMEOUT_MS = 2_000;

/**
 * A minimal Redis client (RESP2 over TCP) for the rate-limit counters: enough for a few
 * commands, pipelined, with a reconnect on the next call after a failure. Not a general client.
 */
export class RedisClient {
  private socket: net.Socket | undefined;
  private ready: Promise<void> | undefined;
  private buffer = Buffer.alloc(0);
  private readonly pending: Pending[] = [];

  constructor(private readonly url: string) {}

  /** Sends the commands together; resolves with their replies in order. */
  async pipeline(commands: string[][]): Promise<Reply[]> {
    await this.connect();
    const replies = commands.map(() => new Promise<Reply>((resolve, reject) => this.pending.push({ resolve, reject })));
    this.socket!.write(commands.map(encode).join(''));
    return Promise.all(replies);
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    this.ready = undefined;
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.end();
        setTimeout(() => socket.destroy(), 500).unref();
      });
    }
  }

  private connect(): Promise<void> {
    if (this.ready) return this.ready;
    const url = new URL(this.url);
    this.ready = new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: url.hostname || '127.0.0.1', port: Number(url.port || 6379) });
      this.socket = socket;
      socket.setNoDelay(true);
      socket.setTimeout(TIMEOUT_MS);
      const fail = (error: Error) => {
        this.ready = undefined;
        this.socket = undefined;
        this.buffer = Buffer.alloc(0);
        for (const waiting of this.pending.splice(0)) waiting.reject(error);
        reject(error);
        socket.destroy();
      };
      socket.on('timeout', () => {
        if (this.pending.length > 0) fail(new Error('Redis did not answer in time'));
      });
      socket.on('error', (error) => fail(new Error(`Redis: ${error.message}`)));
      socket.on('close', () => fail(new Error('Redis connection closed')));
      socket.on('data', (chunk) => this.receive(chunk));
      socket.once('connect', () => {
        const setup: string[][] = [];
        if (url.password) {
          const user = decodeURIComponent(url.username);
          const password = decodeURIComponent(url.password);
          setup.push(user ? ['AUTH', user, password] : ['AUTH', password]);
        }
        const db = url.pathname.replace(/^\//, '');
        if (db) setup.push(['SELECT', db]);
        if (setup.length === 0) return resolve();
        const replies = setup.map(() => new Promise<Reply>((ok, ko) => this.pending.push({ resolve: ok, reject: ko })));
        socket.write(setup.map(encode).join(''));
        Promise.all(replies).then(() => resolve(), fail);
      });
    });
    return this.ready;
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const parsed = parse(this.buffer, 0);
      if (!parsed) return;
      this.buffer = this.buffer.subarray(parsed.end);
      const waiting = this.pending.shift();
      if (!waiting) continue;
      if (parsed.value instanceof Error) waiting.reject(parsed.value);
      else waiting.resolve(parsed.value);
    }
  }
}

function encode(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

function parse(buffer: Buffer, offset: number): { value: Reply | Error; end: number } | undefined {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[offset]!);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, end: next };
    case '-':
      return { value: new Error(`Redis: ${line}`), end: next };
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, end: next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, end: next };
      const items: Reply[] = [];
      let position = next;
      for (let i = 0; i < count; i++) {
        const item = parse(buffer, position);
        if (!item) return undefined;
        if (item.value instanceof Error) return { value: item.value, end: item.end };
        items.push(item.value);
        position = item.end;
      }
      return { value: items, end: position };
    }
    default:
      return { value: new Error(`Redis: unexpected reply "${type}"`), end: buffer.length };
  }
}
