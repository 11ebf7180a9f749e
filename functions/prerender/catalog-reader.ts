/**
 * What the prerenderer reads from the single table: a product, the categories, a category's active
 * products in the API's order (GSI1, by folded name) and every active product (GSI2). Paged to the end.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ALL_ACTIVE_PRODUCTS, CATALOG_PK, productKey, productNameSortKey } from '../../model/keys';
import type { CategoryItem, ProductItem } from '../../model/product-items';
import { toCategoryViews, toProductView, type CategoryView, type ProductView } from '../../model/product-view';

export interface CatalogReader {
  product(id: string): Promise<ProductView | null>;
  categories(): Promise<CategoryView[]>;
  /** The category's (null: the whole catalog's, as on the home page) first `limit` active products by name, and whether there are more. */
  categoryPage(categoryId: string | null, limit: number): Promise<{ products: ProductView[]; hasMore: boolean }>;
  /** Every active product (the sitemap and the full render), by name. */
  activeProducts(): Promise<ProductView[]>;
}

export function dynamoCatalogReader(documentClient: DynamoDBDocumentClient, tableName: string): CatalogReader {
  async function queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName' | 'ExclusiveStartKey'>, limit = Infinity): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(new QueryCommand({ ...input, TableName: tableName, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length < limit);
    return items;
  }
  return {
    async product(id) {
      const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: productKey(id) }));
      return result.Item ? toProductView(result.Item as ProductItem) : null;
    },
    async categories() {
      const items = await queryAll({ KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)', ExpressionAttributeValues: { ':pk': CATALOG_PK, ':sk': 'CATEGORY#' } });
      return toCategoryViews(items as unknown as CategoryItem[]);
    },
    async categoryPage(categoryId, limit) {
      // The API's Query.products: one category from GSI1, all of them from GSI2, both by folded name.
      const index =
        categoryId === null
          ? { IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': ALL_ACTIVE_PRODUCTS } }
          : { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': `CATEGORY#${categoryId}` } };
      const items = await queryAll({ ...index, Limit: limit + 1 }, limit + 1);
      return { products: items.slice(0, limit).map((item) => toProductView(item as unknown as ProductItem)), hasMore: items.length > limit };
    },
    async activeProducts() {
      const items = await queryAll({ IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': ALL_ACTIVE_PRODUCTS } });
      return items.map((item) => toProductView(item as unknown as ProductItem));
    },
  };
}

/** A catalog held in memory, in the table's orders (the full-render benchmark and unit tests). */
export function memoryCatalogReader(products: readonly ProductView[], categories: readonly CategoryView[]): CatalogReader {
  const byName = [...products].sort((a, b) => {
    const ka = productNameSortKey(a.name, a.id);
    const kb = productNameSortKey(b.name, b.id);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const byId = new Map(products.map((p) => [p.id, p]));
  return {
    product: async (id) => byId.get(id) ?? null,
    categories: async () => [...categories],
    async categoryPage(categoryId, limit) {
      const listed = byName.filter((p) => p.active && (categoryId === null || p.categoryId === categoryId));
      return { products: listed.slice(0, limit), hasMore: listed.length > limit };
    },
    activeProducts: async () => byName.filter((p) => p.active),
  };
}
