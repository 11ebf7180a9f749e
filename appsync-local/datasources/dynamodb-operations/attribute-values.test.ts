import { describe, expect, it } from 'vitest';
import { keyIdentity, sameItem, toPlainItem, toSdkMap, toSdkValue } from './attribute-values';
import { RequestObjectError } from './errors';

describe('DynamoDB attribute values → AppSync JSON', () => {
  it('converts every DynamoDB type the way the AppSync type system documents', () => {
    const item = toPlainItem({
      name: { S: 'Paracetamol 500 mg' },
      priceCents: { N: '4550' },
      ratio: { N: '0.25' },
      prescriptionRequired: { BOOL: false },
      imageUrl: { NULL: true },
      activeIngredients: { L: [{ S: 'paracetamol' }, { N: '500' }] },
      presentation: { M: { units: { N: '20' }, form: { S: 'tabletas' } } },
      tags: { SS: ['analgésico', 'fiebre'] },
      sizes: { NS: ['10', '20.5'] },
      thumbnail: { B: Buffer.from('Hello, World!\n') },
      chunks: { BS: [Buffer.from('a'), Buffer.from('b')] },
    });
    expect(item).toEqual({
      name: 'Paracetamol 500 mg',
      priceCents: 4550,
      ratio: 0.25,
      prescriptionRequired: false,
      imageUrl: null,
      activeIngredients: ['paracetamol', 500],
      presentation: { units: 20, form: 'tabletas' },
      tags: ['analgésico', 'fiebre'],
      sizes: [10, 20.5],
      thumbnail: 'SGVsbG8sIFdvcmxkIQo=',
      chunks: ['YQ==', 'Yg=='],
    });
    expect(JSON.parse(JSON.stringify(item))).toEqual(item);
  });
});

describe('AppSync typed values → SDK attribute values', () => {
  it('passes values that are already in SDK form through without copying', () => {
    const key = { PK: { S: 'PRODUCT#01J' }, SK: { S: 'PRODUCT' }, stock: { N: '3' } };
    expect(toSdkMap(key, 'key')).toBe(key);
  });

  it('turns numbers into DynamoDB number strings, also inside maps, lists and number sets', () => {
    const converted = toSdkMap(
      { stock: { N: 12 }, dims: { M: { w: { N: 1.5 } } }, list: { L: [{ N: 2 }] }, ns: { NS: [1, '2'] } },
      'attributeValues',
    );
    expect(converted).toEqual({
      stock: { N: '12' },
      dims: { M: { w: { N: '1.5' } } },
      list: { L: [{ N: '2' }] },
      ns: { NS: ['1', '2'] },
    });
  });

  it('accepts AppSync\'s null form { "NULL": null } and sends DynamoDB\'s { "NULL": true }', () => {
    expect(toSdkMap({ imageUrl: { NULL: null }, ok: { NULL: true } }, 'attributeValues')).toEqual({
      imageUrl: { NULL: true },
      ok: { NULL: true },
    });
    expect(() => toSdkValue({ NULL: false }, 'imageUrl')).toThrow(/imageUrl/);
  });

  it('decodes base64 binaries into bytes', () => {
    const value = toSdkValue({ B: 'SGVsbG8=' }, 'x');
    expect(Buffer.from(value.B as Uint8Array).toString()).toBe('Hello');
  });

  it('rejects a value without a DynamoDB type, naming where it is', () => {
    expect(() => toSdkMap({ PK: 'PRODUCT#1' }, 'key')).toThrow(RequestObjectError);
    expect(() => toSdkMap({ PK: 'PRODUCT#1' }, 'key')).toThrow(/key\.PK/);
    expect(() => toSdkValue({ N: Number.NaN }, 'stock')).toThrow(/stock/);
  });
});

describe('comparing items', () => {
  it('identifies a key the same way however DynamoDB spells the number', () => {
    expect(keyIdentity({ id: { N: '5.0' } }, ['id'])).toBe(keyIdentity({ id: { N: '5' } }, ['id']));
    expect(keyIdentity({ PK: { S: 'a' }, SK: { S: 'b' } }, ['PK', 'SK'])).not.toBe(
      keyIdentity({ PK: { S: 'a' }, SK: { S: 'c' } }, ['PK', 'SK']),
    );
  });

  it('treats sets as unordered and honours the attributes to ignore', () => {
    const stored = { PK: { S: 'P' }, tags: { SS: ['b', 'a'] }, version: { N: '8' } };
    const attempted = { PK: { S: 'P' }, tags: { SS: ['a', 'b'] }, version: { N: '2' } };
    expect(sameItem(stored, attempted)).toBe(false);
    expect(sameItem(stored, attempted, ['version'])).toBe(true);
    expect(sameItem(stored, { ...attempted, extra: { S: 'x' } }, ['version'])).toBe(false);
  });
});
