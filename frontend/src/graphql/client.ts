import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

/** URL of the graphql-ws endpoint on the same origin the SPA was served from. */
export function wsUrl(): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${window.location.host}/graphql/ws`;
}

/** Fired on `window` when the server says the session is gone in the middle of using the app. */
export const UNAUTHENTICATED_EVENT = 'parley:unauthenticated';

/**
 * Fired on `window` each time the graphql-ws connection is (re)established. Events published
 * while the socket was down are not replayed, so live views re-read their data on this.
 */
export const WS_CONNECTED_EVENT = 'parley:ws-connected';

export interface ParleyClient {
  client: Client;
  dispose: () => void;
}

/**
 * Builds a fresh urql client. Authentication is the HttpOnly `parley_session` cookie set by the
 * `login` mutation: HTTP requests go to `/graphql` on the same origin with credentials, and the
 * websocket handshake to `/graphql/ws` carries the same cookie. A new client is made after
 * login and logout so that no cached data or open subscription outlives the session.
 */
export function makeClient(): ParleyClient {
  const ws: WsClient = createWsClient({
    url: wsUrl(),
    lazy: true,
    retryAttempts: 20,
    shouldRetry: () => true,
    on: {
      connected: () => window.dispatchEvent(new Event(WS_CONNECTED_EVENT)),
    },
  });

  const client = new Client({
    url: '/graphql',
    fetchOptions: () => ({ credentials: 'same-origin' }),
    // The contract names `POST /graphql`; urql would otherwise send short queries as GET.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      mapExchange({
        onError(error, operation) {
          const name = operation.query.definitions.find((d) => d.kind === 'OperationDefinition');
          const opName = name && 'name' in name ? name.name?.value : undefined;
          // A wrong password on Login is UNAUTHENTICATED too; that is not a lost session.
          if (opName === 'Login' || opName === 'Me') return;
          if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
            window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
          }
        },
      }),
      cacheExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
      fetchExchange,
    ],
  });

  return {
    client,
    dispose: () => {
      void ws.dispose();
    },
  };
}
