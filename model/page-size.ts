/**
 * The `limit` argument of paginated queries: 1–100, 20 when omitted (as the schema documents).
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */

export const PAGE_SIZE = { min: 1, max: 100, default: 20 };

export type PageSizeCheck = { ok: true; limit: number } | { ok: false; message: string };

export function checkPageSize(limit: number | null | undefined): PageSizeCheck {
  if (limit === null || limit === undefined) return { ok: true, limit: PAGE_SIZE.default };
  if (Math.floor(limit) !== limit || limit < PAGE_SIZE.min || limit > PAGE_SIZE.max) {
    return { ok: false, message: `limit must be a whole number from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}.` };
  }
  return { ok: true, limit };
}
