/**
 * Product photos end to end on real parts: staff ask the API for a presigned POST (the product-image-upload
 * resolver Lambda through the local AppSync endpoint), post the file to the local S3 endpoint as a browser would
 * (which checks the signed policy like S3), the upload triggers the product-image Lambda (the same handler, through
 * the local S3 notifications), and the product then has WebP sizes made by sharp, served from the images bucket.
 * Lies about the type, oversize files, tampered and expired policies are refused.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../local/dynamodb-local';
import { signPostPolicy, verifyPostPolicy } from '../../local/s3/post-policy';
import { MAX_PRODUCT_IMAGE_BYTES } from '../../model/product-image';
import type { TestUser } from '../support/cognito-users';
import type { TestApi } from '../support/local-api';
import { seedProduct } from '../support/products';
import { startUploadApi, type UploadApi } from '../support/upload-api';

const IMAGES_BUCKET = 'test-images';
const PUBLIC_URL = 'http://127.0.0.1:5999/';

let uploads: UploadApi;
let api: TestApi;
let s3: UploadApi['s3'];
let notifications: UploadApi['notifications'];
let staff: TestUser;
let shopper: TestUser;

const CREATE = /* GraphQL */ `
  mutation Upload($productId: ID!, $contentType: String!, $sizeBytes: Int!) {
    createProductImageUpload(productId: $productId, contentType: $contentType, sizeBytes: $sizeBytes) {
      id productId url fields expiresAt maxBytes
    }
  }
`;
const STATE = /* GraphQL */ `query State($id: ID!) { productImageUpload(id: $id) { id productId status reason imageUrl } }`;
const PRODUCT = /* GraphQL */ `query P($id: ID!) { product(id: $id) { imageUrl imageSizes { url width height } } }`;

interface Upload {
  id: string;
  url: string;
  fields: string;
  maxBytes: number;
}

async function requestUpload(productId: string, contentType: string, sizeBytes: number): Promise<Upload> {
  const result = await api.graphql<{ createProductImageUpload: Upload }>(CREATE, { productId, contentType, sizeBytes }, staff);
  expect(result.errors).toBeUndefined();
  return result.data!.createProductImageUpload;
}

/** Posts the file as the staff page does: the fields in order, then the file. */
async function post(upload: Upload, file: Buffer, contentType: string, edit: (form: FormData) => void = () => undefined) {
  const form = new FormData();
  for (const [name, value] of Object.entries(JSON.parse(upload.fields) as Record<string, string>)) form.append(name, value);
  edit(form);
  form.append('file', new Blob([new Uint8Array(file)], { type: contentType }), 'foto');
  return fetch(upload.url, { method: 'POST', body: form });
}

async function stateOf(id: string) {
  await notifications.drain();
  const result = await api.graphql<{ productImageUpload: { status: string; reason: string | null; imageUrl: string | null } }>(STATE, { id }, staff);
  return result.data!.productImageUpload;
}

async function photo(width: number, height: number, format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 140, b: 120 } } })
    .composite([{ input: Buffer.from(`<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#fff"/></svg>`) }])
    [format]()
    .toBuffer();
}

beforeAll(async () => {
  uploads = await startUploadApi({
    bucket: { wiringName: 'images', name: IMAGES_BUCKET },
    lambdaSettings: (base) => ({ ...base, images: { bucket: IMAGES_BUCKET, publicUrl: PUBLIC_URL } }),
  });
  ({ api, s3, notifications, staff, shopper } = uploads);
}, 120_000);

afterAll(async () => {
  await uploads?.close();
});

