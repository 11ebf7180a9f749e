/**
 * Turns stored catalog items into the GraphQL shapes: a Product with its `Money` price built from
 * `priceCents` + `currency`, table keys left out; a Category; a page of products. Every catalog resolver
 * returns products through here.
 *
 * Bundled into APPSYNC_JS resolvers, so written in its subset.
 */
import type { CategoryItem, ProductItem } from './product-items';
import { foldText } from './search-text';
import type { Category, Product, ProductConnection } from './schema-types.generated';

/** A product as the API returns it; `similar` has a resolver of its own. */
export type ProductView = Omit<Product, 'similar'>;

export interface ProductPage extends Omit<ProductConnection, 'items'> {
  items: ProductView[];
}

export type CategoryView = Category;

export function toProductView(item: ProductItem): ProductView {
  return {
    id: item.id,
    sku: item.sku,
    barcode: item.barcode ? item.barcode : null,
    name: item.name,
    description: item.description ? item.description : null,
    activeIngredients: item.activeIngredients ? item.activeIngredients : [],
    lab: item.lab,
    presentation: item.presentation,
    categoryId: item.categoryId,
    categoryName: item.categoryName,
    price: { amountCents: item.priceCents, currency: item.currency },
    stock: item.stock,
    maxPerOrder: typeof item.maxPerOrder === 'number' ? item.maxPerOrder : null,
    prescriptionRequired: item.prescriptionRequired,
    imageUrl: item.imageUrl ? item.imageUrl : null,
    imageSizes: item.imageUrl && item.imageSizes ? item.imageSizes : [],
    active: item.active,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export function toProductPage(items: ProductItem[], nextToken: string | null | undefined): ProductPage {
  return { items: items.map((item) => toProductView(item)), nextToken: nextToken ? nextToken : null };
}

/** Categories by display name, accents and case ignored ("Bebés" between "Antibióticos" and "Cardiovascular"). */
export function toCategoryViews(items: CategoryItem[]): CategoryView[] {
  // APPSYNC_JS takes no comparator callback for sort, so sort "<folded name>\u0000<position>" strings instead.
  const sortKeys = items.map((item, position) => `${foldText(item.name)}\u0000${position}`);
  sortKeys.sort();
  return sortKeys.map((sortKey) => {
    const item = items[Number(sortKey.split('\u0000')[1])] as CategoryItem;
    return { id: item.id, name: item.name };
  });
}
