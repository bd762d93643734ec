import type { ApolloServer } from '@apollo/server';
import type { Viewer } from '../src/auth/viewer.js';
import type { MikroORM } from '../src/db/orm.js';
import { createContext, type Context } from '../src/graphql/context.js';
import { createApollo } from '../src/graphql/http.js';
import { SqlAnswer } from '../src/graphql/sql-answers.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

export interface GraphqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** Runs GraphQL operations through the real Apollo server and schema, as any viewer, against a test database. */
export async function createTestApi(
  orm: MikroORM,
  options: { publicRead?: boolean; production?: boolean; sqlAnswers?: boolean } = {},
) {
  const config = {
    ...loadConfig({ NODE_ENV: options.production ? 'production' : 'test', PRACHUM_SECRET: 'x'.repeat(32) }),
    publicRead: options.publicRead ?? false,
    sqlAnswers: options.sqlAnswers ?? true,
  };
  const logger = createLogger({ logLevel: 'silent' });
  const apollo: ApolloServer<Context> = await createApollo(config, logger);
  return {
    async run<T = Record<string, any>>(
      viewer: Viewer,
      query: string,
      variables?: Record<string, unknown>,
    ): Promise<GraphqlResult<T>> {
      const contextValue = createContext({ em: orm.em.fork(), viewer, config, requestId: 'test', logger });
      const response = await apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      const result = response.body.singleResult;
      // An answer built in PostgreSQL stays JSON text until it is sent (src/graphql/sql-answers.ts).
      if (result.data instanceof SqlAnswer)
        return { ...result, data: JSON.parse(result.data.json) } as GraphqlResult<T>;
      return result as GraphqlResult<T>;
    },
    stop: () => apollo.stop(),
  };
}
