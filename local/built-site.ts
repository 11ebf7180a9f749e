/**
 * Serves a production build of the web app (`vite build`, plus any prerendered pages written into the same
 * folder) the way CloudFront serves the web bucket: an object at the request path, index.html for any other
 * path, text gzip-compressed, hashed assets cached for a year. /config.json is the given text (in AWS the
 * deployment writes it next to the bundle). For `npm run bench:web` and the production-build web test.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentTypeOfKey } from '../functions/prerender/site-store';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webp': 'image/webp',
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
}

export function serveBuiltSite(options: BuiltSiteOptions): Promise<Server> {
  const dir = path.resolve(options.dir);
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
    let file = path.join(dir, path.normalize(pathname));
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(dir, 'index.html');
    const body = readFileSync(file);
    const extension = path.extname(file);
    // Prerendered pages are objects without an extension, stored with their content type.
    const type = CONTENT_TYPES[extension] ?? (extension === '' ? contentTypeOfKey(path.relative(dir, file)) : 'application/octet-stream');
    if (extension === '.js') options.onScript?.(path.relative(dir, file));
    const compressible = /text|javascript|json|svg|xml/.test(type);
    const hashedAsset = path.relative(dir, file).startsWith(`assets${path.sep}`);
    res.writeHead(200, {
      'content-type': type,
      ...(compressible ? { 'content-encoding': 'gzip' } : {}),
      'cache-control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(compressible ? gzipSync(body) : body);
  });
  return new Promise((resolve) => server.listen(options.port, '127.0.0.1', () => resolve(server)));
}
