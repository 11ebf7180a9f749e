/**
 * Serves the web app with Vite's dev server for `npm start`, plus /config.json telling the app where the
 * local API and Cognito are (in AWS the CDK deployment writes the same file next to the bundle).
 *
 * Vite serves any file under its "workspace root" (here the repository) through `/@fs/<absolute path>`,
 * which would include `.data/` (cognito-local's users with plaintext passwords and refresh tokens, the
 * DynamoDB file, the emails). Serving is limited to the web app and the source folders it imports, plus
 * node_modules (public package code).
 */
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import type { WebConfig } from '../web/src/web-config';

export interface LocalWebOptions {
  readonly rootDir: string;
  readonly host: string;
  readonly port: number;
  readonly config: WebConfig;
}

/** The web app's address for a local stack (what `npm start` prints and the order emails link to). */
export function localWebUrl(settings: { readonly host: string; readonly ports: { readonly web: number } }): string {
  return `http://${settings.host}:${settings.ports.web}/`;
}

export interface LocalWeb {
  readonly url: string;
  stop(): Promise<void>;
}

function runtimeConfig(config: WebConfig): Plugin {
  const body = JSON.stringify(config);
  return {
    name: 'farmacruz-runtime-config',
    configureServer(server) {
      server.middlewares.use('/config.json', (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(body);
      });
    },
  };
}

/** Folders outside web/ whose source the web app imports (auth-client/ and what it imports). */
export const WEB_SOURCE_FOLDERS = ['web', 'auth-client', 'auth', 'node_modules'] as const;

export async function startLocalWeb(options: LocalWebOptions): Promise<LocalWeb> {
  const server: ViteDevServer = await createServer({
    configFile: false,
    root: path.join(options.rootDir, 'web'),
    plugins: [react(), runtimeConfig(options.config)],
    server: {
      host: options.host,
      port: options.port,
      strictPort: true,
      fs: {
        strict: true,
        allow: WEB_SOURCE_FOLDERS.map((folder) => path.join(options.rootDir, folder)),
        deny: ['.env', '.env.*', '*.{crt,pem,key}', '**/.data/**', '**/*.test.ts'],
      },
    },
    logLevel: 'warn',
    clearScreen: false,
  });
  await server.listen();
  return { url: `http://${options.host}:${options.port}/`, stop: () => server.close() };
}
