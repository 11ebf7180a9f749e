/**
 * The one registry of resolver Lambdas: functions that AppSync invokes through an AWS_LAMBDA data source
 * (wiring/api.ts) for what APPSYNC_JS cannot do (sign an S3 upload, call a payment provider, delete a Cognito
 * user). The CDK stack (infra/constructs/resolver-functions.ts) deploys each one with its own role and an
 * AppSync LambdaDataSource; the local runtime (local/resolver-functions.ts) runs the same handler in-process.
 * How to add one: docs/lambda-resolvers.md.
 */

export interface ResolverFunctionDefinition {
  /** Folder under functions/ holding handler.ts (export `handler`). */
  readonly name: string;
  readonly description: string;
  /** AppSync waits at most 30 s for a data source: longer would only fail later. */
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

/** AppSync gives up on a data source after 30 s. */
export const APPSYNC_DATA_SOURCE_TIMEOUT_SECONDS = 30;

export const resolverFunctions: readonly ResolverFunctionDefinition[] = [
  {
    name: 'sales-range',
    description: 'Staff: every sales metric of any date range, summed from the analytics job\'s per-day items',
    timeoutSeconds: 15,
    memoryMb: 512,
  },
  {
    name: 'card-checkout',
    description: 'startCardPayment: a Stripe Checkout Session for the caller\'s own unpaid card order',
    timeoutSeconds: APPSYNC_DATA_SOURCE_TIMEOUT_SECONDS,
    memoryMb: 256,
  },
  {
    name: 'product-image-upload',
    description: 'Staff: hands out a presigned S3 POST for a product photo (JPEG, PNG or WebP up to 5 MB)',
    timeoutSeconds: 10,
    memoryMb: 256,
  },
  {
    name: 'catalog-imports',
    description: 'Staff: catalog imports from the back office (presigned .DBF upload, confirmation, recheck with another code page)',
    timeoutSeconds: 15,
    memoryMb: 256,
  },
  {
    name: 'account-deletion',
    description: 'deleteMyAccount: pseudonymise the caller\'s orders, then delete their Cognito user (LFPDPPP cancelación)',
    timeoutSeconds: APPSYNC_DATA_SOURCE_TIMEOUT_SECONDS,
    memoryMb: 256,
  },
];

export function resolverFunction(name: string, definitions: readonly ResolverFunctionDefinition[] = resolverFunctions): ResolverFunctionDefinition {
  const found = definitions.find((f) => f.name === name);
  if (!found) throw new Error(`No resolver function ${name} in wiring/resolver-functions.ts`);
  return found;
}
