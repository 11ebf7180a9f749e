/**
 * product-image Lambda: a photo uploaded with a presigned POST (functions/product-image-upload) under
 * `uploads/products/<productId>/<uploadId>.photo` in the images bucket becomes the sizes the shop shows:
 *
 *   1. the file is checked from its bytes: at most 5 MB, and a JPEG, PNG or WebP by its magic bytes (whatever
 *      the Content-Type said), decodable, not absurdly large in pixels;
 *   2. sharp turns it (EXIF orientation applied, metadata dropped) into WebP at 320, 640 and 960 px wide (never
 *      enlarged), under `images/products/<productId>/<uploadId>-<width>.webp`, cacheable forever;
 *   3. the product gets them (imageUrl = the largest, imageSizes = all), updatedAt bumped so an editor holding
 *      the older version gets a Conflict instead of overwriting the picture;
 *   4. the upload's state item says READY (or REFUSED with the reason), which the staff page polls; the
 *      uploaded original is deleted.
 * A refused file is not an error (a retry would refuse it again). S3 or DynamoDB failures fail the invocation so
 * S3's asynchronous invoke retries it; every step is idempotent (same keys, same values).
 */
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, S3Event } from 'aws-lambda';
import sharp, { type Sharp } from 'sharp';
import { loadLambdaSettings, type LambdaSettings } from '../../config/settings';
import { productKey } from '../../model/keys';
import {
  MAX_PRODUCT_IMAGE_BYTES,
  PRODUCT_IMAGE_WIDTHS,
  imageUploadItemKey,
  parseImageUploadKey,
  productImageKey,
  sniffProductImageType,
  type ImageUploadItem,
} from '../../model/product-image';
import type { ImageSizeItem } from '../../model/product-items';
import { createAwsClients, type AwsClients } from '../shared/aws-clients';
import { createLogger } from '../shared/logger';
import { objectKeyOf } from '../catalog-import/handler';

/** Decoding bombs: a 5 MB file may claim gigapixels. 40 MP covers any phone photo. */
const MAX_INPUT_PIXELS = 40_000_000;
const WEBP_QUALITY = 80;

export interface ProductImageDeps {
  readonly settings: LambdaSettings;
  readonly clients: AwsClients;
  readonly now?: () => Date;
}

export type ProductImageOutcome =
  | { readonly status: 'ready'; readonly productId: string; readonly uploadId: string; readonly sizes: readonly ImageSizeItem[] }
  | { readonly status: 'refused'; readonly productId: string; readonly uploadId: string; readonly reason: string }
  | { readonly status: 'skipped'; readonly key: string; readonly reason: string };

export type ProductImageHandler = (event: S3Event, context?: Context) => Promise<ProductImageOutcome[]>;

class RefusedImage extends Error {}

/** The sizes of one photo, as WebP (pure: bytes in, bytes out). Throws RefusedImage for a file that is not one we take. */
export async function makeProductImageSizes(bytes: Buffer): Promise<{ width: number; height: number; webp: Buffer }[]> {
  if (bytes.length > MAX_PRODUCT_IMAGE_BYTES) throw new RefusedImage(`La foto pesa más de ${MAX_PRODUCT_IMAGE_BYTES / 1024 / 1024} MB.`);
  if (!sniffProductImageType(bytes.subarray(0, 16))) throw new RefusedImage('El archivo no es una foto JPEG, PNG ni WebP.');
  let oriented: Sharp;
  try {
    // Apply the EXIF orientation once; every size starts from the upright pixels.
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate().raw().toBuffer({ resolveWithObject: true });
    oriented = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  } catch (error) {
    throw new RefusedImage(`No se pudo leer la foto (${(error as Error).message.slice(0, 120)}).`);
  }
  const sizes: { width: number; height: number; webp: Buffer }[] = [];
  for (const width of PRODUCT_IMAGE_WIDTHS) {
    const { data, info } = await oriented
      .clone()
      .resize({ width, withoutEnlargement: true })
      .webp({ quality: WEBP_QUALITY })
      .toBuffer({ resolveWithObject: true });
    sizes.push({ width: info.width, height: info.height, webp: data });
  }
  // A small photo gives the same size several times: keep one of each.
  return sizes.filter((size, index) => sizes.findIndex((other) => other.width === size.width) === index);
}

