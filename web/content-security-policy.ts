/**
 * The web app's Content-Security-Policy: one definition for CloudFront's response headers
 * (infra/constructs/web.ts) and for the local server of a production build (local/built-site.ts, which
 * `npm run bench:web` and the production-build web test use), so what is measured and tested locally runs
 * under the policy shoppers get.
 *
 * Scripts come from the shop's own origin only. index.html carries two small inline scripts (the early
 * config.json request and the landing page's preload hint, web/first-page-preload.ts), and the prerendered
 * pages use the same index.html as their shell, with one more: the script that starts the app after the
 * page's first paint (functions/prerender/shell.ts). Each is allowed by its SHA-256 hash, computed from the
 * built index.html that the deployment uploads (shopInlineScriptHashes). Without the hashes the browser would
 * refuse to run them.
 */
import { createHash } from 'node:crypto';
import { startAppAfterFirstPaint } from '../functions/prerender/shell';

export interface ContentSecurityPolicyOptions {
  /** Origins (or URLs) the app calls besides its own: GraphQL over HTTPS and WebSocket, Cognito, upload buckets. */
  readonly connectSources: readonly string[];
  /** `'sha256-…'` sources for the inline scripts of the built index.html (`inlineScriptHashes`). */
  readonly inlineScriptHashes: readonly string[];
  /** Picture origins besides the shop's own and any https: one (the local stack serves them over http). */
  readonly imageSources?: readonly string[];
}

const INLINE_SCRIPT = /<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi;

/** The CSP hash sources of the scripts the browser would run inline: no `src`, and JavaScript (not JSON-LD). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const [, attributes = '', body = ''] of html.matchAll(INLINE_SCRIPT)) {
    if (/\ssrc\s*=/i.test(attributes)) continue;
    const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && type !== 'module' && type !== 'text/javascript' && type !== 'application/javascript') continue;
    const source = `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
    if (!hashes.includes(source)) hashes.push(source);
  }
  return hashes;
}

/** The hash sources of every inline script the shop serves: the built index.html's, and its prerendered pages'. */
export function shopInlineScriptHashes(indexHtml: string): string[] {
  return [...new Set([...inlineScriptHashes(indexHtml), ...inlineScriptHashes(startAppAfterFirstPaint(indexHtml))])];
}

export function contentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...options.inlineScriptHashes].join(' '),
    // React sets style attributes; product pictures may come from any HTTPS host.
    "style-src 'self' 'unsafe-inline'",
    ['img-src', "'self'", 'data:', 'https:', ...(options.imageSources ?? [])].join(' '),
    ['connect-src', "'self'", ...options.connectSources].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}
