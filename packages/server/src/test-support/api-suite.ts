import { createTestApi } from '../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { type TestFactories, testFactories } from './factories.js';

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/** What an API test file opens in beforeAll: a database of its own, its factories, and the API over it. */
export interface ApiSuite {
  db: TestDatabase;
  make: TestFactories;
  /** Public reading off: members only. */
  api: TestApi;
  /** Public reading on: what anonymous visitors may read too. */
  publicApi: TestApi;
}

/**
 * Opens an ApiSuite: `({ db, make, api, publicApi } = await openApiSuite())` in beforeAll. `sqlAnswers: false`
 * answers every query through the resolvers (graphql/sql-answers.ts), for tests of that path itself.
 */
export async function openApiSuite(options: { sqlAnswers?: boolean } = {}): Promise<ApiSuite> {
  const db = await createTestDatabase();
  let api: TestApi | undefined;
  try {
    api = await createTestApi(db.orm, options);
    return {
      db,
      make: testFactories(db.orm),
      api,
      publicApi: await createTestApi(db.orm, { ...options, publicRead: true }),
    };
  } catch (error) {
    await closeApiSuite({ db, api });
    throw error;
  }
}

/** Closes what openApiSuite opened; in afterAll, also after a beforeAll that failed (nothing opened). */
export async function closeApiSuite({ db, api, publicApi }: Partial<ApiSuite> = {}): Promise<void> {
  await api?.stop();
  await publicApi?.stop();
  await db?.drop();
}
