import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on Linux on x86-64 and arm64.

/** User + system CPU milliseconds a process has used so far; 0 once it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Resident memory of a process in MB (0 once it is gone). */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  return byParent;
}

/**
 * The process under `root` (or root itself) whose command line contains `marker`; of several (a shell
 * running node with the same words), the one using the most memory.
 */
export function findProcess(root: number, marker: string): number | undefined {
  const byParent = children();
  const queue = [root];
  let found: number | undefined;
  while (queue.length) {
    const pid = queue.shift()!;
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (command.includes(marker) && (found === undefined || rssMb(pid) > rssMb(found))) found = pid;
    } catch {
      // gone
    }
    queue.push(...(byParent.get(pid) ?? []));
  }
  return found;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  name: string;
  url: string;
  /** The process that answers (for CPU and memory), not a wrapper such as pnpm. */
  pid: number;
  /** Extra request headers (Prachum's API token). */
  headers: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts a server process and waits until `ready` succeeds. `marker` finds the serving process
 * under wrappers; its output goes to `logFile`, shown should it not start.
 */
export async function startServer(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  marker: string;
  ready(baseUrl: string): Promise<boolean>;
  headers?: Record<string, string>;
  /** Where its output goes (a file, not a pipe: reading Prachum's request log would cost this process CPU). */
  logFile: string;
  timeoutMs?: number;
}): Promise<RunningServer> {
  const out = openSync(options.logFile, 'a');
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', out, out],
    // Its own process group, so that a stop reaches the server under pnpm.
    detached: true,
  });
  closeSync(out);
  const output = () => {
    try {
      return readFileSync(options.logFile, 'utf8').slice(-4000);
    } catch {
      return '';
    }
  };
  let exited = false;
  // Should this process end without stopping it (a crash), the server goes too.
  const kill = () => child.pid && !exited && process.kill(-child.pid, 'SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => {
    exited = true;
    process.removeListener('exit', kill);
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // The whole group: pnpm passes no signal on to the server it started.
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid && !exited && process.kill(-child.pid, 'SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  };
  while (!(await options.ready(baseUrl).catch(() => false))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`${options.name} did not start:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = findProcess(child.pid!, options.marker);
  if (!pid) {
    await stop();
    throw new Error(`${options.name}: no process matching "${options.marker}" under pid ${child.pid}`);
  }
  return { name: options.name, url: baseUrl, pid, headers: options.headers ?? {}, stop };
}

/** Runs a command to its end; its standard output, or an error with both outputs. */
export async function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(stdout);
      else
        reject(
          new Error(
            `${command} ${args.join(' ')} exited with ${code}:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`,
          ),
        );
    });
    // A command that exits without reading its input must not crash the run (EPIPE).
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}
