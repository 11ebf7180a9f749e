/**
 * Product pictures: what staff may upload, where each piece lives, and how a file's type is told from its
 * first bytes. Shared by the upload resolver Lambda (functions/product-image-upload), the Lambda that makes the
 * shop's sizes (functions/product-image), the upload status resolver (APPSYNC_JS subset) and the staff page.
 */

/** The largest photo staff may upload. */
export const MAX_PRODUCT_IMAGE_BYTES = 5 * 1024 * 1024;

/** The types staff may upload. */
export const PRODUCT_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ProductImageType = (typeof PRODUCT_IMAGE_TYPES)[number];

/** Widths (px) made from every photo, as WebP: cards at 1× and 2×, the product page at 2×. */
export const PRODUCT_IMAGE_WIDTHS = [320, 640, 960] as const;

/** How long a presigned upload may be used. */
export const IMAGE_UPLOAD_EXPIRY_SECONDS = 300;

/** How long the state of an upload is kept (the staff page polls it for seconds). */
export const IMAGE_UPLOAD_STATE_DAYS = 7;

export function isProductImageType(value: string): value is ProductImageType {
  return PRODUCT_IMAGE_TYPES.indexOf(value as ProductImageType) >= 0;
}

/** Where an upload is put: `uploads/products/<productId>/<uploadId>.photo` (the s3-upload trigger's prefix and suffix). */
export const IMAGE_UPLOAD_PREFIX = 'uploads/products/';
export const IMAGE_UPLOAD_SUFFIX = '.photo';

export function imageUploadKey(productId: string, uploadId: string): string {
  return `${IMAGE_UPLOAD_PREFIX}${productId}/${uploadId}${IMAGE_UPLOAD_SUFFIX}`;
}

/** The product and upload ids of an upload key; null for any other key. */
export function parseImageUploadKey(key: string): { productId: string; uploadId: string } | null {
  if (!key.startsWith(IMAGE_UPLOAD_PREFIX) || !key.endsWith(IMAGE_UPLOAD_SUFFIX)) return null;
  const parts = key.slice(IMAGE_UPLOAD_PREFIX.length, key.length - IMAGE_UPLOAD_SUFFIX.length).split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { productId: parts[0], uploadId: parts[1] };
}

/** Where one size is served from (under images/, the public prefix): immutable, named by the upload. */
export function productImageKey(productId: string, uploadId: string, width: number): string {
  return `images/products/${productId}/${uploadId}-${width}.webp`;
}

/**
 * Widths (px) of the demo catalog's generated packshots, as WebP: cards at 1× and the product page and phones'
 * cards at 2×. Two of the uploaded photos' widths, since each costs a raster step per product at first start.
 */
export const DEMO_PACKSHOT_WIDTHS = [320, 640] as const;

/** The demo catalog's generated packshot of a product, in one of DEMO_PACKSHOT_WIDTHS. */
export function demoPackshotKey(productId: string, width: number): string {
  return `images/demo/${productId}-${width}.webp`;
}

/** The table item recording one upload's state. */
export function imageUploadItemKey(uploadId: string): { PK: string; SK: string } {
  return { PK: `IMAGEUPLOAD#${uploadId}`, SK: 'IMAGEUPLOAD' };
}

export type ImageUploadStatus = 'PENDING' | 'READY' | 'REFUSED';

export interface ImageUploadItem {
  PK: string;
  SK: string;
  type: 'ImageUpload';
  id: string;
  productId: string;
  contentType: string;
  status: ImageUploadStatus;
  /** Why a file was refused, in Spanish for the staff page. */
  reason?: string;
  imageUrl?: string;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
  /** DynamoDB TTL (epoch seconds). */
  ttl: number;
}

/** The type a file really is, from its first bytes (not from its name or the declared type); null when none we accept. */
export function sniffProductImageType(head: Uint8Array): ProductImageType | null {
  const at = (index: number) => (index < head.length ? (head[index] as number) : -1);
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((byte, index) => at(index) === byte)) return 'image/png';
  const riff = [0x52, 0x49, 0x46, 0x46]; // "RIFF"
  const webp = [0x57, 0x45, 0x42, 0x50]; // "WEBP"
  if (riff.every((byte, index) => at(index) === byte) && webp.every((byte, index) => at(8 + index) === byte)) return 'image/webp';
  return null;
}
