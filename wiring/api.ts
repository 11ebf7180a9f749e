/**
 * The one definition of the GraphQL API's wiring: which data sources exist, which resolver serves which
 * field, and which pipeline functions a pipeline resolver runs. The CDK stack (infra/) and the local
 * AppSync runtime (appsync-local/) both read this file; a test proves the synthesized template agrees.
 *
 * Source files follow a convention so nobody types a path twice:
 *   resolver  Type.field  → resolvers/Type.field.ts   → bundle dist/appsync/resolvers/Type.field.js
 *   function  name        → resolvers/pipeline/name.ts → bundle dist/appsync/pipeline/name.js
 * A pipeline with a folder of its own (`folder: true`) keeps its resolver and its steps together:
 *   resolver  Type.field  → resolvers/Type.field/resolver.ts, function name → resolvers/Type.field/name.ts
 */
import { CREATE_ORDER_FOLDER, createOrderSteps } from '../resolvers/Mutation.createOrder/steps';

export type DataSourceKind = 'AMAZON_DYNAMODB' | 'NONE' | 'AWS_LAMBDA';

export type DataSourceDefinition =
  | { readonly kind: 'AMAZON_DYNAMODB' | 'NONE'; readonly description: string }
  | {
      readonly kind: 'AWS_LAMBDA';
      readonly description: string;
      /** The resolver function it invokes: a name in wiring/resolver-functions.ts (docs/lambda-resolvers.md). */
      readonly function: string;
      /**
       * 'event-function': `function` names one of wiring/events.ts's Lambdas instead (a job the API starts with
       * invocationType Event, e.g. the similarity job); a resolver function otherwise.
       */
      readonly invokes?: 'resolver-function' | 'event-function';
    };

export const dataSources = {
  table: { kind: 'AMAZON_DYNAMODB', description: 'The single FarmaCruz DynamoDB table' },
  none: { kind: 'NONE', description: 'No data source: logic inside the resolver only' },
  salesRange: { kind: 'AWS_LAMBDA', description: 'Sums the per-day sales items of a date range (sales-range)', function: 'sales-range' },
  cardCheckout: { kind: 'AWS_LAMBDA', description: 'The card-checkout resolver Lambda (Stripe Checkout)', function: 'card-checkout' },
  similarityJob: {
    kind: 'AWS_LAMBDA',
    description: 'The similar-products job (the nightly similarity Lambda), started now by staff with an asynchronous invoke',
    function: 'similarity',
    invokes: 'event-function',
  },
  productImageUploads: {
    kind: 'AWS_LAMBDA',
    description: 'Presigned S3 uploads of product photos (APPSYNC_JS cannot sign)',
    function: 'product-image-upload',
  },
  catalogImports: {
    kind: 'AWS_LAMBDA',
    description: 'Catalog imports from the back office: presigned .DBF uploads, confirmation, recheck (S3 signing and copies)',
    function: 'catalog-imports',
  },
  accountDeletion: { kind: 'AWS_LAMBDA', description: 'The account-deletion resolver Lambda', function: 'account-deletion' },
} as const satisfies Record<string, DataSourceDefinition>;

export type DataSourceName = keyof typeof dataSources;

/** AppSync per-resolver caching (only honoured when the API cache is enabled in the deployment). */
export interface ResolverCaching {
  readonly ttlSeconds: number;
  /** Context paths that make up the cache key, e.g. `$context.arguments.id`. */
  readonly keys: readonly string[];
}

interface ResolverBase {
  readonly typeName: string;
  readonly fieldName: string;
  readonly caching?: ResolverCaching;
}

export interface UnitResolverDefinition extends ResolverBase {
  readonly kind: 'UNIT';
  readonly dataSource: DataSourceName;
}

export interface PipelineResolverDefinition extends ResolverBase {
  readonly kind: 'PIPELINE';
  /** Pipeline function names, run in order. */
  readonly functions: readonly string[];
  /** The resolver and its steps live in resolvers/Type.field/ (resolver.ts and one file per step). */
  readonly folder?: boolean;
}

