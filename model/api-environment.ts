/**
 * The GraphQL API's environment variables (AppSync `environmentVariables`, `ctx.env` in resolvers). Set by
 * the CDK stack on the deployed API and by the local runtime on every invocation.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */

/** Name of the single table: BatchGetItem and TransactWriteItems requests must name their table. */
export const TABLE_NAME_VARIABLE = 'TABLE_NAME';

export function tableNameOf(env: Readonly<Record<string, string | undefined>>): string {
  const name = env[TABLE_NAME_VARIABLE];
  return name ? name : '';
}
