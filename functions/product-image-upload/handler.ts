/**
 * Resolver Lambda of Mutation.createProductImageUpload (staff): checks the product and the declared file, records
 * the upload as PENDING, and hands out a presigned S3 POST for the images bucket that S3 itself enforces: this
 * key only, this Content-Type only, 1 byte to 5 MB, valid for 5 minutes. What the file really is gets checked
 * again, from its bytes, by the product-image Lambda the upload triggers.
 */
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import { productKey } from '../../model/keys';
import {
  IMAGE_UPLOAD_EXPIRY_SECONDS,
  IMAGE_UPLOAD_STATE_DAYS,
  MAX_PRODUCT_IMAGE_BYTES,
  imageUploadItemKey,
  imageUploadKey,
  isProductImageType,
  type ImageUploadItem,
} from '../../model/product-image';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { ResolverError, requireGroup, resolverHandler, type ResolverHandler } from '../shared/resolver-event';

export interface CreateProductImageUploadArgs {
  productId: string;
  contentType: string;
  sizeBytes: number;
}

export interface ProductImageUploadView {
  id: string;
  productId: string;
  url: string;
  /** AWSJSON: the form fields to send before the file. */
  fields: string;
  expiresAt: string;
  maxBytes: number;
}

export interface ProductImageUploadDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  readonly now?: () => Date;
}

export function createProductImageUploadHandler({ settings, clients, now = () => new Date() }: ProductImageUploadDeps): ResolverHandler<CreateProductImageUploadArgs, ProductImageUploadView> {
  return resolverHandler(async (event) => {
    const identity = requireGroup(event, 'admin');
    const { productId, contentType, sizeBytes } = event.arguments;
    if (!isProductImageType(contentType)) {
      throw new ResolverError('ValidationError', 'Only JPEG, PNG or WebP photos can be uploaded.', { field: 'contentType' });
    }
    if (!Number.isInteger(sizeBytes) || sizeBytes < 1 || sizeBytes > MAX_PRODUCT_IMAGE_BYTES) {
      throw new ResolverError('ValidationError', `The photo must be 1 byte to ${MAX_PRODUCT_IMAGE_BYTES / 1024 / 1024} MB.`, {
        field: 'sizeBytes',
        maxBytes: MAX_PRODUCT_IMAGE_BYTES,
      });
    }
    if (typeof productId !== 'string' || productId.length < 1 || productId.length > 64) {
      throw new ResolverError('ValidationError', 'productId is not valid.', { field: 'productId' });
    }
    const product = await clients.documentClient.send(new GetCommand({ TableName: settings.tableName, Key: productKey(productId), ProjectionExpression: 'id' }));
    if (!product.Item) throw new ResolverError('NotFound', `Product ${productId} not found.`, { id: productId });

    const id = ulid();
    const at = now();
    const item: ImageUploadItem = {
      ...imageUploadItemKey(id),
      type: 'ImageUpload',
      id,
      productId,
      contentType,
      status: 'PENDING',
      requestedBy: String(identity.claims.email ?? identity.username),
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      ttl: Math.floor(at.getTime() / 1000) + IMAGE_UPLOAD_STATE_DAYS * 24 * 3600,
    };
    await clients.documentClient.send(new PutCommand({ TableName: settings.tableName, Item: item }));
    const key = imageUploadKey(productId, id);
    const post = await createPresignedPost(clients.s3, {
      Bucket: settings.images.bucket,
      Key: key,
      Conditions: [
        ['content-length-range', 1, MAX_PRODUCT_IMAGE_BYTES],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: IMAGE_UPLOAD_EXPIRY_SECONDS,
    });
    return {
      id,
      productId,
      url: post.url,
      fields: JSON.stringify(post.fields),
      expiresAt: new Date(at.getTime() + IMAGE_UPLOAD_EXPIRY_SECONDS * 1000).toISOString(),
      maxBytes: MAX_PRODUCT_IMAGE_BYTES,
    };
  });
}

let deployed: ResolverHandler<CreateProductImageUploadArgs, ProductImageUploadView> | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler: ResolverHandler<CreateProductImageUploadArgs, ProductImageUploadView> = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('product-image-upload');
    return createProductImageUploadHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
