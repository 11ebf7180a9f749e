/**
 * recomputeSimilarProducts, step 2: invokes the similarity Lambda (the nightly job) asynchronously — AppSync's
 * Lambda data source with invocationType Event returns as soon as Lambda has queued the event, so the 17–42 s
 * job never meets AppSync's 30 s limit. The Lambda marks the request RUNNING, then DONE or FAILED.
 */
import { util, type Context } from '@aws-appsync/utils';
import {
  SIMILARITY_REQUEST_SOURCE,
  similarityRequestView,
  type SimilarityRequestEvent,
  type SimilarityRequestItem,
} from '../../model/similarity-request';

export function request(ctx: Context) {
  const item: SimilarityRequestItem = ctx.stash.similarityRequest;
  const payload: SimilarityRequestEvent = { source: SIMILARITY_REQUEST_SOURCE, requestId: item.id };
  return { operation: 'Invoke', invocationType: 'Event', payload: payload };
}

export function response(ctx: Context) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const item: SimilarityRequestItem = ctx.stash.similarityRequest;
  return similarityRequestView(item);
}