export function createProductImageHandler({ settings, clients, now = () => new Date() }: ProductImageDeps): ProductImageHandler {
  const logger = createLogger('product-image', settings.logLevel);
  const table = settings.tableName;

  async function setState(uploadId: string, state: Pick<ImageUploadItem, 'status'> & Partial<Pick<ImageUploadItem, 'reason' | 'imageUrl'>>) {
    await clients.documentClient.send(
      new UpdateCommand({
        TableName: table,
        Key: imageUploadItemKey(uploadId),
        UpdateExpression: 'SET #status = :status, updatedAt = :now' + (state.reason ? ', reason = :reason' : '') + (state.imageUrl ? ', imageUrl = :imageUrl' : ''),
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': state.status,
          ':now': now().toISOString(),
          ...(state.reason ? { ':reason': state.reason } : {}),
          ...(state.imageUrl ? { ':imageUrl': state.imageUrl } : {}),
        },
      }),
    );
  }

  async function processUpload(bucket: string, key: string): Promise<ProductImageOutcome> {
    const ids = parseImageUploadKey(key);
    if (!ids) return { status: 'skipped', key, reason: 'not an upload key' };
    const { productId, uploadId } = ids;
    const state = await clients.documentClient.send(new GetCommand({ TableName: table, Key: imageUploadItemKey(uploadId) }));
    const upload = state.Item as ImageUploadItem | undefined;
    if (!upload || upload.productId !== productId) {
      // Nobody asked for this upload through the API: drop it.
      await clients.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      return { status: 'skipped', key, reason: 'no upload was handed out for this key' };
    }
    if (upload.status !== 'PENDING') return { status: 'skipped', key, reason: `already ${upload.status}` };

    let bytes: Buffer;
    try {
      const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if ((object.ContentLength ?? 0) > MAX_PRODUCT_IMAGE_BYTES) throw new RefusedImage('La foto pesa más de 5 MB.');
      bytes = Buffer.from(await object.Body!.transformToByteArray());
    } catch (error) {
      if (error instanceof RefusedImage) return refuse(bucket, key, productId, uploadId, error.message);
      if ((error as { name?: string }).name === 'NoSuchKey') return { status: 'skipped', key, reason: 'the upload is gone' };
      throw error;
    }
    let made;
    try {
      made = await makeProductImageSizes(bytes);
    } catch (error) {
      if (error instanceof RefusedImage) return refuse(bucket, key, productId, uploadId, error.message);
      throw error;
    }
    const sizes: ImageSizeItem[] = [];
    for (const size of made) {
      const imageKey = productImageKey(productId, uploadId, size.width);
      await clients.s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: imageKey,
          Body: size.webp,
          ContentType: 'image/webp',
          CacheControl: 'public, max-age=31536000, immutable',
        }),
      );
      sizes.push({ url: `${settings.images.publicUrl}${imageKey}`, width: size.width, height: size.height });
    }
    const largest = sizes[sizes.length - 1]!;
    try {
      await clients.documentClient.send(
        new UpdateCommand({
          TableName: table,
          Key: productKey(productId),
          UpdateExpression: 'SET imageUrl = :url, imageSizes = :sizes, updatedAt = :now',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':url': largest.url, ':sizes': sizes, ':now': now().toISOString() },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
        return refuse(bucket, key, productId, uploadId, 'El producto ya no existe.');
      }
      throw error;
    }
    await setState(uploadId, { status: 'READY', imageUrl: largest.url });
    await clients.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    logger.info('product image ready', { productId, uploadId, sizes: sizes.map((s) => s.width) });
    return { status: 'ready', productId, uploadId, sizes };
  }

  async function refuse(bucket: string, key: string, productId: string, uploadId: string, reason: string): Promise<ProductImageOutcome> {
    logger.warn('product image refused', { productId, uploadId, reason });
    await setState(uploadId, { status: 'REFUSED', reason });
    await clients.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    return { status: 'refused', productId, uploadId, reason };
  }

  return async (event) => {
    const outcomes: ProductImageOutcome[] = [];
    for (const record of event.Records) outcomes.push(await processUpload(record.s3.bucket.name, objectKeyOf(record.s3.object.key)));
    return outcomes;
  };
}

let deployed: ProductImageHandler | undefined;

/** The Lambda entry point in AWS: settings from the environment, clients from the SDK's defaults. */
export const handler: ProductImageHandler = (event, context) => {
  deployed ??= (() => {
    const settings = loadLambdaSettings('product-image');
    return createProductImageHandler({ settings, clients: createAwsClients(settings) });
  })();
  return deployed(event, context);
};
