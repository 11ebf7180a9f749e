/**
 * "Recompute similar products now" from the back office: the last request, `CATALOG / SIMILARITYREQUEST`.
 * Mutation.recomputeSimilarProducts records it (QUEUED, who, when) and invokes the similarity Lambda
 * asynchronously (the job takes longer than AppSync's 30 s); the Lambda marks it RUNNING, then DONE (with
 * how many products and changed lists) or FAILED. A new request is refused while one is queued or running,
 * unless it is stale (queued and never started, or running longer than the Lambda may run).
 * Shared by the APPSYNC_JS resolvers and the similarity Lambda: APPSYNC_JS subset only.
 */
import { CATALOG_PK } from './keys';

export const SIMILARITY_REQUEST_KEY = { PK: CATALOG_PK, SK: 'SIMILARITYREQUEST' };

/** What the back office sends the similarity Lambda (the nightly schedule sends EventBridge's own event). */
export const SIMILARITY_REQUEST_SOURCE = 'farmacruz.back-office';

/** A request not started by then was lost (the invoke failed): another may be made. */
export const SIMILARITY_QUEUED_STALE_SECONDS = 5 * 60;
/** A run still RUNNING after this has stopped (the Lambda's limit is 15 minutes). */
export const SIMILARITY_RUNNING_STALE_SECONDS = 16 * 60;

export type SimilarityRequestStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

export interface SimilarityRequestItem {
  PK: string;
  SK: string;
  type: 'SimilarityRequest';
  id: string;
  status: SimilarityRequestStatus;
  requestedAt: string;
  requestedBy: string;
  requestedByEmail: string;
  startedAt?: string;
  finishedAt?: string;
  products?: number;
  changed?: number;
  failure?: string;
}

/** The payload of the asynchronous invoke. */
export interface SimilarityRequestEvent {
  source: string;
  requestId: string;
}

export function similarityRequestView(item: SimilarityRequestItem) {
  return {
    id: item.id,
    status: item.status,
    requestedAt: item.requestedAt,
    requestedBy: item.requestedByEmail,
    startedAt: item.startedAt ? item.startedAt : null,
    finishedAt: item.finishedAt ? item.finishedAt : null,
    products: item.products === undefined ? null : item.products,
    changed: item.changed === undefined ? null : item.changed,
    failure: item.failure ? item.failure : null,
  };
}
