/**
 * PostGraphile v5 with the amber preset over the benchmark database's `public` schema, on node:http.
 * Started by peers.ts with DATABASE_URL and PORT; prints "listening" when it answers.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { answerCounter, countStatements, portFromEnv } from './sql-counter.js';

countStatements();
const port = portFromEnv();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, websockets: false, watch: false },
  grafast: { explain: false },
});
const serv = pgl.createServ(grafserv);
// createHandler rather than addTo: no websockets here, and /__bench/sql must be answered first.
const handler = serv.createHandler();
const server = createServer((req, res) => {
  if (answerCounter(req, res)) return;
  handler(req, res, () => {
    res.writeHead(404).end();
  });
});
server.listen(port, '127.0.0.1', () => console.log('listening'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void Promise.resolve(pgl.release()).finally(() => pool.end().finally(() => process.exit(0)));
  });
}
