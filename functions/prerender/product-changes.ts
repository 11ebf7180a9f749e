/** Table stream records → product changes (before/after as the API shows a product). Other items are ignored. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { ProductItem } from '../../model/product-items';
import { toProductView, type ProductView } from '../../model/product-view';
import type { ProductChange } from './site';

function productOf(image: Record<string, unknown> | undefined): ProductView | null {
  if (!image) return null;
  const item = unmarshall(image as Record<string, AttributeValue>) as Partial<ProductItem>;
  return item.type === 'Product' ? toProductView(item as ProductItem) : null;
}

export function productChangesOf(records: readonly DynamoDBRecord[]): ProductChange[] {
  const changes: ProductChange[] = [];
  for (const record of records) {
    const before = productOf(record.dynamodb?.OldImage as Record<string, unknown> | undefined);
    const after = productOf(record.dynamodb?.NewImage as Record<string, unknown> | undefined);
    if (before || after) changes.push({ before, after });
  }
  return changes;
}
