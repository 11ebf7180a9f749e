/**
 * The resolver Lambdas (wiring/resolver-functions.ts) as the local AppSync runtime runs them: the same
 * handler factory as the deployed entry point, built with the local settings and clients, invoked in-process
 * with a Lambda context and under the function's timeout. The registry must name every function of the
 * wiring (checked at start and by local/resolver-functions.test.ts).
 */
import type { LambdaInvoke } from '@farmacruz/appsync-local';
import type { ResolverEvent, ResolverHandler } from '../functions/shared/resolver-event';
import { createCardCheckoutHandler } from '../functions/card-checkout/handler';
import { createProductImageUploadHandler } from '../functions/product-image-upload/handler';
import { createCatalogImportsHandler } from '../functions/catalog-imports/handler';
import { createAccountDeletionHandler } from '../functions/account-deletion/handler';
import { resolverFunctions, type ResolverFunctionDefinition } from '../wiring/resolver-functions';
import { createSalesRangeHandler } from '../functions/sales-range/handler';
import { dataSources } from '../wiring/api';
import { createLocalHandler, localLambdas, type HandlerDeps } from './event-fabric/handlers';
import { lambdaContext, withinTimeout } from './event-fabric/lambda-context';

/** What a resolver function's factory needs locally: the event functions' dependencies (settings, clients). */
export type ResolverFunctionDeps = HandlerDeps;

// Resolver function handlers take differently typed arguments; the registry only needs to call them.
type AnyResolverHandler = ResolverHandler<never>;

export const localResolverHandlers: Readonly<Record<string, (deps: ResolverFunctionDeps) => AnyResolverHandler>> = {
  'sales-range': createSalesRangeHandler,
  'card-checkout': createCardCheckoutHandler,
  'product-image-upload': createProductImageUploadHandler as (deps: ResolverFunctionDeps) => AnyResolverHandler,
  'catalog-imports': createCatalogImportsHandler as (deps: ResolverFunctionDeps) => AnyResolverHandler,
  'account-deletion': createAccountDeletionHandler,
};

/** One invoker per resolver function of `definitions`, by name, for startLocalAppSync's `lambdaFunctions`. */
export function createLocalResolverFunctions(
  deps: ResolverFunctionDeps,
  definitions: readonly ResolverFunctionDefinition[] = resolverFunctions,
  handlers: Readonly<Record<string, (deps: ResolverFunctionDeps) => AnyResolverHandler>> = localResolverHandlers,
): Record<string, LambdaInvoke> {
  const invokers: Record<string, LambdaInvoke> = {};
  for (const definition of definitions) {
    const create = handlers[definition.name];
    if (!create) throw new Error(`No local handler for resolver function ${definition.name}: add it to local/resolver-functions.ts`);
    const handler = create(deps) as ResolverHandler;
    const timeoutMs = definition.timeoutSeconds * 1000;
    invokers[definition.name] = (payload) =>
      withinTimeout(
        handler(
          payload as ResolverEvent,
          lambdaContext({ functionName: definition.name, region: deps.settings.aws.region, timeoutMs, memoryMb: definition.memoryMb }),
        ),
        timeoutMs,
        definition.name,
      );
  }
  // Event functions the API invokes itself (an AWS_LAMBDA data source with invokes 'event-function', e.g. the
  // similarity job started with invocationType Event): the same handler the local fabric runs on its trigger.
  for (const definition of Object.values(dataSources)) {
    if (definition.kind !== 'AWS_LAMBDA' || !('invokes' in definition) || definition.invokes !== 'event-function') continue;
    const lambda = localLambdas.find((candidate) => candidate.name === definition.function);
    if (!lambda) throw new Error(`The API invokes ${definition.function}, which the local event fabric does not run (wiring/events.ts)`);
    const handler = createLocalHandler(lambda, deps) as (event: unknown, context: unknown) => Promise<unknown>;
    const timeoutMs = lambda.timeoutSeconds * 1000;
    invokers[definition.function] = (payload) =>
      withinTimeout(
        handler(payload, lambdaContext({ functionName: lambda.name, region: deps.settings.aws.region, timeoutMs, memoryMb: lambda.memoryMb })),
        timeoutMs,
        lambda.name,
      );
  }
  return invokers;
}
