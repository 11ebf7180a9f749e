/**
 * Limits on what one GraphQL request may do, defined once: the CDK sets them on the AppSync API
 * (`queryDepthLimit`, `resolverCountLimit`) and the local runtime (appsync-local/) enforces the same numbers.
 *
 * - Depth counts nested field levels, leaves included: `{ product { similar { name } } }` is 3. The web app's
 *   deepest operation is 4 (products → items → price → amountCents); the explorer's schema query is 9.
 * - Resolver count counts every invocation of a wired field (a pipeline resolver is one), per list item
 *   too: 100 listed products asking for `similar` are 101. Legitimate pages stay far below the limit; it is
 *   what bounds `Product.similar` nested inside itself (8 more resolvers per level).
 */
export const apiLimits = {
  /** AppSync allows 1–75; 0 would mean unlimited. */
  queryDepthLimit: 10,
  /** AppSync allows 1–10,000 (its default). */
  resolverCountLimit: 200,
  /**
   * AppSync ends every request after 30 s (a service quota, not a setting); the local runtime applies the
   * same cap so that one request cannot keep the shared local process busy.
   */
  requestTimeoutSeconds: 30,
} as const;
