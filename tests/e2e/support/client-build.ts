import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

/** What a build of the web client is made from: when none of it changed, the last build is served again. */
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];
/** Builds nobody has served for this long are removed when a new one is made. */
const KEEP_MS = 24 * 60 * 60 * 1000;

function hashTree(hash: ReturnType<typeof createHash>, root: string, target: string): void {
  if (!existsSync(target)) return;
  if (statSync(target).isDirectory()) {
    for (const entry of readdirSync(target).sort()) hashTree(hash, root, path.join(target, entry));
    return;
  }
  hash.update(path.relative(root, target)).update('\0').update(readFileSync(target)).update('\0');
}

/** A hash of the client's sources and the lockfile (a changed dependency changes the bundle too). */
export function clientSourceHash(repoRoot: string): string {
  const clientDir = path.join(repoRoot, 'packages/client');
  const hash = createHash('sha256');
  for (const input of INPUTS) hashTree(hash, clientDir, path.join(clientDir, input));
  hashTree(hash, repoRoot, path.join(repoRoot, 'pnpm-lock.yaml'));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The web client built from the sources as they are now, in a folder named by their hash under
 * node_modules/.cache: built once, and again only when a source changed. A build goes to a folder of its
 * own first and is renamed into place whole, so that two runs at once never serve half a build, and a run
 * never serves a build of other sources.
 */
export function builtClient(repoRoot: string): string {
  const cacheDir = path.join(repoRoot, 'node_modules/.cache/prachum-e2e-client');
  const target = path.join(cacheDir, clientSourceHash(repoRoot));
  if (existsSync(path.join(target, 'index.html'))) {
    const now = new Date();
    utimesSync(target, now, now); // Served now: keep it.
    return target;
  }
  mkdirSync(cacheDir, { recursive: true });
  for (const entry of readdirSync(cacheDir)) {
    const old = path.join(cacheDir, entry);
    if (Date.now() - statSync(old).mtimeMs > KEEP_MS) rmSync(old, { recursive: true, force: true });
  }
  const building = `${target}.building-${process.pid}`;
  try {
    execFileSync(
      'pnpm',
      ['--filter', '@prachum/client', 'exec', 'vite', 'build', '--outDir', building, '--emptyOutDir'],
      { cwd: repoRoot, stdio: 'pipe', encoding: 'utf8' },
    );
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`The web client does not build:\n${stdout}\n${stderr}`);
  }
  try {
    renameSync(building, target);
  } catch (error) {
    // Another run built the same sources first: serve theirs.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(path.join(target, 'index.html'))) throw error;
  }
  return target;
}
