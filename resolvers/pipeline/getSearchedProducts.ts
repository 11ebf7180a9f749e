/**
 * searchProducts, step 5: reads the page's products by id in one BatchGetItem (at most 100 ids: the page
 * size) and returns them in ranked order with the next page's token, the total and the corrected text.
 * A product hidden since its entries were read is left out.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { tableNameOf } from '../../model/api-environment';
import { productKey } from '../../model/keys';
import type { ProductItem } from '../../model/product-items';
import {
  correctedTextOf,
  emptyRankedPage,
  pageTokenText,
  type SearchRequest,
  type SearchState,
} from '../../model/product-search';
import { toProductView, type ProductView } from '../../model/product-view';
import { failOnDataSourceError } from '../support/data-source-error';

interface BatchResult {
  data: Record<string, (ProductItem | null)[]>;
  unprocessedKeys?: Record<string, unknown[]>;
}

export interface SearchResultView {
  items: ProductView[];
  nextToken: string | null;
  total: number;
  correctedText: string | null;
}

function resultOf(ctx: Context, products: ProductItem[]): SearchResultView {
  const state: SearchState = ctx.prev.result;
  const typed: SearchRequest = ctx.stash.search;
  const page = state.page ? state.page : emptyRankedPage();
  return {
    items: products.map((product) => toProductView(product)),
    nextToken: page.nextCursor === null ? null : util.base64Encode(pageTokenText(ctx.stash.searchSignature, page.nextCursor)),
    total: page.total,
    correctedText: correctedTextOf(typed, state),
  };
}

export function request(ctx: Context) {
  const state: SearchState = ctx.prev.result;
  const ids = state.page ? state.page.ids : [];
  if (ids.length === 0) {
    runtime.earlyReturn(resultOf(ctx, []));
  }
  return ddb.batchGet({ tables: { [tableNameOf(ctx.env)]: { keys: ids.map((id) => productKey(id)) } } });
}

export function response(ctx: Context): SearchResultView {
  failOnDataSourceError(ctx.error);
  const table = tableNameOf(ctx.env);
  const result: BatchResult = ctx.result;
  const unprocessed = result.unprocessedKeys ? result.unprocessedKeys[table] : undefined;
  if (unprocessed && unprocessed.length > 0) {
    util.error('The catalog could not be read completely; please retry.', 'ServiceUnavailable');
  }
  const state: SearchState = ctx.prev.result;
  const byId: Record<string, ProductItem> = {};
  (result.data[table] || []).forEach((item) => {
    if (item !== null && item.active === true) {
      byId[item.id] = item;
    }
  });
  const ids = state.page ? state.page.ids : [];
  return resultOf(
    ctx,
    ids.filter((id) => Object.hasOwn(byId, id)).map((id) => byId[id] as ProductItem),
  );
}
