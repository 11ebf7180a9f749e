/**
 * The NONE data source: nothing is called; the request object's `payload` comes back as `ctx.result`,
 * as in AppSync (used for logic that lives entirely in the resolver, or to pass values down a pipeline).
 */
import type { DataSource } from '../contracts';

export function createNoneDataSource(): DataSource {
  return {
    async invoke(requestObject) {
      const payload =
        typeof requestObject === 'object' && requestObject !== null && !Array.isArray(requestObject)
          ? (requestObject as { payload?: unknown }).payload
          : undefined;
      return { result: payload };
    },
  };
}
