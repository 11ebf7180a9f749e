/**
 * Where the prerendered site is written: the web bucket (S3 in AWS, the local S3 endpoint's folder
 * locally, through the same S3 client), or a plain folder (the full-render script and the benchmark).
 */
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface SiteStore {
  put(key: string, body: string, contentType: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** The object's text, or null when there is none. */
  read(key: string): Promise<string | null>;
}

/**
 * How long browsers and CloudFront keep a prerendered page or sitemap. Short instead of invalidating on
 * every change: products change with every order (stock), CloudFront charges per invalidated path past
 * 1,000 a month and takes minutes to apply one, while a page a few minutes old is harmless (the app
 * takes over with live data from the API). Browsers revalidate after a minute, CloudFront after five.
 */
export const PAGE_CACHE_CONTROL = 'public, max-age=60, s-maxage=300';

export function contentTypeOfKey(key: string): string {
  if (key.endsWith('.xml')) return 'application/xml; charset=utf-8';
  if (key.endsWith('.txt')) return 'text/plain; charset=utf-8';
  return 'text/html; charset=utf-8';
}

export function s3SiteStore(s3: S3Client, bucket: string): SiteStore {
  return {
    async put(key, body, contentType) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, CacheControl: PAGE_CACHE_CONTROL }));
    },
    async delete(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async read(key) {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return (await object.Body?.transformToString('utf-8')) ?? null;
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === 'NoSuchKey' || name === 'NotFound' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
        throw error;
      }
    },
  };
}

/** A folder standing for the bucket: each object a file at its key (written whole through a rename). */
export function folderSiteStore(root: string): SiteStore {
  const fileOf = (key: string) => {
    const file = path.resolve(root, key);
    if (!file.startsWith(path.resolve(root) + path.sep)) throw new Error(`Key outside the site folder: ${key}`);
    return file;
  };
  return {
    async put(key, body) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, body);
      await rename(temporary, file);
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
    async read(key) {
      try {
        return await readFile(fileOf(key), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