describe('a staff photo upload', () => {
  it('becomes WebP sizes of the product, served from the images bucket, largest as imageUrl', async () => {
    const product = await seedProduct(api.table);
    const file = await photo(1600, 1000, 'jpeg');
    const upload = await requestUpload(product.id, 'image/jpeg', file.length);
    expect(upload.maxBytes).toBe(MAX_PRODUCT_IMAGE_BYTES);
    expect((await stateOf(upload.id)).status).toBe('PENDING');
    const posted = await post(upload, file, 'image/jpeg');
    expect(posted.status).toBe(204);
    const state = await stateOf(upload.id);
    expect(state.status).toBe('READY');
    const read = await api.graphql<{ product: { imageUrl: string; imageSizes: { url: string; width: number; height: number }[] } }>(PRODUCT, { id: product.id });
    const { imageUrl, imageSizes } = read.data!.product;
    expect(imageSizes.map((s) => [s.width, s.height])).toEqual([[320, 200], [640, 400], [960, 600]]);
    expect(imageUrl).toBe(imageSizes[2]!.url);
    expect(state.imageUrl).toBe(imageUrl);
    for (const size of imageSizes) {
      expect(size.url.startsWith(`${PUBLIC_URL}images/products/${product.id}/${upload.id}-`)).toBe(true);
      const key = size.url.slice(PUBLIC_URL.length);
      const served = await fetch(`${s3.endpoint}/${IMAGES_BUCKET}/${key}`);
      expect(served.headers.get('content-type')).toBe('image/webp');
      expect(served.headers.get('cache-control')).toContain('immutable');
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', size.width, size.height]);
    }
    // The original upload is gone once turned into sizes.
    const original = await fetch(`${s3.endpoint}/${IMAGES_BUCKET}/uploads/products/${product.id}/${upload.id}.photo`);
    expect(original.status).toBe(404);
  });

  it('never enlarges a small photo, and takes PNG and WebP', async () => {
    const product = await seedProduct(api.table);
    for (const format of ['png', 'webp'] as const) {
      const file = await photo(500, 500, format);
      const upload = await requestUpload(product.id, `image/${format}`, file.length);
      expect((await post(upload, file, `image/${format}`)).status).toBe(204);
      expect((await stateOf(upload.id)).status).toBe('READY');
    }
    const read = await api.graphql<{ product: { imageSizes: { width: number; height: number }[] } }>(PRODUCT, { id: product.id });
    expect(read.data!.product.imageSizes.map((s) => [s.width, s.height])).toEqual([[320, 320], [500, 500]]);
  });

  it('keeps the sizes when staff save the product unchanged in the editor', async () => {
    const product = await seedProduct(api.table);
    const file = await photo(1200, 800, 'jpeg');
    const upload = await requestUpload(product.id, 'image/jpeg', file.length);
    await post(upload, file, 'image/jpeg');
    expect((await stateOf(upload.id)).status).toBe('READY');
    const before = (await api.graphql<{ product: { imageUrl: string } }>(PRODUCT, { id: product.id })).data!.product.imageUrl;
    const { createdAt: _c, updatedAt: _u, currency: _cur, ...input } = product;
    const saved = await api.graphql<{ upsertProduct: { imageUrl: string; imageSizes: unknown[] } }>(
      `mutation S($input: ProductInput!) { upsertProduct(input: $input) { imageUrl imageSizes { width } } }`,
      { input: { ...input, imageUrl: before } },
      staff,
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.upsertProduct.imageSizes).toHaveLength(3);
  });
});

