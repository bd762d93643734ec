import type { FastifyInstance } from 'fastify';
import { createFileStorage, type FileStorage } from '../files/file-storage.js';
import { registerFileRoutes } from '../files/files.routes.js';
import { registerImportRoutes } from '../imports/imports.routes.js';
import { registerMinutesRoutes } from '../minutes/minutes.routes.js';
import type { RouteDeps } from './route-handler.js';

/**
 * The routes of documents and data exchange (DESIGN.md §8): evidence files (/files), official
 * minutes (/exports/meetings/{id}/minutes.pdf|docx) and spreadsheet imports (/imports/…).
 */
export async function registerDocumentRoutes(
  app: FastifyInstance,
  deps: Omit<RouteDeps, 'auth'> & { auth?: RouteDeps['auth']; storage?: FileStorage },
): Promise<void> {
  const routeDeps: RouteDeps = { ...deps, auth: deps.auth ?? deps.config.auth };
  const storage = deps.storage ?? createFileStorage(deps.config.files);
  await registerFileRoutes(app, routeDeps, storage);
  registerMinutesRoutes(app, routeDeps);
  await registerImportRoutes(app, routeDeps);
}
