/**
 * Mutation.recomputeSimilarProducts — staff only (schema directive). Pipeline: requestSimilarityRun (records the
 * request, refuses a second one while one runs) → startSimilarityRun (invokes the similarity Lambda with
 * invocationType Event: AppSync does not wait for the 17–42 s job). Returns the request; the page polls
 * Query.similarityRecompute until it is DONE.
 */
import type { Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  ctx.stash.similarityRequest = null;
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
