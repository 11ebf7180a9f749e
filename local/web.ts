/**
 * Serves the web app with Vite's dev server for `npm start`, plus /config.json telling the app where the
 * local API and Cognito are (in AWS the CDK deployment writes the same file next to the bundle).
 *
 * Vite serves any file under its "workspace root" (here the repository) through `/@fs/<absolute path>`,
 * which would include `.data/` (cognito-local's users with plaintext passwords and refresh tokens, the
 * DynamoDB file, the emails). Serving is limited to the web app and the source folders it imports, plus
 * node_modules (public package code).
 *
 * Like CloudFront in front of the web bucket, it serves the prerendered pages written into the local web
 * bucket folder (`siteDir`: / as its default root object, /producto/…, /categoria/…, /sitemap.xml, /robots.txt) and falls back to
 * index.html for every other app path (Vite's SPA fallback), so path URLs work when typed or reloaded.
 */
import { siteKeyOfPath } from '../functions/prerender/page-types';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import react from '@vitejs/plugin-react';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { WebConfig } from '../web/src/web-config';

export interface LocalWebOptions {
  readonly rootDir: string;
  readonly host: string;
  readonly port: number;
  readonly config: WebConfig;
  /** The local web bucket folder whose prerendered pages are served at their paths (none when absent). */
  readonly siteDir?: string;
  /** Serve `/images/…` from the images bucket of this local S3 endpoint (CloudFront's /images/* behaviour in AWS). */
  readonly images?: { readonly s3Endpoint: string; readonly bucket: string };
}

/** The web app's address for a local stack (what `npm start` prints and the order emails link to). */
export function localWebUrl(settings: { readonly host: string; readonly ports: { readonly web: number } }): string {
  return `http://${settings.host}:${settings.ports.web}/`;
}

/** The shop's address for shoppers (email links, product pictures, prerendered pages): FARMACRUZ_PUBLIC_URL, else the local web server. */
export function localShopUrl(settings: { readonly host: string; readonly ports: { readonly web: number }; readonly publicUrl?: string }): string {
  return settings.publicUrl ?? localWebUrl(settings);
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

/** The object in the site folder for a request path, when there is one (never index.html or outside the folder); `/` is the home page's. */
export async function siteFileFor(siteDir: string, urlPath: string): Promise<string | null> {
  let key: string;
  try {
    key = siteKeyOfPath(decodeURIComponent(urlPath));
  } catch {
    return null;
  }
  if (!key || key === 'index.html' || key.split('/').some((part) => part.startsWith('.'))) return null;
  const root = path.resolve(siteDir);
  const file = path.resolve(root, key);
  if (!file.startsWith(root + path.sep)) return null;
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? file : null;
}

export function siteContentType(file: string): string {
  if (file.endsWith('.xml')) return 'application/xml; charset=utf-8';
  if (file.endsWith('.txt')) return 'text/plain; charset=utf-8';
  return 'text/html; charset=utf-8';
}

/** Serves the prerendered pages; their HTML goes through Vite like index.html does (its client scripts). */
function prerenderedPages(siteDir: string): Plugin {
  return {
    name: 'farmacruz-prerendered-pages',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        const url = new URL(req.url ?? '/', 'http://local');
        void (async () => {
          const file = await siteFileFor(siteDir, url.pathname);
          if (!file) return next();
          const type = siteContentType(file);
          let body = await readFile(file, 'utf8');
          if (type.startsWith('text/html')) {
            // In development the stylesheet arrives with the JavaScript; linking it keeps the page styled before.
            body = body.replace('</head>', '<link rel="stylesheet" href="/src/styles.css" />\n</head>');
            body = await server.transformIndexHtml(url.pathname + url.search, body);
          }
          res.setHeader('content-type', type);
          res.setHeader('cache-control', 'no-cache');
          res.end(req.method === 'HEAD' ? undefined : body);
        })().catch(next);
      });
    },
  };
}

/** Folders outside web/ whose source the web app imports (auth-client/ and what it imports). */
export const WEB_SOURCE_FOLDERS = ['web', 'auth-client', 'auth', 'node_modules'] as const;

export async function startLocalWeb(options: LocalWebOptions): Promise<LocalWeb> {
  // Vite's dev server ends the whole process on SIGTERM after closing only itself, which left DynamoDB Local
  // and cognito-local running. The listener it adds is removed; the stack's own shutdown (local/start.ts)
  // stops everything, itself included.
  const sigtermListeners = new Set(process.listeners('SIGTERM'));
  const server: ViteDevServer = await createServer({
    configFile: false,
    root: path.join(options.rootDir, 'web'),
    plugins: [react(), runtimeConfig(options.config), ...(options.siteDir ? [prerenderedPages(options.siteDir)] : [])],
    server: {
      host: options.host,
      port: options.port,
      strictPort: true,
      ...(options.images
        ? {
            proxy: {
              '/images/': {
                target: options.images.s3Endpoint,
                rewrite: (requestPath: string) => `/${options.images!.bucket}${requestPath}`,
              },
            },
          }
        : {}),
      fs: {
        strict: true,
        allow: WEB_SOURCE_FOLDERS.map((folder) => path.join(options.rootDir, folder)),
        deny: ['.env', '.env.*', '*.{crt,pem,key}', '**/.data/**', '**/*.test.ts'],
      },
    },
    logLevel: 'warn',
    clearScreen: false,
  });
  for (const listener of process.listeners('SIGTERM')) if (!sigtermListeners.has(listener)) process.removeListener('SIGTERM', listener);
  await server.listen();
  return { url: `http://${options.host}:${options.port}/`, stop: () => server.close() };
}
