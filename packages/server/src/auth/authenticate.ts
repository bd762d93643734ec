import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { anonymous, type Viewer } from './viewer.js';

/** Who sent this request: session cookie, Bearer API token, or nobody. */
export async function resolveViewer(
  _em: EntityManager,
  _request: FastifyRequest,
  _reply: FastifyReply,
  _config: Config,
): Promise<Viewer> {
  return anonymous;
}
