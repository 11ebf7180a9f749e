/**
 * A local S3 endpoint where each bucket is a plain folder and each object a plain file at its key, so
 * `.data/emails/2025/03/14/<order>/v1-OrderPlaced.eml` is exactly where the object sits in the bucket.
 * The handlers' unchanged S3 client reaches it (path-style URLs) for PutObject, GetObject, HeadObject,
 * DeleteObject and ListObjectsV2. Object metadata and versions are not kept.
 *
 * Browsers reach it too: GET of `images/` keys (public, as CloudFront serves them in AWS) and the presigned POST
 * upload (post-policy.ts: signature, expiry, every condition, the size range), with CORS. Every object written
 * (PUT or POST) is reported to `onObjectCreated`, which the event fabric turns into S3 notifications.
 */
import Busboy from 'busboy';
import { listenLocally, readRequestBody } from '../http-endpoint';
import { checkPostConditions, PostPolicyError, verifyPostPolicy, type PostPolicy, type PostPolicyCredentials } from './post-policy';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface S3Server {
  readonly endpoint: string;
  close(): Promise<void>;
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}


/**
 * Decodes the `aws-chunked` body the SDK sends for streamed uploads with trailing checksums:
 * `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` … `0\r\n<trailers>\r\n\r\n`.
 */
export function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let position = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', position);
    if (lineEnd < 0) throw new Error('Malformed aws-chunked body');
    const size = Number.parseInt(body.subarray(position, lineEnd).toString('ascii').split(';')[0]!, 16);
    if (Number.isNaN(size)) throw new Error('Malformed aws-chunked chunk size');
    if (size === 0) return Buffer.concat(parts);
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    position = lineEnd + 2 + size + 2;
  }
}

function contentTypeOf(key: string): string {
  if (key.endsWith('.webp')) return 'image/webp';
  if (key.endsWith('.svg')) return 'image/svg+xml';
  if (key.endsWith('.png')) return 'image/png';
  if (key.endsWith('.jpg') || key.endsWith('.jpeg')) return 'image/jpeg';
  if (key.endsWith('.eml')) return 'message/rfc822';
  if (key.endsWith('.gz')) return 'application/gzip';
  if (key.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}

async function listFiles(root: string, folder = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, folder), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const keys: string[] = [];
  for (const entry of entries) {
    const key = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) keys.push(...(await listFiles(root, key)));
    else if (!entry.name.endsWith('.tmp')) keys.push(key);
  }
  return keys;
}

/** An object the endpoint has just stored. */
export interface CreatedObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly eTag: string;
}

