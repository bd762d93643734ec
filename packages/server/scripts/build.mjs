// Compiles the server's TypeScript (src/, tests left out) to JavaScript in dist/, one file per source, so
// `pnpm start` runs plain node instead of tsx (less memory, faster start). Same esbuild and tsconfig as tsx,
// so the output behaves as the sources do under tsx and Vitest. `--if-stale` builds only when a source,
// package.json, the tsconfig or this script is newer than the last build.
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const srcDir = path.join(root, 'src');
const outDir = path.join(root, 'dist');
const stamp = path.join(outDir, '.built');

const files = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));

const sources = files(srcDir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
const inputs = [
  ...files(srcDir),
  ...['package.json', 'tsconfig.json', 'scripts/build.mjs'].map((f) => path.join(root, f)),
];

if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  const newest = Math.max(statSync(srcDir).mtimeMs, ...inputs.map((file) => statSync(file).mtimeMs));
  if (newest <= built) {
    console.log('server is up to date (packages/server/dist)');
    process.exit(0);
  }
}

const started = Date.now();
// Built beside dist/ and swapped in, so a server starting (or running) meanwhile never sees half a build,
// and two builds at once (two `pnpm start`s) do not write into each other's files.
const building = `${outDir}.building-${process.pid}`;
const old = `${outDir}.old-${process.pid}`;
rmSync(building, { recursive: true, force: true });
await build({
  entryPoints: sources,
  outdir: building,
  outbase: srcDir,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  tsconfig: path.join(root, 'tsconfig.json'),
  sourcemap: true,
  // As tsx does: class names are read at run time (graphql/node.ts resolves a Node by its class's name).
  keepNames: true,
  logLevel: 'warning',
});
writeFileSync(path.join(building, '.built'), `${new Date().toISOString()}\n`);
try {
  renameSync(outDir, old);
} catch {
  // No build yet (or another build is swapping it).
}
try {
  renameSync(building, outDir);
} catch {
  // Another build swapped its own in first: as fresh as ours.
  rmSync(building, { recursive: true, force: true });
}
rmSync(old, { recursive: true, force: true });
console.log(`server built in ${Date.now() - started} ms (packages/server/dist, ${sources.length} files)`);
