/**
 * Point-of-sale .DBF files made from products: sample catalogs for trying the import, test fixtures and
 * benchmark input. The inverse of pos-mapping.ts: what the point of sale would export for a product.
 */
import type { Codepage } from './dbf/codepages';
import { writeDbf, type DbfWriteRecord } from './dbf/write';
import { POS_FIELD_SPECS, type PosProduct } from './pos-mapping';

/** The row the point of sale holds for a product (prices in pesos, ingredients joined with " + "). */
export function posRecordOf(product: PosProduct): DbfWriteRecord {
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
export function writePosFile(products: readonly PosProduct[], codepage: Codepage = 'cp850'): Uint8Array {
  return writeDbf({ fields: POS_FIELD_SPECS, codepage, records: products.map(posRecordOf) });
}
