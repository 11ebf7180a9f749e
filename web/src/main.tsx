import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App, preloadFirstPage } from './App';
import { CartProvider } from './cart';
import { loadWebConfig, type WebConfig } from './config';
import { createGraphQLClient } from './graphql-client';
import { RealtimeProvider } from './realtime/context';
import { currentRoute } from './router';
import { SessionProvider, useSession } from './session';
import { takeOver } from './takeover';
import './styles.css';

function WithGraphQL({ config }: { config: WebConfig }) {
  const { idToken, session } = useSession();
  // A new client per signed-in user, so one user's cached results never show for another.
  const userSub = session?.user.sub ?? null;
  const { client, realtime } = useMemo(() => createGraphQLClient(config, idToken, userSub), [config, idToken, userSub]);
  return (
    <Provider value={client}>
      <RealtimeProvider client={realtime}>
        <CartProvider>
          <App />
        </CartProvider>
      </RealtimeProvider>
    </Provider>
  );
}

// A prerendered page stays on screen until the app has the same page ready (takeover.ts).
const root = createRoot(takeOver(document.getElementById('root')!).container);
// The page's own code comes alongside config.json; if it fails, the page loads it again when rendered.
Promise.all([loadWebConfig(), preloadFirstPage(currentRoute()).catch(() => undefined)])
  .then(([config]) =>
    root.render(
      <StrictMode>
        <SessionProvider config={config}>
          <WithGraphQL config={config} />
        </SessionProvider>
      </StrictMode>,
    ),
  )
  .catch((error: unknown) => root.render(<p className="error">No se pudo iniciar la tienda: {String(error)}</p>));
