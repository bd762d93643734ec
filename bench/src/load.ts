import autocannon from 'autocannon';
import { cpuMs, type RunningServer, rssMb } from './processes.js';

/** What one or more runs of autocannon against one server measured. */
export interface Measurement {
  requests: number;
  seconds: number;
  /** Latency percentiles over every request of every run, in ms. */
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU time of the server process over the runs. */
  cpuMs: number;
  /** CPU time of the PostgreSQL backends serving the benchmark database over the runs. */
  dbCpuMs: number;
  peakRssMb: number;
}

/** autocannon's result with `skipAggregateResult` (not in its type definitions). */
interface RawResult {
  totalCompletedRequests: number;
  duration: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}
type Aggregate = (
  results: RawResult[],
  options: { url: string; connections: number },
) => { latency: { p50: number; p99: number }; '2xx': number };
const aggregateResult = (autocannon as unknown as { aggregateResult: Aggregate }).aggregateResult;

export interface LoadOptions {
  server: RunningServer;
  body: string;
  seconds: number;
  connections: number;
  /** Requests per second offered, from all connections together; unset: as fast as answered. */
  rate?: number;
  /** Process ids of the database backends serving the benchmark; undefined when they are not on this machine. */
  dbPids?: () => Promise<number[]>;
}

/**
 * CPU time of the database backends over a run. Pools open and close connections, so each backend is
 * followed by its pid: what it used between its first and last sighting (from 0 if it started meanwhile).
 */
function backendCpu(dbPids: (() => Promise<number[]>) | undefined) {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let started = false;
  const sample = async () => {
    if (!dbPids) return;
    for (const pid of await dbPids()) {
      const cpu = cpuMs(pid);
      if (!first.has(pid)) first.set(pid, started ? 0 : cpu);
      last.set(pid, cpu);
    }
    started = true;
  };
  const total = () =>
    dbPids ? [...last].reduce((sum, [pid, cpu]) => sum + cpu - (first.get(pid) ?? 0), 0) : Number.NaN;
  return { sample, total };
}

/** One autocannon run; its raw result for later aggregation, with the server's CPU and memory. */
export async function runLoad(
  options: LoadOptions,
): Promise<{ raw: RawResult; cpuMs: number; dbCpuMs: number; peakRssMb: number }> {
  const { server } = options;
  let peak = rssMb(server.pid);
  const db = backendCpu(options.dbPids);
  await db.sample();
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(server.pid));
    void db.sample();
  }, 250);
  const cpuBefore = cpuMs(server.pid);
  const raw = (await autocannon({
    url: `${server.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.headers },
    body: options.body,
    connections: options.connections,
    duration: options.seconds,
    overallRate: options.rate,
    skipAggregateResult: true,
  })) as unknown as RawResult;
  const cpu = cpuMs(server.pid) - cpuBefore;
  clearInterval(sampler);
  await db.sample();
  peak = Math.max(peak, rssMb(server.pid));
  return { raw, cpuMs: cpu, dbCpuMs: db.total(), peakRssMb: peak };
}

/** Sums runs against one server into one measurement, with latency percentiles over all their requests. */
export function combine(
  server: RunningServer,
  connections: number,
  runs: { raw: RawResult; cpuMs: number; dbCpuMs: number; peakRssMb: number }[],
): Measurement {
  const aggregated = aggregateResult(
    runs.map((r) => r.raw),
    { url: `${server.url}/graphql`, connections },
  );
  return {
    requests: runs.reduce((sum, r) => sum + r.raw.totalCompletedRequests, 0),
    seconds: runs.reduce((sum, r) => sum + r.raw.duration, 0),
    p50: aggregated.latency.p50,
    p99: aggregated.latency.p99,
    errors: runs.reduce((sum, r) => sum + r.raw.errors + r.raw.timeouts, 0),
    non2xx: runs.reduce((sum, r) => sum + r.raw.non2xx, 0),
    cpuMs: runs.reduce((sum, r) => sum + r.cpuMs, 0),
    dbCpuMs: runs.reduce((sum, r) => sum + r.dbCpuMs, 0),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
  };
}