export async function startS3Server(options: {
  host: string;
  port?: number;
  /** Bucket name → the folder that is its root. */
  buckets: Readonly<Record<string, string>>;
  /** Keys whose signed POST policies it accepts (the local credentials); no POST uploads without. */
  credentials?: readonly PostPolicyCredentials[];
  /** Called after each object is written (PutObject or POST upload). */
  onObjectCreated?: (object: CreatedObject) => void;
  now?: () => Date;
}): Promise<S3Server> {
  const now = options.now ?? (() => new Date());
  for (const folder of Object.values(options.buckets)) await mkdir(folder, { recursive: true });

  const error = (response: ServerResponse, status: number, code: string, message: string) => {
    response.writeHead(status, { 'content-type': 'application/xml' });
    response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error>`);
  };

  const writeObject = async (bucket: string, root: string, key: string, body: Buffer) => {
    const file = path.join(root, ...key.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, file);
    const eTag = createHash('md5').update(body).digest('hex');
    options.onObjectCreated?.({ bucket, key, size: body.length, eTag });
    return eTag;
  };

  /** POST Object: a multipart form with the policy fields first and the file last (as browsers send it). */
  const postObject = async (request: IncomingMessage, response: ServerResponse, bucket: string, root: string) => {
    const fields = new Map<string, string>();
    let policy: PostPolicy | null = null;
    let failure: PostPolicyError | null = null;
    let file: Buffer | null = null;
    await new Promise<void>((resolve, reject) => {
      let parser: Busboy.Busboy;
      try {
        parser = Busboy({ headers: request.headers, limits: { fields: 50, fieldSize: 64 * 1024, files: 1 } });
      } catch (error) {
        failure = new PostPolicyError(400, 'MalformedPOSTRequest', `The body of your POST request is not well-formed multipart/form-data (${(error as Error).message}).`);
        request.resume();
        return resolve();
      }
      parser.on('field', (name, value) => fields.set(name.toLowerCase(), value));
      parser.on('file', (_name, stream) => {
        try {
          policy ??= verifyPostPolicy(fields, options.credentials ?? [], now());
        } catch (error) {
          failure = error as PostPolicyError;
          stream.resume();
          return;
        }
        const max = policy.lengthRange?.max ?? 5 * 1024 * 1024 * 1024;
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > max) {
            failure ??= new PostPolicyError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
            return;
          }
          chunks.push(chunk);
        });
        stream.on('end', () => {
          if (!failure) file = Buffer.concat(chunks);
        });
      });
      parser.on('error', reject);
      parser.on('close', () => resolve());
      request.pipe(parser);
    }).catch((error: unknown) => {
      failure = new PostPolicyError(400, 'MalformedPOSTRequest', `The body of your POST request is not well-formed multipart/form-data (${String(error)}).`);
    });
    try {
      if (failure) throw failure as PostPolicyError;
      policy ??= verifyPostPolicy(fields, options.credentials ?? [], now());
      const body = file as Buffer | null;
      if (!body) throw new PostPolicyError(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
      checkPostConditions(policy, fields, bucket);
      if (policy.lengthRange && body.length < policy.lengthRange.min) {
        throw new PostPolicyError(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
      }
      const key = fields.get('key') ?? '';
      if (!key || key.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')) {
        throw new PostPolicyError(400, 'InvalidArgument', 'The key field is missing or not supported locally.');
      }
      const eTag = await writeObject(bucket, root, key, body);
      response.writeHead(Number(fields.get('success_action_status') ?? 204) === 201 ? 201 : 204, { etag: `"${eTag}"`, location: `/${bucket}/${key}` });
      return response.end();
    } catch (caught) {
      const refusal = caught instanceof PostPolicyError ? caught : new PostPolicyError(500, 'InternalError', String(caught));
      return error(response, refusal.status, refusal.code, refusal.message);
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    // Browsers upload (POST) and read images from another origin than the web app's.
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-expose-headers', 'etag, location');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'access-control-allow-methods': 'GET, HEAD, POST',
        'access-control-allow-headers': String(request.headers['access-control-request-headers'] ?? '*'),
        'access-control-max-age': '3000',
      });
      return response.end();
    }
    const url = new URL(request.url ?? '/', 'http://local');
    const [bucket = '', ...rest] = url.pathname.slice(1).split('/');
    const root = options.buckets[decodeURIComponent(bucket)];
    if (!root) return error(response, 404, 'NoSuchBucket', `The specified bucket does not exist: ${bucket}`);
    const key = rest.map(decodeURIComponent).join('/');
    if (key.split('/').some((segment) => segment === '..' || segment === '.')) {
      return error(response, 400, 'InvalidArgument', 'Object keys with . or .. segments are not supported locally');
    }
    const file = path.join(root, ...key.split('/'));

    if (request.method === 'GET' && !key && url.searchParams.get('list-type') === '2') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const maxKeys = Number(url.searchParams.get('max-keys') ?? 1000);
      const keys = (await listFiles(root)).filter((k) => k.startsWith(prefix)).sort().slice(0, maxKeys);
      const contents = await Promise.all(
        keys.map(async (k) => {
          const info = await stat(path.join(root, ...k.split('/')));
          return `<Contents><Key>${xmlEscape(k)}</Key><LastModified>${info.mtime.toISOString()}</LastModified><Size>${info.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
        }),
      );
      response.writeHead(200, { 'content-type': 'application/xml' });
      return response.end(
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xmlEscape(bucket)}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>false</IsTruncated>${contents.join('')}</ListBucketResult>`,
      );
    }
    if (!key && request.method === 'POST') return postObject(request, response, decodeURIComponent(bucket), root);
    if (!key) return error(response, 400, 'InvalidRequest', 'Bucket-level operations other than ListObjectsV2 and POST Object are not supported locally');

    if (request.method === 'PUT' && request.headers['x-amz-copy-source']) {
      // CopyObject: `<bucket>/<key>` (URL-encoded, optionally with a leading slash), pinned by x-amz-copy-source-if-match.
      await readRequestBody(request);
      const source = decodeURIComponent(String(request.headers['x-amz-copy-source']).replace(/^\//, '').split('?')[0]!);
      const [sourceBucket = '', ...sourceRest] = source.split('/');
      const sourceRoot = options.buckets[sourceBucket];
      const sourceKey = sourceRest.join('/');
      if (!sourceRoot || sourceKey.split('/').some((segment) => segment === '..' || segment === '.' || segment === '')) {
        return error(response, 404, 'NoSuchKey', 'The specified key does not exist.');
      }
      let body: Buffer;
      try {
        body = await readFile(path.join(sourceRoot, ...sourceKey.split('/')));
      } catch {
        return error(response, 404, 'NoSuchKey', 'The specified key does not exist.');
      }
      const sourceTag = createHash('md5').update(body).digest('hex');
      const ifMatch = request.headers['x-amz-copy-source-if-match'];
      if (ifMatch && String(ifMatch).replace(/"/g, '') !== sourceTag) {
        return error(response, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
      }
      const eTag = await writeObject(decodeURIComponent(bucket), root, key, body);
      response.writeHead(200, { 'content-type': 'application/xml' });
      return response.end(
        `<?xml version="1.0" encoding="UTF-8"?><CopyObjectResult><LastModified>${now().toISOString()}</LastModified><ETag>"${eTag}"</ETag></CopyObjectResult>`,
      );
    }
    if (request.method === 'PUT') {
      let body = await readRequestBody(request);
      const encoding = String(request.headers['content-encoding'] ?? '');
      const sha = String(request.headers['x-amz-content-sha256'] ?? '');
      if (encoding.includes('aws-chunked') || sha.startsWith('STREAMING-')) body = decodeAwsChunked(body);
      const eTag = await writeObject(decodeURIComponent(bucket), root, key, body);
      response.writeHead(200, { etag: `"${eTag}"` });
      return response.end();
    }
    if (request.method === 'GET' || request.method === 'HEAD') {
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        if (request.method === 'HEAD') {
          response.writeHead(404);
          return response.end();
        }
        return error(response, 404, 'NoSuchKey', 'The specified key does not exist.');
      }
      const info = await stat(file);
      response.writeHead(200, {
        'content-type': contentTypeOf(key),
        'content-length': body.length,
        etag: `"${createHash('md5').update(body).digest('hex')}"`,
        'last-modified': info.mtime.toUTCString(),
        // The sizes made from an upload are named by the upload: never changed, cacheable forever.
        ...(key.startsWith('images/products/') ? { 'cache-control': 'public, max-age=31536000, immutable' } : {}),
      });
      return response.end(request.method === 'GET' ? body : undefined);
    }
    if (request.method === 'DELETE') {
      await rm(file, { force: true });
      response.writeHead(204);
      return response.end();
    }
    return error(response, 405, 'MethodNotAllowed', `${request.method} is not supported locally`);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((failure: unknown) => error(response, 500, 'InternalError', String(failure)));
  });
  const listening = await listenLocally(server, options.host, options.port);
  return {
    endpoint: listening.endpoint,
    close: listening.close,
  };
}
