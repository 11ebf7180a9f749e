/**
 * Query.salesRange — staff: every sales metric of any from–to range of shop days, summed by the sales-range
 * resolver Lambda from the analytics job's per-day items (analytics/sales-days.ts).
 */
export { request, response } from './support/lambda-invoke';