export type ResolverDefinition = UnitResolverDefinition | PipelineResolverDefinition;

export interface PipelineFunctionDefinition {
  readonly name: string;
  readonly dataSource: DataSourceName;
  readonly description: string;
  /** Folder under resolvers/ holding the source; resolvers/pipeline/ when absent. */
  readonly folder?: string;
}

export const pipelineFunctions: readonly PipelineFunctionDefinition[] = [
  // Mutation.createOrder: its steps and their order live in resolvers/Mutation.createOrder/steps.ts
  ...createOrderSteps.map((step) => ({ ...step, folder: CREATE_ORDER_FOLDER })),
  // Mutation.updateOrderStatus
  {
    name: 'checkStatusChangeDetails',
    dataSource: 'none',
    description: 'updateOrderStatus: check the reason (cancel) or carrier and tracking number (ship) the status needs',
  },
  {
    name: 'getOrderForStatusChange',
    dataSource: 'table',
    description: 'updateOrderStatus: read the order and check the status move',
  },
  {
    name: 'writeOrderStatusChange',
    dataSource: 'table',
    description: 'updateOrderStatus: versioned order update (+ stock return on cancel) in one transaction',
  },
  // Mutation.verifyPrescription
  {
    name: 'getOrderForPrescriptionVerification',
    dataSource: 'table',
    description: 'verifyPrescription: check the note, read the order, check it has an unverified prescription and has not left',
  },
  {
    name: 'writePrescriptionVerification',
    dataSource: 'table',
    description: 'verifyPrescription: record who, when and the note on the order (versioned update)',
  },
  // Mutation.recomputeSimilarProducts
  {
    name: 'requestSimilarityRun',
    dataSource: 'table',
    description: 'recomputeSimilarProducts: record the request (refused while another is queued or running)',
  },
  {
    name: 'startSimilarityRun',
    dataSource: 'similarityJob',
    description: 'recomputeSimilarProducts: invoke the similarity Lambda asynchronously (invocationType Event)',
  },
  // Mutation.adjustStock
  {
    name: 'getProductForStockAdjustment',
    dataSource: 'table',
    description: 'adjustStock: check change and reason, read the product, refuse a stock below zero',
  },
  {
    name: 'writeStockAdjustment',
    dataSource: 'table',
    description: 'adjustStock: new stock (on condition it did not change) and its history item in one transaction',
  },
  // Mutation.cancelMyOrder (then writeOrderStatusChange)
  {
    name: 'getOwnOrderForCancel',
    dataSource: 'table',
    description: 'cancelMyOrder: read the order, check the caller owns it and it is unpaid',
  },
  // Query.searchProducts
  {
    name: 'findCodeEntries',
    dataSource: 'table',
    description: 'searchProducts: when the text could be a barcode or SKU, query the code entries beginning with it',
  },
  {
    name: 'findSearchEntries',
    dataSource: 'table',
    description: 'searchProducts: query every entry of the anchor word; match the other words, rank, filter, page',
  },
  {
    name: 'findSpellingCandidates',
    dataSource: 'table',
    description: 'searchProducts: when the anchor word found nothing, read its bucket\'s words and pick one a typo away',
  },
  {
    name: 'findCorrectedEntries',
    dataSource: 'table',
    description: 'searchProducts: query the corrected word\'s entries and rank them',
  },
  {
    name: 'getSearchedProducts',
    dataSource: 'table',
    description: 'searchProducts: read the page\'s products in one BatchGetItem, in ranked order',
  },
  // Mutation.upsertProduct
  {
    name: 'getProductForUpsert',
    dataSource: 'table',
    description: 'upsertProduct: read the stored product and the SKU guard; NotFound / Conflict',
  },
  {
    name: 'writeProductItems',
    dataSource: 'table',
    description: 'upsertProduct: product, SKU guard, category and search entries (new and stale) in one transaction',
  },
  // Mutation.setProductActive
  {
    name: 'getProductForActivation',
    dataSource: 'table',
    description: 'setProductActive: read the product; NotFound for an unknown id',
  },
  {
    name: 'writeProductActive',
    dataSource: 'table',
    description: 'setProductActive: set active, put back or remove the listing keys, flag the search entries; one transaction',
  },
  // Product.similar
  {
    name: 'getSimilarProductIds',
    dataSource: 'table',
    description: 'Product.similar: read the product\'s SIMILAR item (written nightly by the similarity job)',
  },
  {
    name: 'getSimilarProducts',
    dataSource: 'table',
    description: 'Product.similar: read the similar products in one BatchGetItem; keep active ones in order',
  },
];

