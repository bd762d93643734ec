import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { initOrm } from './db/orm.js';
import { getSchema } from './graphql/schema.js';
import { createContext } from './graphql/context.js';
import { operationSql } from './graphql/sql-answers.js';
import './modules/resolvers.js';
const body = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const orm = await initOrm({ url: process.env.DATABASE_URL! } as never);
const schema = await getSchema();
const ctx = createContext({
  em: orm.em.fork(),
  viewer: { role: 'SECRETARIAT', canWrite: false },
  config: { publicRead: false, isProduction: true },
  requestId: 'x',
  logger: console as never,
});
const statement = operationSql(schema, ctx, parse(body.query), undefined, body.variables);
console.log(orm.em.getPlatform().formatQuery(statement!.sql, statement!.params as unknown[]));
await orm.close();
