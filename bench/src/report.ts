import type { Measurement } from './load.js';
import type { ServerName } from './queries.js';

export interface Row {
  query: string;
  server: ServerName;
  measurement?: Measurement;
  /** Why this server does not run this query. */
  skipped?: string;
  /** Why the query was not timed at all (one row stands for the query). */
  problem?: string;
  sqlPerRequest?: number;
  postgraphile?: Measurement;
  bare?: Measurement;
}

const LABELS: Record<ServerName, string> = { prachum: 'Prachum', postgraphile: 'PostGraphile v5', bare: 'bare pg' };

const rate = (m: Measurement) => m.requests / m.seconds;
const fixed = (value: number | undefined, digits: number) =>
  value === undefined || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (m: Measurement, peer: Measurement | undefined) => (peer ? `${(rate(m) / rate(peer)).toFixed(2)}×` : '–');
const perRequest = (total: number, m: Measurement) => (m.requests ? total / m.requests : Number.NaN);

/** A Markdown table; the first `left` columns are text, the others numbers (right-aligned). */
function table(header: string[], rows: string[][], left = 1): string {
  const lines = [header, header.map((_, i) => (i < left ? '---' : '---:')), ...rows];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The per-server table, then the issue's one-line-per-query summary. */
export function formatTable(rows: Row[]): string {
  const detail = table(
    [
      'query',
      'server',
      'req/s',
      'p50 ms',
      'p99 ms',
      '× PostGraphile',
      '× bare',
      'SQL/req',
      'CPU ms/req',
      'DB CPU ms/req',
      'peak RSS MB',
    ],
    rows.map((row) => {
      const m = row.measurement;
      if (row.problem) return [row.query, '–', 'not timed: the answers differ (below)', '', '', '', '', '', '', '', ''];
      if (!m)
        return [
          row.query,
          LABELS[row.server],
          `not run: ${row.skipped ?? 'cannot express it'}`,
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
        ];
      const failed = m.errors + m.non2xx;
      return [
        row.query,
        LABELS[row.server],
        `${fixed(rate(m), 0)}${failed ? ` (${failed} failed)` : ''}`,
        fixed(m.p50, 0),
        fixed(m.p99, 0),
        ratio(m, row.postgraphile),
        ratio(m, row.bare),
        fixed(row.sqlPerRequest, 1),
        fixed(perRequest(m.cpuMs, m), 2),
        fixed(perRequest(m.dbCpuMs, m), 2),
        fixed(m.peakRssMb, 0),
      ];
    }),
    2,
  );
  const queries = [...new Set(rows.map((r) => r.query))];
  const summary = table(
    ['query', 'Prachum req/s', 'PostGraphile v5', 'bare pg', 'SQL per request', 'CPU ms/request'],
    queries.map((query) => {
      const of = (server: ServerName) =>
        rows.find((r) => r.query === query && r.server === server) ?? { query, server };
      const [p, g, b] = (['prachum', 'postgraphile', 'bare'] as const).map(of);
      const reqs = (r: Row) => (r.measurement ? fixed(rate(r.measurement), 0) : '—');
      const sql = (r: Row) => (r.measurement ? fixed(r.sqlPerRequest, 1) : '–');
      const cpu = (r: Row) => (r.measurement ? fixed(perRequest(r.measurement.cpuMs, r.measurement), 1) : '–');
      return [
        query,
        reqs(p),
        reqs(g),
        reqs(b),
        `${sql(p)} / ${sql(g)} / ${sql(b)}`,
        `${cpu(p)} / ${cpu(g)} / ${cpu(b)}`,
      ];
    }),
  );
  return `${detail}\n\nSummary (Prachum / PostGraphile / bare):\n\n${summary}`;
}

export function formatFixedRate(runs: { rate: number; measurement: Measurement }[]): string {
  return table(
    ['offered req/s', 'answered req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'peak RSS MB', 'failed'],
    runs.map(({ rate: offered, measurement: m }) => [
      String(offered),
      fixed(rate(m), 0),
      fixed(m.p50, 0),
      fixed(m.p99, 0),
      fixed(perRequest(m.cpuMs, m), 2),
      fixed(m.peakRssMb, 0),
      String(m.errors + m.non2xx),
    ]),
  );
}
