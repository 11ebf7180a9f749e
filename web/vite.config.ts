import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { firstPagePreload } from './first-page-preload.js';
import { graphqlDocuments } from './graphql-documents.js';

// The runtime config (/config.json: API URL, API key, Cognito endpoint and client id) is served by the local
// stack in development and written next to the bundle by the CDK deployment.
/** The chunks index.html's entry imports statically (see codeSplitting below). */
const ENTRY_CHUNKS = /(?:^|\/)(?:rolldown-runtime|framework)-[^/]*\.js$/;

export default defineConfig({
  root: import.meta.dirname,
  plugins: [
    react(),
    graphqlDocuments({ gqlDir: path.join(import.meta.dirname, 'src', 'gql') }),
    // The landing pages' chunks, by path (the same sections as preloadFirstPage in src/App.tsx).
    firstPagePreload({
      root: import.meta.dirname,
      pages: [
        { module: 'src/pages/Catalog.tsx', path: '^/(?:(?:categoria|buscar)(?:/.*)?)?$' },
        { module: 'src/pages/SearchFilters.tsx', path: '^/buscar(?:/.*)?$' },
        { module: 'src/pages/ProductDetail.tsx', path: '^/producto/[^/]' },
      ],
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: {
      // Every browser the build targets preloads modules itself.
      polyfill: false,
      // What a lazy page needs is fetched with it, except the chunks the entry itself imports (the bundler's
      // runtime and the framework): they are loaded before any page is, and naming them again for every lazy
      // page only made the entry, which every shopper downloads first, bigger.
      // index.html itself keeps preloading them (hostType 'html'), or they would wait for the entry to be parsed.
      resolveDependencies: (_file, dependencies, { hostType }) =>
        hostType === 'html' ? dependencies : dependencies.filter((dependency) => !ENTRY_CHUNKS.test(dependency)),
    },
    rolldownOptions: {
      output: {
        // What every page runs (React, urql) is one chunk, cached across deployments of the app's own code;
        // left to itself the bundler scattered it over the entry and a shared chunk.
        codeSplitting: { groups: [{ name: 'framework', test: /node_modules\/(react|react-dom|scheduler|urql|@urql|wonka|@0no-co)\// }] },
      },
    },
  },
});
