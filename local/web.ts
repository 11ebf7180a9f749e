/**
 * Serves the web app with Vite's dev server for `npm start`, plus /config.json telling the app where the
 * local API and Cognito are (in AWS the CDK deployment writes the same file next to the bundle).
 */
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import type { WebConfig } from '../web/src/config';

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

export async function startLocalWeb(options: LocalWebOptions): Promise<LocalWeb> {
  const server: ViteDevServer = await createServer({
    configFile: false,
    root: path.join(options.rootDir, 'web'),
    plugins: [react(), runtimeConfig(options.config)],
    server: { host: options.host, port: options.port, strictPort: true },
    logLevel: 'warn',
    clearScreen: false,
  });
  await server.listen();
  return { url: `http://${options.host}:${options.port}/`, stop: () => server.close() };
}
