import type { EntityManager } from '@mikro-orm/postgresql';
import { type AuthConfig, loadAuthConfig } from './auth.config.js';
import { PostgresRateLimitStore, type RateLimitStore } from './rate-limit.js';

/** What sign-in and throttling need besides the request: settings and the shared counters. */
export interface AuthRuntime {
  config: AuthConfig;
  store: RateLimitStore;
}

// A symbol-keyed property (not a WeakMap): Apollo shallow-copies the context object per operation.
const RUNTIME = Symbol('prachum.authRuntime');
type WithRuntime = { [RUNTIME]?: AuthRuntime };
let defaultConfig: AuthConfig | undefined;

/** Gives a request context its auth runtime (the HTTP layer does this for every request). */
export function attachAuthRuntime(context: object, runtime: AuthRuntime): void {
  (context as WithRuntime)[RUNTIME] = runtime;
}

/** The auth runtime of a request context; outside HTTP (tests, scripts), the defaults with PostgreSQL counters. */
export function authRuntimeOf(context: { em: EntityManager }): AuthRuntime {
  const runtime = (context as WithRuntime)[RUNTIME];
  if (runtime) return runtime;
  defaultConfig ??= loadAuthConfig();
  const fallback = { config: defaultConfig, store: new PostgresRateLimitStore(context.em) };
  attachAuthRuntime(context, fallback);
  return fallback;
}
