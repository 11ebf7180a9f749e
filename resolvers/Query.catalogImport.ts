/** Query.catalogImport(id) — staff: one catalog import with its state, progress, preview or report (model/catalog-import.ts). */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { catalogImportItemKey, catalogImportView, type CatalogImportDetailsItem, type CatalogImportItem } from '../model/catalog-import';
import { failOnDataSourceError } from './support/data-source-error';

interface Args {
  id: string;
}

export function request(ctx: Context<Args>) {
  if (ctx.args.id.length > 64) {
    util.error('id must be at most 64 characters.', 'ValidationError', null, { field: 'id' });
  }
  // Both items of the import (the record and its details) in one query; strongly consistent for the polling page.
  return ddb.query<{ PK: string }>({
    query: { PK: { eq: catalogImportItemKey(ctx.args.id).PK } },
    consistentRead: true,
    limit: 2,
  });
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx.error);
  const items = ctx.result.items as (CatalogImportItem | CatalogImportDetailsItem)[];
  const record = items.find((item) => item.SK === 'CATALOGIMPORT') as CatalogImportItem | undefined;
  if (!record) return null;
  const details = items.find((item) => item.SK === 'DETAILS') as CatalogImportDetailsItem | undefined;
  return catalogImportView(record, details ? details : null);
}
