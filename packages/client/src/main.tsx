import '@mantine/core/styles.css';
import '@fontsource/noto-sans-khmer/khmer-400.css';
import '@fontsource/noto-sans-khmer/khmer-700.css';
import './styles.css';
import { ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo.js';
import { App } from './app.js';
import { OfflineStatus } from './features/offline/offline-status.js';
import { registerServiceWorker } from './features/offline/service-worker.js';
import { storedQueriesLink } from './features/offline/stored-queries.js';
import { startOutbox } from './features/offline/sync.js';
import { startI18n } from './i18n/i18n.js';
import { theme } from './theme.js';

await startI18n();
const client = createApolloClient();
// Offline minute-taking (docs/decisions/0020-offline.md): the meeting page kept for reading offline, the outbox
// sent whenever there is a connection, and the app shell precached by the service worker.
client.setLink(ApolloLink.from([storedQueriesLink(), client.link]));
startOutbox(client);
registerServiceWorker();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ApolloProvider client={client}>
        <MantineProvider theme={theme} defaultColorScheme="light">
          <App />
          <OfflineStatus />
        </MantineProvider>
      </ApolloProvider>
    </StrictMode>,
  );
}