describe('what the upload refuses', () => {
  it('refuses a file whose bytes are not a JPEG, PNG or WebP, whatever it claims; the product keeps its picture', async () => {
    const product = await seedProduct(api.table, { imageUrl: 'https://img.farmacruz.mx/antes.png' });
    const fake = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const upload = await requestUpload(product.id, 'image/png', fake.length);
    expect((await post(upload, fake, 'image/png')).status).toBe(204);
    const state = await stateOf(upload.id);
    expect(state).toMatchObject({ status: 'REFUSED', reason: 'El archivo no es una foto JPEG, PNG ni WebP.' });
    const read = await api.graphql<{ product: { imageUrl: string } }>(PRODUCT, { id: product.id });
    expect(read.data!.product.imageUrl).toBe('https://img.farmacruz.mx/antes.png');
  });

  it('refuses a damaged photo (right magic bytes, broken data)', async () => {
    const product = await seedProduct(api.table);
    const damaged = Buffer.concat([(await photo(800, 500, 'jpeg')).subarray(0, 300), Buffer.alloc(3000, 7)]);
    const upload = await requestUpload(product.id, 'image/jpeg', damaged.length);
    await post(upload, damaged, 'image/jpeg');
    expect((await stateOf(upload.id)).status).toBe('REFUSED');
  });

  it('refuses at the API another type, more than 5 MB, an unknown product, and callers who are not staff', async () => {
    const product = await seedProduct(api.table);
    const gif = await api.graphql(CREATE, { productId: product.id, contentType: 'image/gif', sizeBytes: 100 }, staff);
    expect(gif.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'contentType' } });
    const big = await api.graphql(CREATE, { productId: product.id, contentType: 'image/jpeg', sizeBytes: MAX_PRODUCT_IMAGE_BYTES + 1 }, staff);
    expect(big.errors?.[0]).toMatchObject({ errorType: 'ValidationError', errorInfo: { field: 'sizeBytes' } });
    const unknown = await api.graphql(CREATE, { productId: 'NOPE', contentType: 'image/jpeg', sizeBytes: 100 }, staff);
    expect(unknown.errors?.[0]?.errorType).toBe('NotFound');
    for (const caller of ['apiKey', shopper] as const) {
      const refused = await api.graphql(CREATE, { productId: product.id, contentType: 'image/jpeg', sizeBytes: 100 }, caller);
      expect(refused.errors?.[0]?.errorType).toBe('Unauthorized');
    }
  });

  it('has S3 refuse a file over 5 MB, another Content-Type, a tampered policy, an extra field', async () => {
    const product = await seedProduct(api.table);
    const upload = await requestUpload(product.id, 'image/jpeg', 1000);
    const huge = Buffer.alloc(MAX_PRODUCT_IMAGE_BYTES + 1, 0xff);
    const tooBig = await post(upload, huge, 'image/jpeg');
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain('EntityTooLarge');
    const small = await photo(100, 100, 'jpeg');
    const otherType = await post(upload, small, 'image/png', (form) => form.set('Content-Type', 'text/html'));
    expect(otherType.status).toBe(403);
    const otherKey = await post(upload, small, 'image/jpeg', (form) => form.set('key', `images/products/${product.id}/evil-960.webp`));
    expect(otherKey.status).toBe(403);
    const tampered = await post(upload, small, 'image/jpeg', (form) => {
      const policy = JSON.parse(Buffer.from(String(form.get('Policy')), 'base64').toString()) as { conditions: unknown[] };
      policy.conditions = policy.conditions.filter((c) => !Array.isArray(c));
      form.set('Policy', Buffer.from(JSON.stringify(policy)).toString('base64'));
    });
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('SignatureDoesNotMatch');
    const extra = await post(upload, small, 'image/jpeg', (form) => form.append('x-amz-meta-owner', 'me'));
    expect(extra.status).toBe(403);
    expect(await extra.text()).toContain('Extra input fields');
    // None of those reached the bucket; the right one does.
    expect((await post(upload, small, 'image/jpeg')).status).toBe(204);
    expect((await stateOf(upload.id)).status).toBe('READY');
  });

  it('has S3 refuse a correctly signed policy once expired', () => {
    const date = '20260101';
    const policy = Buffer.from(JSON.stringify({ expiration: '2026-01-01T00:05:00.000Z', conditions: [{ bucket: IMAGES_BUCKET }] })).toString('base64');
    const fields = new Map([
      ['policy', policy],
      ['x-amz-algorithm', 'AWS4-HMAC-SHA256'],
      ['x-amz-credential', `${LOCAL_CREDENTIALS.accessKeyId}/${date}/us-east-1/s3/aws4_request`],
      ['x-amz-signature', signPostPolicy(policy, LOCAL_CREDENTIALS.secretAccessKey, date, 'us-east-1')],
    ]);
    expect(verifyPostPolicy(fields, [LOCAL_CREDENTIALS], new Date('2026-01-01T00:04:59Z')).expiration.toISOString()).toBe('2026-01-01T00:05:00.000Z');
    expect(() => verifyPostPolicy(fields, [LOCAL_CREDENTIALS], new Date('2026-01-01T00:05:01Z'))).toThrow(/Policy expired/);
    expect(() => verifyPostPolicy(fields, [{ accessKeyId: 'local', secretAccessKey: 'other' }], new Date('2026-01-01T00:04:59Z'))).toThrow(/signature/);
  });
});
