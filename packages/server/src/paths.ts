import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root (two levels above packages/server). */
export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** Where the built web client lives (PRACHUM_CLIENT_DIR lets a test run serve a build of its own). */
export const clientDistDir = process.env.PRACHUM_CLIENT_DIR || path.join(repoRoot, 'packages/client/dist');

/** The committed GraphQL schema. */
export const schemaFile = path.join(repoRoot, 'packages/server/schema.graphql');
