/**
 * AppSync's AWS scalars, validated as AppSync validates them: a bad value in a variable or literal fails the
 * request before any resolver runs.
 */
import { isIP } from 'node:net';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$/;
const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)$/;
// The guide (Scalar types, AWSEmail): local-part@domain-part as RFC 822 defines it; a domain without a dot
// (`a@b`) is one.
const EMAIL = /^[^\s@]+@[^\s@]+$/;
// The guide (Scalar types, AWSPhone): digit groups separated by spaces or hyphens; with a country code
// (+, E.164: at most 15 digits), or without one a North American (NANP) number: 10 digits, optionally after 1.
const PHONE_INTERNATIONAL = /^\+\d(?:[ -]?\d){6,14}$/;
const PHONE_NANP = /^(?:1[ -]?)?[2-9]\d{2}[ -]?[2-9]\d{2}[ -]?\d{4}$/;
const URL_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

type Check = (value: string) => boolean;

function stringScalar(name: string, description: string, check: Check): GraphQLScalarType {
  const validate = (value: unknown): string => {
    if (typeof value !== 'string' || !check(value)) {
      throw new GraphQLError(`Invalid ${name} value: ${JSON.stringify(value)}`);
    }
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: validate,
    parseValue: validate,
    parseLiteral(ast: ValueNode) {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string literal`, { nodes: ast });
      return validate(ast.value);
    },
  });
}

function isAppSyncUrl(value: string): boolean {
  if (!URL_SCHEME.test(value)) return false;
  try {
    const url = new URL(value);
    return !url.pathname.includes('//');
  } catch {
    return false;
  }
}

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isIpAddress(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (version === 4 ? 32 : 128);
}

const AWSTimestamp = new GraphQLScalarType({
  name: 'AWSTimestamp',
  description: 'Seconds since 1970-01-01T00:00Z, an integer.',
  serialize(value) {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new GraphQLError(`Invalid AWSTimestamp value: ${JSON.stringify(value)}`);
    return value;
  },
  parseValue(value) {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new GraphQLError(`Invalid AWSTimestamp value: ${JSON.stringify(value)}`);
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw new GraphQLError('AWSTimestamp must be an integer literal', { nodes: ast });
    return Number(ast.value);
  },
});

const AWSJSON = new GraphQLScalarType({
  name: 'AWSJSON',
  description: 'A JSON document, sent as a string.',
  serialize(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
  },
  parseValue(value) {
    if (typeof value !== 'string') throw new GraphQLError('AWSJSON must be a string containing JSON');
    try {
      return JSON.parse(value);
    } catch {
      throw new GraphQLError(`Invalid AWSJSON value: ${value.slice(0, 100)}`);
    }
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('AWSJSON must be a string literal', { nodes: ast });
    try {
      return JSON.parse(ast.value);
    } catch {
      throw new GraphQLError(`Invalid AWSJSON value: ${ast.value.slice(0, 100)}`, { nodes: ast });
    }
  },
});

export const awsScalars: readonly GraphQLScalarType[] = [
  stringScalar('AWSDate', 'A date, YYYY-MM-DD, optionally with a time zone offset.', (v) => DATE.test(v) && isCalendarDate(v)),
  stringScalar('AWSTime', 'A time of day, hh:mm[:ss[.sss]], optionally with a time zone offset.', (v) => TIME.test(v)),
  stringScalar('AWSDateTime', 'An ISO-8601 date and time with a time zone offset or Z.', (v) => DATE_TIME.test(v) && isCalendarDate(v)),
  stringScalar('AWSEmail', 'An email address, local-part@domain.', (v) => v.length <= 254 && EMAIL.test(v)),
  stringScalar('AWSURL', 'A URL with a scheme (RFC 1738), e.g. https://example.com/a.png.', isAppSyncUrl),
  stringScalar(
    'AWSPhone',
    'A phone number: +country code and up to 15 digits, or a 10-digit North American number; spaces or hyphens between groups.',
    (v) => PHONE_INTERNATIONAL.test(v) || PHONE_NANP.test(v),
  ),
  stringScalar('AWSIPAddress', 'An IPv4 or IPv6 address, optionally with a CIDR prefix.', isIpAddress),
  AWSTimestamp,
  AWSJSON,
];
