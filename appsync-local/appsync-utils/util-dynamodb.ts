/**
 * `util.dynamodb`: JavaScript values to DynamoDB attribute values (`{ S: "x" }`, `{ N: 1 }`, ...).
 * Like AppSync, numbers stay JavaScript numbers inside `N` (and `NS`): AppSync's own evaluation of
 * `util.dynamodb.toDynamoDB(12345)` answers `{ "N": 12345 }`, and the DynamoDB data source turns them into
 * the wire format's strings. Lists and maps become `L`/`M`, never sets, as the reference says.
 */

export type AttributeValue = Readonly<Record<string, unknown>>;

export interface DynamoDBUtils {
  toDynamoDB(value: unknown): AttributeValue | null;
  toString(value: unknown): AttributeValue | null;
  toStringSet(list: unknown): AttributeValue | null;
  toNumber(value: unknown): AttributeValue | null;
  toNumberSet(list: unknown): AttributeValue | null;
  toBinary(value: unknown): AttributeValue | null;
  toBinarySet(list: unknown): AttributeValue | null;
  toBoolean(value: unknown): AttributeValue | null;
  toNull(): AttributeValue;
  toList(value: unknown): AttributeValue | null;
  toMap(value: unknown): AttributeValue | null;
  toMapValues(value: unknown): Record<string, AttributeValue> | null;
  toS3Object(key: string, bucket: string, region: string, version?: string): AttributeValue | null;
  fromS3ObjectJson(s3ObjectString: string): unknown;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toDynamoDB(value: unknown): AttributeValue | null {
  if (value === null) return { NULL: null };
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      return { N: value };
    case 'boolean':
      return { BOOL: value };
    case 'object':
      return Array.isArray(value) ? { L: value.map((item) => toDynamoDB(item) ?? { NULL: null }) } : { M: toMapValues(value) };
    default:
      return null;
  }
}

export function toMapValues(value: unknown): Record<string, AttributeValue> | null {
  if (!isMap(value)) return null;
  const out: Record<string, AttributeValue> = {};
  for (const key of Object.keys(value)) {
    const converted = toDynamoDB(value[key]);
    // `undefined` (and functions) have no JSON form: the attribute is simply absent.
    if (converted !== null) out[key] = converted;
  }
  return out;
}

const orNull = (wrap: (value: unknown) => AttributeValue) => (value: unknown) =>
  value === null || value === undefined ? null : wrap(value);

const listOrNull = (wrap: (list: unknown[]) => AttributeValue) => (value: unknown) =>
  Array.isArray(value) ? wrap(value) : null;

export function createDynamoDBUtils(): DynamoDBUtils {
  return {
    toDynamoDB,
    toString: orNull((v) => ({ S: String(v) })),
    toStringSet: listOrNull((list) => ({ SS: list.map(String) })),
    toNumber: orNull((v) => ({ N: Number(v) })),
    toNumberSet: listOrNull((list) => ({ NS: list.map(Number) })),
    toBinary: orNull((v) => ({ B: String(v) })),
    toBinarySet: listOrNull((list) => ({ BS: list.map(String) })),
    toBoolean: orNull((v) => ({ BOOL: Boolean(v) })),
    toNull: () => ({ NULL: null }),
    toList: listOrNull((list) => toDynamoDB(list) as AttributeValue),
    toMap: (value) => (isMap(value) ? { M: toMapValues(value) } : null),
    toMapValues,
    toS3Object(key, bucket, region, version) {
      if (key === undefined || key === null || bucket === undefined || bucket === null || region === undefined || region === null) return null;
      const s3: Record<string, string> = { key: String(key), bucket: String(bucket), region: String(region) };
      if (version !== undefined && version !== null) s3.version = String(version);
      return { S: JSON.stringify({ s3 }) };
    },
    fromS3ObjectJson(s3ObjectString) {
      const parsed: unknown = JSON.parse(String(s3ObjectString));
      return isMap(parsed) && isMap(parsed.s3) ? parsed.s3 : null;
    },
  };
}
