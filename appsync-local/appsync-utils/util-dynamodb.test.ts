// Expected values are what AppSync's own EvaluateCode answers for the reference examples of
// util.dynamodb (numbers stay numbers inside N and NS).
import { describe, expect, it } from 'vitest';
import { createDynamoDBUtils } from './util-dynamodb';

const dynamodb = createDynamoDBUtils();

describe('util.dynamodb.toDynamoDB', () => {
  it('converts scalars', () => {
    expect(dynamodb.toDynamoDB('test')).toEqual({ S: 'test' });
    expect(dynamodb.toDynamoDB(12345)).toEqual({ N: 12345 });
    expect(dynamodb.toDynamoDB(true)).toEqual({ BOOL: true });
    expect(dynamodb.toDynamoDB(null)).toEqual({ NULL: null });
  });

  it('converts objects and lists recursively, using L and M, never sets', () => {
    expect(dynamodb.toDynamoDB({ foo: 'bar', baz: 1234, beep: ['boop'] })).toEqual({
      M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } },
    });
  });

  it('leaves undefined attributes out of a map', () => {
    expect(dynamodb.toMapValues({ a: 1, b: undefined })).toEqual({ a: { N: 1 } });
  });
});

describe('util.dynamodb typed helpers', () => {
  it('toString, toNumber, toBoolean, toNull', () => {
    expect(dynamodb.toString('test')).toEqual({ S: 'test' });
    expect(dynamodb.toNumber(12345)).toEqual({ N: 12345 });
    expect(dynamodb.toBoolean(true)).toEqual({ BOOL: true });
    expect(dynamodb.toNull()).toEqual({ NULL: null });
  });

  it('answer null for null or undefined input', () => {
    expect(dynamodb.toString(null)).toBeNull();
    expect(dynamodb.toNumber(undefined)).toBeNull();
    expect(dynamodb.toStringSet(null)).toBeNull();
  });

  it('sets', () => {
    expect(dynamodb.toStringSet(['foo', 'bar', 'baz'])).toEqual({ SS: ['foo', 'bar', 'baz'] });
    expect(dynamodb.toNumberSet([1, 23, 4.56])).toEqual({ NS: [1, 23, 4.56] });
    expect(dynamodb.toBinarySet(['foo', 'bar', 'baz'])).toEqual({ BS: ['foo', 'bar', 'baz'] });
  });

  it('toBinary', () => {
    expect(dynamodb.toBinary('foo')).toEqual({ B: 'foo' });
  });

  it('toList', () => {
    expect(dynamodb.toList(['foo', 123, { bar: 'baz' }])).toEqual({ L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] });
  });

  it('toMap and toMapValues', () => {
    const input = { foo: 'bar', baz: 1234, beep: ['boop'] };
    const values = { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } };
    expect(dynamodb.toMap(input)).toEqual({ M: values });
    expect(dynamodb.toMapValues(input)).toEqual(values);
  });
});

describe('util.dynamodb S3 objects', () => {
  it('toS3Object with three and four arguments', () => {
    expect(dynamodb.toS3Object('foo', 'bar', 'baz')).toEqual({ S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' });
    expect(dynamodb.toS3Object('foo', 'bar', 'baz', 'beep')).toEqual({
      S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}',
    });
  });

  it('fromS3ObjectJson reads the string value back', () => {
    expect(dynamodb.fromS3ObjectJson('{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}')).toEqual({
      key: 'foo',
      bucket: 'bar',
      region: 'baz',
      version: 'beep',
    });
  });
});
