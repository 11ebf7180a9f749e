/**
 * A Vite build plugin: index.html asks for the code of the page its URL opens (the catalog, a product) together
 * with the entry, instead of after the entry has run. The landing pages are chunks of their own
 * (web/src/App.tsx), so a shopper opening a product does not download the catalog's code and the other way
 * round; this small inline script adds a `<link rel="modulepreload">` for each chunk (and the chunks it
 * imports) whose path pattern matches `location.pathname`. The prerendered pages use the built index.html as
 * their shell, so they carry the same script. The patterns mirror `preloadFirstPage` in App.tsx: a path they
 * miss only loses the head start (main.tsx still fetches the page before the first render).
 */
import path from 'node:path';
import type { OutputBundle, OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';

export interface FirstPage {
  /** The page's module, relative to the web app's root (web/): 'src/pages/Catalog.tsx'. */
  readonly module: string;
  /** A regular expression on `location.pathname`. */
  readonly path: string;
}

function isChunk(output: OutputBundle[string] | undefined): output is OutputChunk {
  return output?.type === 'chunk';
}

/** The chunk's file and the chunks it imports statically, without those the entry already brings. */
function chunkFiles(bundle: OutputBundle, chunk: OutputChunk, entryFiles: ReadonlySet<string>): string[] {
  const files: string[] = [];
  const visit = (fileName: string) => {
    if (entryFiles.has(fileName) || files.includes(fileName)) return;
    files.push(fileName);
    const next = bundle[fileName];
    if (isChunk(next)) next.imports.forEach(visit);
  };
  visit(chunk.fileName);
  return files;
}

function staticClosure(bundle: OutputBundle, fileName: string, into = new Set<string>()): Set<string> {
  if (into.has(fileName)) return into;
  into.add(fileName);
  const chunk = bundle[fileName];
  if (isChunk(chunk)) for (const imported of chunk.imports) staticClosure(bundle, imported, into);
  return into;
}

export function firstPagePreload(options: { root: string; pages: readonly FirstPage[] }): Plugin {
  return {
    name: 'farmacruz-first-page-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const { bundle, chunk: entry } = context;
        if (!bundle || !entry) return undefined;
        const entryFiles = staticClosure(bundle, entry.fileName);
        const routes = options.pages.map((page) => {
          const module = path.join(options.root, page.module);
          const chunk = Object.values(bundle).find((output): output is OutputChunk => isChunk(output) && output.facadeModuleId === module);
          if (!chunk) throw new Error(`first-page-preload: no chunk of its own for ${page.module} (is it still imported with import()?)`);
          return [page.path, chunkFiles(bundle, chunk, entryFiles).map((file) => `/${file}`)] as const;
        });
        const script =
          `(function(){var p=location.pathname,r=${JSON.stringify(routes)};` +
          'for(var i=0;i<r.length;i++)if(new RegExp(r[i][0]).test(p))' +
          'r[i][1].forEach(function(h){if(!document.querySelector(\'link[href="\'+h+\'"]\')){var l=document.createElement("link");l.rel="modulepreload";l.crossOrigin="";l.href=h;document.head.appendChild(l)}})})()';
        // Before the stylesheet: an inline script after a stylesheet waits for it to arrive (and holds up the
        // parser meanwhile); before it, the hint runs at once. It stays after <meta charset>, which must be
        // within the first 1024 bytes when a bucket serves the page without a charset.
        const tag = `<script>${script}</script>\n    `;
        const stylesheet = html.search(/<link\b[^>]*\brel="stylesheet"/);
        return stylesheet >= 0 ? html.slice(0, stylesheet) + tag + html.slice(stylesheet) : html.replace('</head>', `${tag}</head>`);
      },
    },
  };
}
