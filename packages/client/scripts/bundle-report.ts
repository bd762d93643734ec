// Prints the gzipped JavaScript each route loads, from the build's manifest (run after `vite build`):
// `pnpm --filter @prachum/client bundle-report`. Login + dashboard is the entry chunk and its static imports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const dist = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../dist');
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
const gzipped = new Map<string, number>();
const sizeOf = (file: string) => {
  let size = gzipped.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
    gzipped.set(file, size);
  }
  return size;
};

/** A chunk and everything it imports statically (what the browser must load before it runs). */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const child of manifest[key]?.imports ?? []) closure(child, seen);
  return seen;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const total = (keys: Iterable<string>) => [...keys].reduce((sum, key) => sum + sizeOf(manifest[key].file), 0);

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entry) throw new Error('No entry chunk in the manifest; build first.');
const initial = closure(entry);
console.log(`Login + dashboard (first load): ${kb(total(initial))} of JavaScript, gzipped (goal ≤ 300 KB)`);
for (const key of manifest[entry].dynamicImports ?? []) {
  const extra = [...closure(key)].filter((k) => !initial.has(k));
  console.log(`  + ${manifest[key].src ?? key}: ${kb(total(extra))} more when first visited`);
}
