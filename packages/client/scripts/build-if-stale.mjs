// Builds the client only when a source file is newer than the last build (keeps a second `pnpm start` fast).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const built = path.join(root, 'dist', 'index.html');

function newest(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((max, entry) => Math.max(max, newest(path.join(target, entry))), stat.mtimeMs);
}

const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json']
  .map((p) => path.join(root, p))
  .filter(existsSync);
const stale = !existsSync(built) || Math.max(...inputs.map(newest)) > statSync(built).mtimeMs;
if (stale) execSync('pnpm run build', { cwd: root, stdio: 'inherit' });
else console.log('web client is up to date (packages/client/dist)');
