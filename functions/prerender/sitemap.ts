/**
 * sitemap.xml and robots.txt (https://www.sitemaps.org/protocol.html). One sitemap holds at most 50,000
 * URLs; past that, `sitemap.xml` becomes a sitemap index of `sitemaps/sitemap-<n>.xml` files. Only pages a
 * search engine should index are listed: the home page, categories with active products, active products.
 */
import { shopUrlOf } from '../../model/shop-paths';

export const MAX_URLS_PER_SITEMAP = 50_000;
export const SITEMAP_KEY = 'sitemap.xml';
export const ROBOTS_KEY = 'robots.txt';
export const SITEMAP_PART_PREFIX = 'sitemaps/';

export interface SitemapEntry {
  /** The app path, e.g. /producto/…-01J… */
  readonly path: string;
  /** ISO-8601 time of the last change, when known. */
  readonly lastModified?: string;
}

export interface SiteFile {
  readonly key: string;
  readonly body: string;
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** The five XML special characters as entities (the sitemap protocol asks for entity-escaped URLs). */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);
}

function urlSet(shopUrl: string, entries: readonly SitemapEntry[]): string {
  const urls = entries.map((entry) => {
    const lastmod = entry.lastModified ? `<lastmod>${xmlEscape(entry.lastModified)}</lastmod>` : '';
    return `  <url><loc>${xmlEscape(shopUrlOf(shopUrl, entry.path))}</loc>${lastmod}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/**
 * The sitemap files for `entries`: one `sitemap.xml` up to `maxUrlsPerFile`, else an index in
 * `sitemap.xml` and the parts. `previousPartCount` parts beyond the new count are returned in `obsolete`.
 */
export function sitemapFiles(shopUrl: string, entries: readonly SitemapEntry[], maxUrlsPerFile = MAX_URLS_PER_SITEMAP): { files: SiteFile[]; partKeys: string[] } {
  if (entries.length <= maxUrlsPerFile) return { files: [{ key: SITEMAP_KEY, body: urlSet(shopUrl, entries) }], partKeys: [] };
  const files: SiteFile[] = [];
  for (let start = 0, part = 1; start < entries.length; start += maxUrlsPerFile, part++) {
    files.push({ key: `${SITEMAP_PART_PREFIX}sitemap-${part}.xml`, body: urlSet(shopUrl, entries.slice(start, start + maxUrlsPerFile)) });
  }
  const partKeys = files.map((f) => f.key);
  const index = partKeys.map((key) => `  <sitemap><loc>${xmlEscape(shopUrlOf(shopUrl, `/${key}`))}</loc></sitemap>`);
  files.unshift({
    key: SITEMAP_KEY,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${index.join('\n')}\n</sitemapindex>\n`,
  });
  return { files, partKeys };
}

/**
 * robots.txt: everything may be crawled except the search results (an endless space of thin pages, as
 * search engines advise); account, cart and staff pages are crawlable but carry `noindex` (web/src/seo.ts),
 * which a crawler must be allowed to fetch to see.
 */
export function robotsTxt(shopUrl: string): string {
  return ['User-agent: *', 'Disallow: /buscar', '', `Sitemap: ${shopUrlOf(shopUrl, `/${SITEMAP_KEY}`)}`, ''].join('\n');
}
