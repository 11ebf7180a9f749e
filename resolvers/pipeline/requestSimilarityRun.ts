/**
 * recomputeSimilarProducts, step 1: puts the request `CATALOG / SIMILARITYREQUEST` (QUEUED, who, when) on
 * condition no other is queued or running (stale ones excepted, model/similarity-request.ts); Conflict with
 * errorInfo.reason AlreadyRunning otherwise. Leaves the request in `ctx.stash.similarityRequest`.
 */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import type { CallerIdentity } from '../../model/order-access';
import { actorEmailOf } from '../../model/order-status-details';
import {
  SIMILARITY_QUEUED_STALE_SECONDS,
  SIMILARITY_REQUEST_KEY,
  SIMILARITY_RUNNING_STALE_SECONDS,
  type SimilarityRequestItem,
} from '../../model/similarity-request';

export function request(ctx: Context) {
  const identity = ctx.identity as CallerIdentity;
  const now = util.time.nowEpochMilliSeconds();
  const username = identity.username ? identity.username : identity.sub;
  const email = actorEmailOf(identity);
  const item: SimilarityRequestItem = {
    ...SIMILARITY_REQUEST_KEY,
    type: 'SimilarityRequest',
    id: util.autoUlid(),
    status: 'QUEUED',
    requestedAt: util.time.epochMilliSecondsToISO8601(now),
    requestedBy: username,
    requestedByEmail: email ? email : username,
  };
  ctx.stash.similarityRequest = item;
  return ddb.put({
    key: SIMILARITY_REQUEST_KEY,
    item: item,
    condition: {
      or: [
        { PK: { attributeExists: false } },
        { status: { eq: 'DONE' } },
        { status: { eq: 'FAILED' } },
        { and: [{ status: { eq: 'QUEUED' } }, { requestedAt: { lt: util.time.epochMilliSecondsToISO8601(now - SIMILARITY_QUEUED_STALE_SECONDS * 1000) } }] },
        { and: [{ status: { eq: 'RUNNING' } }, { startedAt: { lt: util.time.epochMilliSecondsToISO8601(now - SIMILARITY_RUNNING_STALE_SECONDS * 1000) } }] },
      ],
    },
  });
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      util.error('Similar products are already being recomputed.', 'Conflict', null, { reason: 'AlreadyRunning' });
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.stash.similarityRequest;
}
