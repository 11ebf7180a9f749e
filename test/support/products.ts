/** Catalog products put straight into a test table, built by the same item builder every writer uses. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { productItem, type ProductInput } from '../../model/product-items';
import type { TestTable } from './table';

/** Puts a product (Paracetamol 500 mg, 50 in stock unless overridden) into the table and returns it. */
export async function seedProduct(table: TestTable, overrides: Partial<ProductInput> = {}): Promise<ProductInput> {
  const now = new Date().toISOString();
  const id = overrides.id ?? ulid();
  const product: ProductInput = {
    id,
    sku: `SKU-${id}`,
    name: 'Paracetamol 500 mg',
    activeIngredients: ['Paracetamol'],
    lab: 'Laboratorios Pisa',
    presentation: 'Caja con 20 tabletas',
    categoryName: 'Analgésicos',
    priceCents: 4550,
    currency: 'MXN',
    stock: 50,
    prescriptionRequired: false,
    active: true,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: productItem(product) }));
  return product;
}
