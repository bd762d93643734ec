/**
 * The floor: node:http and pg, one prepared statement per query that returns the response's JSON as
 * text. POST /graphql with {"query": "Q1" | "Q2" | "Dashboard", "variables": {...}}; no auth, no
 * GraphQL. Started by peers.ts with DATABASE_URL and PORT; prints "listening" when it answers.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { STATEMENTS } from './bare.sql.js';
import { answerCounter, countStatements, portFromEnv } from './sql-counter.js';

countStatements();
const port = portFromEnv();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const server = createServer((req, res) => {
  if (answerCounter(req, res)) return;
  if (req.method !== 'POST' || req.url !== '/graphql') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let name: string;
    let variables: Record<string, unknown>;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query?: string; variables?: object };
      name = String(body.query);
      variables = (body.variables ?? {}) as Record<string, unknown>;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const statement = STATEMENTS[name];
    if (!statement) {
      res.writeHead(400).end(`unknown query ${name}`);
      return;
    }
    pool
      .query<{ data: string }>({ name, text: statement.text, values: statement.params(variables) })
      .then((result) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"data":${result.rows[0].data}}`);
      })
      .catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: error.message }] }));
      });
  });
});
server.listen(port, '127.0.0.1', () => console.log('listening'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void pool.end().finally(() => process.exit(0));
  });
}
