/**
 * The signed-in user, kept in localStorage, with ID tokens refreshed shortly before they expire. All Cognito
 * calls go through auth-client/ (the same module the tests use against cognito-local).
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AuthClient, AuthClientConfig } from '../../auth-client/auth-client';
import type { AuthSession } from '../../auth-client/tokens';
import type { WebConfig } from './config';

const STORAGE_KEY = 'farmacruz.session';
const REFRESH_MARGIN_MS = 60_000;

export interface SessionContextValue {
  readonly auth: AuthClient;
  /** The app's runtime configuration (config.json). */
  readonly config: WebConfig;
  readonly session: AuthSession | null;
  readonly isStaff: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** A valid ID token (refreshed when about to expire), or null when signed out. */
  idToken(): Promise<string | null>;
  /** A valid access token (for the user's own Cognito calls: attributes), or null when signed out. */
  accessToken(): Promise<string | null>;
  /** Forgets the session on this device without asking Cognito (after the account was deleted). */
  forget(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * The auth client, downloaded the first time it is used (a login, a token refresh, the account pages): every
 * method is asynchronous anyway, and a shopper who only browses never needs it in the first page's JavaScript.
 */
function lazyAuthClient(config: AuthClientConfig): AuthClient {
  let loaded: Promise<AuthClient> | null = null;
  const client = () => (loaded ??= import('../../auth-client/auth-client').then((m) => m.createAuthClient(config)));
  // A failed download is tried again on the next call.
  const call = async <T,>(run: (auth: AuthClient) => Promise<T>): Promise<T> =>
    run(
      await client().catch((error: unknown) => {
        loaded = null;
        throw error;
      }),
    );
  return {
    register: (input) => call((auth) => auth.register(input)),
    confirm: (input) => call((auth) => auth.confirm(input)),
    resendCode: (input) => call((auth) => auth.resendCode(input)),
    login: (input) => call((auth) => auth.login(input)),
    refresh: (refreshToken) => call((auth) => auth.refresh(refreshToken)),
    logout: (refreshToken) => call((auth) => auth.logout(refreshToken)),
    forgotPassword: (input) => call((auth) => auth.forgotPassword(input)),
    confirmForgotPassword: (input) => call((auth) => auth.confirmForgotPassword(input)),
    getUserAttributes: (accessToken) => call((auth) => auth.getUserAttributes(accessToken)),
    updateUserAttributes: (accessToken, attributes) => call((auth) => auth.updateUserAttributes(accessToken, attributes)),
  };
}

function storedSession(): AuthSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as AuthSession) : null;
  } catch {
    return null;
  }
}

function store(session: AuthSession | null): void {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
}

export function SessionProvider({ config, children }: { config: WebConfig; children: ReactNode }) {
  const auth = useMemo(
    () => lazyAuthClient({ region: config.region, endpoint: config.cognitoEndpoint, clientId: config.userPoolClientId }),
    [config],
  );
  const [session, setSession] = useState<AuthSession | null>(storedSession);
  // The session as of the last update(), for token refreshes between renders (update() keeps it in step).
  const current = useRef(session);

  const update = useCallback((next: AuthSession | null) => {
    store(next);
    current.current = next;
    setSession(next);
  }, []);

  // Stable across renders (it reads the latest session from the ref), so the GraphQL client built on it is too.
  const idToken = useCallback(async (): Promise<string | null> => {
    const active = current.current;
    if (!active) return null;
    if (Date.parse(active.tokens.expiresAt) - Date.now() > REFRESH_MARGIN_MS) return active.tokens.idToken;
    try {
      const refreshed = await auth.refresh(active.tokens.refreshToken);
      update(refreshed);
      return refreshed.tokens.idToken;
    } catch {
      update(null);
      return null;
    }
  }, [auth, update]);

  // idToken() refreshes both tokens when they are about to expire.
  const accessToken = useCallback(async (): Promise<string | null> => ((await idToken()) === null ? null : (current.current?.tokens.accessToken ?? null)), [idToken]);

  const value = useMemo<SessionContextValue>(
    () => ({
      auth,
      config,
      session,
      isStaff: session?.user.groups.includes('admin') ?? false,
      async login(email, password) {
        update(await auth.login({ email, password }));
      },
      async logout() {
        const refreshToken = current.current?.tokens.refreshToken;
        update(null);
        if (refreshToken) await auth.logout(refreshToken).catch(() => undefined);
      },
      idToken,
      accessToken,
      forget() {
        update(null);
      },
    }),
    [auth, config, session, update, idToken, accessToken],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
