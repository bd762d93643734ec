import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const api = process.env.PRACHUM_API_URL ?? 'http://127.0.0.1:4000';

// Paths the server answers itself: never the app shell, never cached by the service worker.
const SERVER_PATHS = /^\/(graphql|exports|files|public|healthz|readyz)(\/|\?|$)/;

export default defineConfig({
  plugins: [
    react(),
    // An installable app whose shell works offline (docs/decisions/0020-offline.md). The meeting's data is kept
    // by the client itself (src/features/offline): GraphQL is POST, which a service worker cannot cache.
    VitePWA({
      strategies: 'generateSW',
      // Registered by src/features/offline/service-worker.ts, only in a production build; none in `vite dev`.
      injectRegister: false,
      registerType: 'prompt',
      devOptions: { enabled: false },
      includeAssets: ['icons/apple-touch-icon.png'],
      manifest: {
        name: 'Prachum · ប្រជុំ',
        short_name: 'Prachum',
        description:
          'Meetings and commitments of the National Committee for Counter Trafficking · កិច្ចប្រជុំ និងការប្តេជ្ញាចិត្ត',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#1a4f99',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell: scripts, styles, the Khmer font and icons; not the source maps.
        globPatterns: ['**/*.{js,css,html,woff2,png,svg}'],
        globIgnores: ['**/*.map', '.vite/**'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [SERVER_PATHS],
        cleanupOutdatedCaches: true,
        // A new version waits until the user reloads (a prompt), so nobody loses the page they are typing on.
        skipWaiting: false,
        clientsClaim: false,
      },
    }),
  ],
  server: {
    port: 5173,
    proxy: { '/graphql': api, '/exports': api, '/healthz': api, '/readyz': api },
  },
  // The manifest lets scripts/bundle-report.ts say which chunks each page loads.
  build: { outDir: 'dist', sourcemap: true, manifest: true },
});
