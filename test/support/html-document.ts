/**
 * Reads prerendered HTML the way a crawler does: parsed by parse5 (the WHATWG HTML parsing algorithm), then
 * the head's meta/link tags and the JSON-LD scripts picked out; JSON-LD expanded by jsonld.js against
 * schema.org's context (`@vocab` https://schema.org/, served from here: tests have no network).
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
// jsonld ships no type definitions; the two functions used here are typed below.
import jsonldModule from 'jsonld';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const jsonld = jsonldModule as unknown as {
  expand(input: unknown, options: { documentLoader: (url: string) => Promise<unknown> }): Promise<Record<string, unknown>[]>;
};

function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* elements(child as Node);
  if ('content' in node && node.content) yield* elements(node.content as unknown as Node);
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function text(element: Element): string {
  return element.childNodes.map((c) => ('value' in c ? c.value : 'tagName' in c ? text(c) : '')).join('');
}

export interface HtmlDocument {
  readonly title: string;
  /** meta tags by `property` or `name` (the first of each). */
  readonly meta: ReadonlyMap<string, string>;
  readonly canonical: string | undefined;
  /** Parsed JSON of every `<script type="application/ld+json">`. */
  readonly jsonLd: unknown[];
  /** Every <script> element: type and text. */
  readonly scripts: { type: string | undefined; src: string | undefined; text: string }[];
  /** Text of the elements matching a tag name. */
  textOf(tagName: string): string[];
  /** Attribute `name` of the element with id `id`. */
  attributeOf(id: string, name: string): string | undefined;
}

export function readHtml(html: string): HtmlDocument {
  const document = parse(html);
  const all = [...elements(document as unknown as Node)];
  const meta = new Map<string, string>();
  for (const element of all.filter((e) => e.tagName === 'meta')) {
    const key = attribute(element, 'property') ?? attribute(element, 'name');
    const content = attribute(element, 'content');
    if (key && content !== undefined && !meta.has(key)) meta.set(key, content);
  }
  const scripts = all.filter((e) => e.tagName === 'script').map((e) => ({ type: attribute(e, 'type'), src: attribute(e, 'src'), text: text(e) }));
  return {
    title: text(all.find((e) => e.tagName === 'title')!),
    meta,
    canonical: all.find((e) => e.tagName === 'link' && attribute(e, 'rel') === 'canonical')?.attrs.find((a) => a.name === 'href')?.value,
    jsonLd: scripts.filter((s) => s.type === 'application/ld+json').map((s) => JSON.parse(s.text) as unknown),
    scripts,
    textOf: (tagName) => all.filter((e) => e.tagName === tagName).map(text),
    attributeOf: (id, name) => {
      const element = all.find((e) => attribute(e, 'id') === id);
      return element ? attribute(element, name) : undefined;
    },
  };
}

const SCHEMA_ORG_CONTEXT = { '@context': { '@vocab': 'https://schema.org/' } };

/** JSON-LD expanded (absolute IRIs, arrays everywhere); throws on invalid JSON-LD. */
export async function expandJsonLd(value: unknown): Promise<Record<string, unknown>[]> {
  return jsonld.expand(value, {
    documentLoader: async (url: string) => {
      if (url.replace(/\/$/, '') === 'https://schema.org' || url === 'http://schema.org/') {
        return { contextUrl: null, documentUrl: url, document: SCHEMA_ORG_CONTEXT };
      }
      throw new Error(`No network in tests: ${url}`);
    },
  });
}

const S = 'https://schema.org/';
type Expanded = Record<string, unknown>;

/** The first value of an expanded JSON-LD property (its @value or @id, or the node). */
export function first(node: Expanded, property: string): unknown {
  const values = node[`${S}${property}`] as Expanded[] | undefined;
  const value = values?.[0];
  if (!value) return undefined;
  return '@value' in value ? value['@value'] : '@id' in value && Object.keys(value).length === 1 ? value['@id'] : value;
}
