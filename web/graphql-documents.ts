/**
 * A Vite build plugin: each `graphql(`…`)` call in the web app becomes an import of a module holding just the
 * document it names, as query text, so each chunk carries only the documents its own pages use.
 *
 * Without it, codegen's client preset looks every document up at run time in one map (`src/gql/gql.ts`) that
 * references all of them, staff pages' included: ~75 kB of document ASTs in the entry chunk of every shopper.
 * The preset ships a Babel plugin that imports each document from `graphql.ts` instead, but it does not export
 * it, the React plugin no longer runs Babel, and `graphql.ts` is one module (the bundler would keep it whole
 * in the entry, shared by every chunk). Here each document is its own small module, taken from the line
 * codegen wrote for it in `graphql.ts`, and found by the map codegen wrote in `gql.ts` (the preset's own
 * names and texts, not re-derived). A call whose text is not in the map fails the build: run `npm run codegen`.
 * Only the production build uses it; the development server and the prerenderer keep the map (same
 * documents, same results).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { print, type DocumentNode } from 'graphql';
import type { Plugin } from 'vite';

/** Document text → name of its export in graphql.ts, from the `documents` map of gql.ts. */
export function documentNames(gqlSource: string): Map<string, string> {
  const names = new Map<string, string>();
  const block = /const documents: Documents = \{\n([\s\S]*?)\n\};/.exec(gqlSource);
  if (!block) throw new Error('graphql-documents: no documents map in gql.ts (did the codegen output change?)');
  for (const line of block[1]!.split('\n')) {
    const entry = /^\s*("(?:[^"\\]|\\.)*"): types\.(\w+),?$/.exec(line);
    if (!entry) throw new Error(`graphql-documents: unexpected line in gql.ts: ${line.slice(0, 80)}`);
    names.set(JSON.parse(entry[1]!) as string, entry[2]!);
  }
  return names;
}

/** Export name → the document's JSON, from the `export const XDocument = {…} as unknown as DocumentNode<…>;` lines of graphql.ts. */
export function documentBodies(graphqlSource: string): Map<string, string> {
  const bodies = new Map<string, string>();
  for (const match of graphqlSource.matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm)) {
    bodies.set(match[1]!, match[2]!);
  }
  return bodies;
}

/** `graphql(` with a template literal without substitutions (GraphQL's `$variables` are fine): the calls codegen typed. */
const CALL = /\bgraphql\(\s*`((?:[^`\\$]|\$(?!\{))*)`\s*\)/g;
const PREFIX = 'virtual:graphql-document/';
const RESOLVED = '\0graphql-document:';

export function graphqlDocuments(options: { gqlDir: string }): Plugin {
  let names = new Map<string, string>();
  let bodies = new Map<string, string>();
  return {
    name: 'farmacruz-graphql-documents',
    apply: 'build',
    buildStart() {
      names = documentNames(readFileSync(path.join(options.gqlDir, 'gql.ts'), 'utf8'));
      bodies = documentBodies(readFileSync(path.join(options.gqlDir, 'graphql.ts'), 'utf8'));
    },
    resolveId(id) {
      return id.startsWith(PREFIX) ? RESOLVED + id.slice(PREFIX.length) : null;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return null;
      const name = id.slice(RESOLVED.length);
      const body = bodies.get(name);
      if (body === undefined) this.error(`graphql-documents: ${name} is not in graphql.ts: run \`npm run codegen\``);
      // The query text rather than its syntax tree: a fifth of the bytes; urql parses a string query once
      // (its parser is in the bundle anyway) and caches the result.
      return `export default ${JSON.stringify(print(JSON.parse(body) as DocumentNode))};`;
    },
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.startsWith(options.gqlDir) || !code.includes('graphql(')) return null;
      const used = new Set<string>();
      const rewritten = code.replace(CALL, (_call, text: string) => {
        const name = names.get(text);
        if (!name) this.error(`a graphql() document in ${path.relative(process.cwd(), id)} is not in gql.ts: run \`npm run codegen\``);
        used.add(name);
        return `__document_${name}`;
      });
      if (used.size === 0) return null;
      const imports = [...used].map((name) => `import __document_${name} from ${JSON.stringify(PREFIX + name)};\n`).join('');
      return { code: imports + rewritten, map: null };
    },
  };
}
