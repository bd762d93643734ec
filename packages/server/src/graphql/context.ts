import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { Loaders } from './loaders.js';

/** What every resolver gets: a request-scoped EntityManager, the viewer, and per-request loaders. */
export interface Context {
  em: EntityManager;
  viewer: Viewer;
  loaders: Loaders;
  config: Pick<Config, 'publicRead' | 'isProduction'>;
  requestId: string;
  logger: Logger;
  /** Set by login/logout so the HTTP layer can write the session cookie. */
  setCookie?: (value: string, maxAgeSeconds: number) => void;
  /** The client address, for throttling. */
  ip?: string;
}

export function createContext(parts: Omit<Context, 'loaders'>): Context {
  const em = parts.em;
  return { ...parts, loaders: new Loaders(em) };
}
