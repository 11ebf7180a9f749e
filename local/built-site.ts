/**
 * Serves a production build of the web app (`vite build`, plus any prerendered pages written into the same
 * folder) the way CloudFront serves the web bucket: an object at the request path (the home page's for `/`,
 * CloudFront's default root object), index.html for any other path, text gzip-compressed, hashed assets
 * cached for a year, under the same Content-Security-Policy. /config.json is the given text (in AWS the
 * deployment writes it next to the bundle). For `npm run bench:web` and the production-build web test.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { siteKeyOfPath } from '../functions/prerender/page-types';
import { contentTypeOfKey } from '../functions/prerender/site-store';
import { contentSecurityPolicy, shopInlineScriptHashes } from '../web/content-security-policy';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface BuiltSiteOptions {
  /** The build folder (vite's outDir). */
  readonly dir: string;
  /** The body of /config.json. */
  readonly config: string;
  readonly port: number;
  /** Called with the build-relative path of every script served (what a page downloads). */
  readonly onScript?: (script: string) => void;
  /** Where product pictures come from besides this server (locally, the stack's web server): for the CSP. */
  readonly imageSources?: readonly string[];
  /**
   * The images bucket's folder (the local stack's `<dataDir>/images`), served under /images/* as CloudFront
   * serves the images bucket in AWS: with FARMACRUZ_PUBLIC_URL set to this server, pictures come from here.
   */
  readonly imagesDir?: string;
}

/** What the app reaches with the given config.json: the API over HTTP and WebSocket, Cognito. */
function connectSourcesOf(config: string): string[] {
  const raw = JSON.parse(config) as { graphqlUrl?: string; realtimeUrl?: string; cognitoEndpoint?: string };
  const sources: string[] = [];
  for (const url of [raw.graphqlUrl, raw.realtimeUrl, raw.cognitoEndpoint]) {
    if (!url) continue;
    const { origin, protocol, host } = new URL(url);
    sources.push(origin, `${protocol === 'https:' ? 'wss' : protocol === 'http:' ? 'ws' : protocol.slice(0, -1)}://${host}`);
  }
  return [...new Set(sources)];
}

export function serveBuiltSite(options: BuiltSiteOptions): Promise<Server> {
  const dir = path.resolve(options.dir);
  // CloudFront's policy (web/content-security-policy.ts), with this build's inline script hashes.
  const policy = contentSecurityPolicy({
    connectSources: connectSourcesOf(options.config),
    inlineScriptHashes: shopInlineScriptHashes(readFileSync(path.join(dir, 'index.html'), 'utf8')),
    imageSources: options.imageSources,
  });
  // Like an edge cache: each file read and compressed once (again when it changes, e.g. a page rendered anew),
  // so a response costs no more than sending it, whatever else this process (the local stack) is doing.
  const cache = new Map<string, { modified: number; bytes: Buffer; gzip?: Buffer }>();
  const bodyOf = (file: string) => {
    const modified = statSync(file).mtimeMs;
    let entry = cache.get(file);
    if (!entry || entry.modified !== modified) cache.set(file, (entry = { modified, bytes: readFileSync(file) }));
    const cached = entry;
    return { bytes: cached.bytes, gzipped: () => (cached.gzip ??= gzipSync(cached.bytes)) };
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(options.config);
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = url.pathname;
    }
    if (options.imagesDir && pathname.startsWith('/images/')) {
      const root = path.resolve(options.imagesDir);
      const picture = path.join(root, path.normalize(pathname));
      if (!picture.startsWith(root + path.sep) || !existsSync(picture) || statSync(picture).isDirectory()) {
        res.writeHead(404).end();
        return;
      }
      const type = CONTENT_TYPES[path.extname(picture)] ?? 'application/octet-stream';
      const compressible = type === 'image/svg+xml';
      const body = bodyOf(picture);
      // Picture keys are immutable (one per upload and size, or per demo product).
      res.writeHead(200, { 'content-type': type, ...(compressible ? { 'content-encoding': 'gzip' } : {}), 'cache-control': 'public, max-age=31536000, immutable' });
      res.end(compressible ? body.gzipped() : body.bytes);
      return;
    }
    let file = path.join(dir, path.normalize(siteKeyOfPath(pathname)));
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(dir, 'index.html');
    const body = bodyOf(file);
    const extension = path.extname(file);
    // Prerendered pages are objects without an extension, stored with their content type.
    const type = CONTENT_TYPES[extension] ?? (extension === '' ? contentTypeOfKey(path.relative(dir, file)) : 'application/octet-stream');
    if (extension === '.js') options.onScript?.(path.relative(dir, file));
    const compressible = /text|javascript|json|svg|xml/.test(type);
    const hashedAsset = path.relative(dir, file).startsWith(`assets${path.sep}`);
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': policy,
      ...(compressible ? { 'content-encoding': 'gzip' } : {}),
      'cache-control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(compressible ? body.gzipped() : body.bytes);
  });
  return new Promise((resolve) => server.listen(options.port, '127.0.0.1', () => resolve(server)));
}
