/** Query.productImageUpload(id) — the state the product-image Lambda records for an upload (model/product-image.ts). */
import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { imageUploadItemKey, type ImageUploadItem } from '../model/product-image';
import { failOnDataSourceError } from './support/data-source-error';

interface Args {
  id: string;
}

export function request(ctx: Context<Args>) {
  if (ctx.args.id.length > 64) {
    util.error('id must be at most 64 characters.', 'ValidationError', null, { field: 'id' });
  }
  return ddb.get({ key: imageUploadItemKey(ctx.args.id) });
}

export function response(ctx: Context<Args>) {
  failOnDataSourceError(ctx.error);
  const item = ctx.result as ImageUploadItem | null;
  if (!item) return null;
  return {
    id: item.id,
    productId: item.productId,
    status: item.status,
    reason: item.reason ? item.reason : null,
    imageUrl: item.imageUrl ? item.imageUrl : null,
    updatedAt: item.updatedAt,
  };
}
