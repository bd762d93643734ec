import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const serverDir = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything it printed so far (standard output and error). */
  output(): string;
  /** The JSON log lines printed so far. */
  logs(): Record<string, unknown>[];
  /** Resolves with the exit code (or the signal) once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits until `/readyz` answers 200. */
  ready(timeoutMs?: number): Promise<void>;
  /** Waits until a log line matches. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** SIGKILLs it if it is still running (for afterAll). */
  kill(): void;
}

/**
 * Starts the real server (`node --import tsx src/main.ts`, or another command such as `pnpm start`)
 * as a child process on a free port, with `env` added to the environment.
 */
export async function startServerProcess(
  env: Record<string, string | undefined>,
  options: { command?: string[]; port?: number } = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const [command, ...args] = options.command ?? [process.execPath, '--import', 'tsx', 'src/main.ts'];
  const merged: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: String(port),
    PRACHUM_SECRET: 'x'.repeat(32),
    PRACHUM_DEMO: '0',
    ...env,
  };
  // `undefined` in `env` removes a variable.
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const child = spawn(command!, args, {
    cwd: serverDir,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk) => {
    text += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    text += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const logs = () =>
    text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  const until = async <T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = await probe();
      if (found !== undefined) return found;
      if (done) throw new Error(`the server exited before ${what}:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${what} within ${timeoutMs} ms:\n${text}`);
  };
  return {
    child,
    port,
    output: () => text,
    logs,
    exited,
    ready: (timeoutMs = 90_000) =>
      until('ready answer', timeoutMs, async () => {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/readyz`);
          return response.ok ? true : undefined;
        } catch {
          return undefined;
        }
      }).then(() => undefined),
    waitForLog: (match, timeoutMs = 30_000) => until('such log line', timeoutMs, async () => logs().find(match)),
    kill: () => {
      if (!done) child.kill('SIGKILL');
    },
  };
}

/** Whether a process is still running. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until a process has exited; false if it is still there after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}