const productCache = (...args: string[]): ResolverCaching => ({
  ttlSeconds: 60,
  keys: args.map((name) => `$context.arguments.${name}`),
});

export const resolvers: readonly ResolverDefinition[] = [
  { typeName: 'Query', fieldName: 'product', kind: 'UNIT', dataSource: 'table', caching: productCache('id') },
  {
    typeName: 'Query',
    fieldName: 'products',
    kind: 'UNIT',
    dataSource: 'table',
    caching: productCache('category', 'limit', 'nextToken'),
  },
  { typeName: 'Query', fieldName: 'categories', kind: 'UNIT', dataSource: 'table', caching: productCache() },
  {
    typeName: 'Query',
    fieldName: 'searchProducts',
    kind: 'PIPELINE',
    functions: ['findCodeEntries', 'findSearchEntries', 'findSpellingCandidates', 'findCorrectedEntries', 'getSearchedProducts'],
    caching: productCache('text', 'limit', 'nextToken', 'filter', 'sort'),
  },
  {
    typeName: 'Query',
    fieldName: 'searchSuggestions',
    kind: 'UNIT',
    dataSource: 'table',
    caching: productCache('prefix', 'limit'),
  },
  {
    typeName: 'Mutation',
    fieldName: 'upsertProduct',
    kind: 'PIPELINE',
    functions: ['getProductForUpsert', 'writeProductItems'],
  },
  {
    typeName: 'Mutation',
    fieldName: 'setProductActive',
    kind: 'PIPELINE',
    functions: ['getProductForActivation', 'writeProductActive'],
  },
  {
    typeName: 'Product',
    fieldName: 'similar',
    kind: 'PIPELINE',
    functions: ['getSimilarProductIds', 'getSimilarProducts'],
    caching: { ttlSeconds: 60, keys: ['$context.source.id', '$context.arguments.limit'] },
  },
  { typeName: 'Query', fieldName: 'order', kind: 'UNIT', dataSource: 'table' },
  { typeName: 'Query', fieldName: 'myOrders', kind: 'UNIT', dataSource: 'table' },
  { typeName: 'Query', fieldName: 'ordersByStatus', kind: 'UNIT', dataSource: 'table' },
  { typeName: 'Query', fieldName: 'salesAnalytics', kind: 'UNIT', dataSource: 'table' },
  { typeName: 'Query', fieldName: 'salesRange', kind: 'UNIT', dataSource: 'salesRange' },
  {
    typeName: 'Mutation',
    fieldName: 'createOrder',
    kind: 'PIPELINE',
    functions: createOrderSteps.map((step) => step.name),
    folder: true,
  },
  { typeName: 'Mutation', fieldName: 'startCardPayment', kind: 'UNIT', dataSource: 'cardCheckout' },
  // Payment settings staff change (cash on delivery); createOrder reads the same item.
  { typeName: 'Query', fieldName: 'shopSettings', kind: 'UNIT', dataSource: 'table' },
  { typeName: 'Mutation', fieldName: 'updateShopSettings', kind: 'UNIT', dataSource: 'table' },
  {
    typeName: 'Mutation',
    fieldName: 'updateOrderStatus',
    kind: 'PIPELINE',
    functions: ['checkStatusChangeDetails', 'getOrderForStatusChange', 'writeOrderStatusChange'],
  },
  { typeName: 'Query', fieldName: 'staffOrders', kind: 'UNIT', dataSource: 'table' },
  { typeName: 'Query', fieldName: 'staffProducts', kind: 'UNIT', dataSource: 'table' },
  { typeName: 'Query', fieldName: 'stockAdjustments', kind: 'UNIT', dataSource: 'table' },
  { typeName: 'Query', fieldName: 'similarityStatus', kind: 'UNIT', dataSource: 'table' },
  {
    typeName: 'Mutation',
    fieldName: 'adjustStock',
    kind: 'PIPELINE',
    functions: ['getProductForStockAdjustment', 'writeStockAdjustment'],
  },
  {
    typeName: 'Mutation',
    fieldName: 'verifyPrescription',
    kind: 'PIPELINE',
    functions: ['getOrderForPrescriptionVerification', 'writePrescriptionVerification'],
  },
  { typeName: 'Mutation', fieldName: 'recomputeSimilarProducts', kind: 'PIPELINE', functions: ['requestSimilarityRun', 'startSimilarityRun'] },
  { typeName: 'Query', fieldName: 'similarityRecompute', kind: 'UNIT', dataSource: 'table' },
  { typeName: 'Mutation', fieldName: 'createProductImageUpload', kind: 'UNIT', dataSource: 'productImageUploads' },
  { typeName: 'Query', fieldName: 'productImageUpload', kind: 'UNIT', dataSource: 'table' },
  { typeName: 'Mutation', fieldName: 'createCatalogImportUpload', kind: 'UNIT', dataSource: 'catalogImports' },
  { typeName: 'Mutation', fieldName: 'confirmCatalogImport', kind: 'UNIT', dataSource: 'catalogImports' },
  { typeName: 'Mutation', fieldName: 'recheckCatalogImport', kind: 'UNIT', dataSource: 'catalogImports' },
  { typeName: 'Query', fieldName: 'catalogImport', kind: 'UNIT', dataSource: 'table' },
  { typeName: 'Query', fieldName: 'catalogImports', kind: 'UNIT', dataSource: 'table' },
  { typeName: 'Mutation', fieldName: 'deleteMyAccount', kind: 'UNIT', dataSource: 'accountDeletion' },
  {
    typeName: 'Mutation',
    fieldName: 'cancelMyOrder',
    kind: 'PIPELINE',
    functions: ['getOwnOrderForCancel', 'writeOrderStatusChange'],
  },
  // Real time (docs/realtime.md): the backend publishes every order change; subscribers are filtered by identity.
  { typeName: 'Mutation', fieldName: 'publishOrderChange', kind: 'UNIT', dataSource: 'none' },
  { typeName: 'Subscription', fieldName: 'onMyOrderChanged', kind: 'UNIT', dataSource: 'none' },
  { typeName: 'Subscription', fieldName: 'onOrderChanged', kind: 'UNIT', dataSource: 'none' },
];

export function resolverSourcePath(resolver: Pick<ResolverBase, 'typeName' | 'fieldName'> & { readonly folder?: boolean }): string {
  if (resolver.folder) return `resolvers/${resolver.typeName}.${resolver.fieldName}/resolver.ts`;
  return `resolvers/${resolver.typeName}.${resolver.fieldName}.ts`;
}

export function resolverBundlePath(resolver: Pick<ResolverBase, 'typeName' | 'fieldName'>): string {
  return `dist/appsync/resolvers/${resolver.typeName}.${resolver.fieldName}.js`;
}

export function pipelineFunctionSourcePath(name: string, folder = 'pipeline'): string {
  return `resolvers/${folder}/${name}.ts`;
}

export function pipelineFunctionBundlePath(name: string): string {
  return `dist/appsync/pipeline/${name}.js`;
}
