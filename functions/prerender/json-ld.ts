/**
 * schema.org facts of a product page as JSON-LD: a `Product` with its `Offer` (price in the currency's
 * decimal units, availability), typed also as a `Drug` when it has active ingredients, with the
 * prescription status. https://schema.org/Product, https://schema.org/Offer, https://schema.org/Drug
 */
import type { ProductView } from '../../model/product-view';

export type Availability = 'InStock' | 'OutOfStock' | 'Discontinued';

export function availabilityOf(product: Pick<ProductView, 'active' | 'stock'>): Availability {
  if (!product.active) return 'Discontinued';
  return product.stock > 0 ? 'InStock' : 'OutOfStock';
}

/** "12345" cents → "123.45": schema.org and Open Graph prices are decimal strings with a dot. */
export function decimalPrice(amountCents: number): string {
  const sign = amountCents < 0 ? '-' : '';
  const cents = Math.abs(Math.round(amountCents));
  return `${sign}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export interface ProductJsonLdInput {
  readonly product: ProductView;
  /** The page's canonical URL. */
  readonly url: string;
  /** Absolute image URL. */
  readonly imageUrl: string;
  readonly description: string;
  readonly shopName: string;
  readonly shopUrl: string;
}

export function productJsonLd({ product, url, imageUrl, description, shopName, shopUrl }: ProductJsonLdInput): Record<string, unknown> {
  const isDrug = product.activeIngredients.length > 0;
  return {
    '@context': 'https://schema.org',
    '@type': isDrug ? ['Product', 'Drug'] : 'Product',
    '@id': `${url}#producto`,
    name: product.name,
    description,
    url,
    image: [imageUrl],
    sku: product.sku,
    ...(product.barcode && /^\d{13}$/.test(product.barcode) ? { gtin13: product.barcode } : {}),
    brand: { '@type': 'Brand', name: product.lab },
    category: product.categoryName,
    ...(isDrug
      ? {
          activeIngredient: product.activeIngredients.join(', '),
          manufacturer: { '@type': 'Organization', name: product.lab },
          prescriptionStatus: product.prescriptionRequired ? 'https://schema.org/PrescriptionOnly' : 'https://schema.org/OTC',
        }
      : {}),
    offers: {
      '@type': 'Offer',
      url,
      price: decimalPrice(product.price.amountCents),
      priceCurrency: product.price.currency,
      availability: `https://schema.org/${availabilityOf(product)}`,
      itemCondition: 'https://schema.org/NewCondition',
      seller: { '@type': 'Organization', name: shopName, url: shopUrl },
    },
  };
}

/**
 * JSON for the inside of a `<script type="application/ld+json">`: JSON.stringify, then `<`, `>` and `&`
 * as \u escapes (still the same JSON value) so no text in a product — `</script>`, `<!--` — can end the
 * script element or start markup, and U+2028/U+2029 escaped for older JavaScript parsers.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
