/** Query.catalogImports(limit, nextToken) — staff: the history of catalog imports from the back office, newest first. */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { CATALOG_IMPORT_HISTORY_PK, catalogImportView, type CatalogImportItem } from '../model/catalog-import';
import { checkPageSize } from '../model/page-size';
import { failOnDataSourceError } from './support/data-source-error';

interface Args {
  limit?: number | null;
  nextToken?: string | null;
}

export function request(ctx: Context<Args>) {
  const size = checkPageSize(ctx.args.limit);
  if (!size.ok) {
    util.error(size.message, 'ValidationError', null, { field: 'limit' });
  }
  return ddb.query<{ GSI1PK: string }>({
    index: 'GSI1',
    query: { GSI1PK: { eq: CATALOG_IMPORT_HISTORY_PK } },
    limit: size.ok ? size.limit : 1,
    nextToken: ctx.args.nextToken,
    scanIndexForward: false,
  });
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx.error, ctx.args.nextToken);
  const items = ctx.result.items as CatalogImportItem[];
  return { items: items.map((item) => catalogImportView(item, null)), nextToken: ctx.result.nextToken ? ctx.result.nextToken : null };
}
