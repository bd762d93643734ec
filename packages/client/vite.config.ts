import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.PRACHUM_API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/graphql': api, '/exports': api, '/healthz': api, '/readyz': api },
  },
  // The manifest lets scripts/bundle-report.ts say which chunks each page loads.
  build: { outDir: 'dist', sourcemap: true, manifest: true },
});
