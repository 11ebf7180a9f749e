/** Mutation.recheckCatalogImport — served by the catalog-imports resolver Lambda (functions/catalog-imports/handler.ts). */
export { request, response } from './support/lambda-invoke';
