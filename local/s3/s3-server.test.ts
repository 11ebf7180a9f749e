import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS } from '../dynamodb-local';
import { startS3Server, type S3Server } from './s3-server';

let folder: string;
let server: S3Server;
let s3: S3Client;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'farmacruz-s3-'));
  server = await startS3Server({ host: '127.0.0.1', buckets: { 'farmacruz-emails': folder } });
  s3 = new S3Client({ region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  s3.destroy();
  await server.close();
  await rm(folder, { recursive: true, force: true });
});

describe('local S3 endpoint', () => {
  it('stores an object put by the v3 client as a plain file at its key', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'farmacruz-emails', Key: '2025/03/14/ORDER1/v1-OrderPlaced.eml', Body: 'From: a@b.c\r\n\r\nHola – ñ' }));
    expect(await readFile(path.join(folder, '2025', '03', '14', 'ORDER1', 'v1-OrderPlaced.eml'), 'utf8')).toBe('From: a@b.c\r\n\r\nHola – ñ');
  });

  it('serves objects back and lists them by prefix', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'farmacruz-emails', Key: 'list/a.txt', Body: 'A' }));
    const object = await s3.send(new GetObjectCommand({ Bucket: 'farmacruz-emails', Key: 'list/a.txt' }));
    expect(await object.Body?.transformToString()).toBe('A');
    const listing = await s3.send(new ListObjectsV2Command({ Bucket: 'farmacruz-emails', Prefix: 'list/' }));
    expect(listing.Contents?.map((c) => c.Key)).toEqual(['list/a.txt']);
  });

  it('answers NoSuchKey and NoSuchBucket like S3', async () => {
    await expect(s3.send(new GetObjectCommand({ Bucket: 'farmacruz-emails', Key: 'missing' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(s3.send(new PutObjectCommand({ Bucket: 'other', Key: 'k', Body: 'x' }))).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });
});
