/**
 * The AWS_LAMBDA data source of the local AppSync runtime. The request object is AppSync's Lambda request
 * (`{ operation: 'Invoke', payload, invocationType? }`); the payload goes to the function through `invoke`
 * (the local stack runs the same handler in-process, local/resolver-functions.ts) as JSON, the way Lambda
 * would receive it, and the function's JSON result becomes `ctx.result`. A function that throws (or times out)
 * reaches the response handler as `ctx.error` of type `Lambda:Unhandled`, as in AppSync.
 * `invocationType: 'Event'` invokes without waiting, and `ctx.result` is null, as in AppSync.
 */
import type { DataSource, DataSourceOutcome } from '../contracts';

/** Runs the function with a payload and returns what it returned (or throws what it threw). */
export type LambdaInvoke = (payload: unknown) => Promise<unknown>;

/** AppSync's error type for a function that failed (threw, timed out, crashed). */
export const LAMBDA_UNHANDLED = 'Lambda:Unhandled';

function mappingError(message: string): DataSourceOutcome {
  return { error: { message, type: 'MappingTemplate' } };
}

/** JSON round trip: the function gets (and gives back) only what survives Lambda's JSON boundary. */
function overJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

export function createLambdaDataSource(options: { readonly functionName: string; readonly invoke?: LambdaInvoke }): DataSource {
  return {
    async invoke(requestObject) {
      if (typeof requestObject !== 'object' || requestObject === null || Array.isArray(requestObject)) {
        return mappingError('A Lambda request must be an object with operation and payload.');
      }
      const { operation, payload, invocationType } = requestObject as { operation?: unknown; payload?: unknown; invocationType?: unknown };
      if (operation !== 'Invoke') {
        return mappingError(`Unsupported Lambda operation ${JSON.stringify(operation)}: the local runtime supports Invoke.`);
      }
      if (invocationType !== undefined && invocationType !== 'RequestResponse' && invocationType !== 'Event') {
        return mappingError(`Unsupported invocationType ${JSON.stringify(invocationType)}: RequestResponse or Event.`);
      }
      const invoke = options.invoke;
      if (!invoke) {
        return { error: { message: `Function ${options.functionName} is not running locally.`, type: LAMBDA_UNHANDLED } };
      }
      const event = overJson(payload);
      if (invocationType === 'Event') {
        void invoke(event).catch(() => undefined);
        return { result: null };
      }
      try {
        return { result: overJson(await invoke(event)) };
      } catch (error) {
        return { error: { message: error instanceof Error ? error.message : String(error), type: LAMBDA_UNHANDLED } };
      }
    },
  };
}
