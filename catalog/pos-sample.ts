/**
 * Point-of-sale .DBF files made from products: sample catalogs for trying the import, test fixtures and
 * benchmark input. The inverse of pos-mapping.ts: what the point of sale would export for a product.
 */
import type { Codepage } from './dbf/codepages';
import { writeDbf, type DbfWriteRecord } from './dbf/write';
import { POS_FIELD_SPECS, type PosProduct } from './pos-mapping';

/** A product as far as the point of sale knows it (any product record with these fields will do). */
export type PosSampleProduct = Readonly<Omit<PosProduct, 'activeIngredients'>> & { readonly activeIngredients: readonly string[] };

/** The row the point of sale holds for a product (prices in pesos, ingredients joined with " + "). */
export function posRecordOf(product: PosSampleProduct): DbfWriteRecord {
  return {
    values: {
      CLAVE: product.sku,
      CODBARRAS: product.barcode ?? null,
      DESCRIP: product.name,
      SUSTANCIA: product.activeIngredients.join(' + '),
      LABORATOR: product.lab,
      PRESENTA: product.presentation,
      LINEA: product.categoryName,
      PRECIO: product.priceCents / 100,
      EXISTENC: product.stock,
      RECETA: product.prescriptionRequired,
      ACTIVO: product.active,
    },
  };
}

/** A whole point-of-sale catalog file. */
export function writePosFile(products: readonly PosSampleProduct[], codepage: Codepage = 'cp850'): Uint8Array {
  return writeDbf({ fields: POS_FIELD_SPECS, codepage, records: products.map(posRecordOf) });
}
