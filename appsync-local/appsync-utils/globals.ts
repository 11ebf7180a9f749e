/**
 * The `util`, `runtime` and `extensions` objects resolver code sees, assembled from the util modules.
 * The surface is APPSYNC_JS's (the types in @aws-appsync/utils), not VTL's `$util`: helpers that only
 * exist in VTL (`isNull`, `defaultIfNull`, `typeOf`, `str.toUpper`, `toJson`, ...) are absent, so code
 * using them fails locally exactly as it fails once deployed. `util.rds`, `util.http`, `util.xml` and
 * `util.transform.toElasticsearchQueryDSL` belong to data source kinds this project does not use and are
 * not provided.
 *
 * Runs inside the sandbox realm; everything it needs from the host comes through `UtilHost`.
 */
import { createDynamoDBUtils, type DynamoDBUtils } from './util-dynamodb';
import { base64Decode, base64Encode, escapeJavaScript, urlDecode, urlEncode } from './encoding';
import { createExtensions, type Extensions } from './extensions';
import { autoId, autoKsuid, autoUlid, type RandomBytes } from './ids';
import { javaMatches } from './java-regex';
import { ErrorSignal, type InvocationState, raisedError, UnauthorizedSignal } from './invocation';
import { createMathUtils, type MathUtils } from './math';
import { createRuntime, type Runtime } from './runtime';
import { createStringUtils, type StringUtils } from './string';
import { createTimeUtils, type TimeUtils } from './time';
import { createTransformUtils, type TransformUtils } from './transform';

export interface UtilHost {
  readonly randomBytes: RandomBytes;
  readonly now: () => number;
  readonly random: () => number;
  /** The invocation currently running; the runtime replaces it before each handler call. */
  readonly state: () => InvocationState;
}

export interface Util {
  escapeJavaScript(value: string): string;
  urlEncode(value: string): string;
  urlDecode(value: string): string;
  base64Encode(value: string): string;
  base64Decode(value: string): string;
  autoId(): string;
  autoUlid(): string;
  autoKsuid(): string;
  unauthorized(): never;
  error(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never;
  appendError(message: string, errorType?: string, data?: unknown, errorInfo?: unknown): void;
  matches(pattern: string, value: string): boolean;
  authType(): string;
  readonly time: TimeUtils;
  readonly dynamodb: DynamoDBUtils;
  readonly transform: TransformUtils;
  readonly math: MathUtils;
  readonly str: StringUtils;
}

export interface AppSyncGlobals {
  readonly util: Util;
  readonly runtime: Runtime;
  readonly extensions: Extensions;
}

export function createAppSyncGlobals(host: UtilHost): AppSyncGlobals {
  const util: Util = {
    escapeJavaScript,
    urlEncode,
    urlDecode,
    base64Encode,
    base64Decode,
    autoId: () => autoId(host.randomBytes),
    autoUlid: () => autoUlid(host.randomBytes, host.now()),
    autoKsuid: () => autoKsuid(host.randomBytes, host.now()),
    unauthorized() {
      throw new UnauthorizedSignal();
    },
    error(message, errorType, data, errorInfo) {
      throw new ErrorSignal(raisedError(message, errorType, data, errorInfo));
    },
    appendError(message, errorType, data, errorInfo) {
      host.state().appendedErrors.push(raisedError(message, errorType, data, errorInfo));
    },
    // Java's Pattern.matches: a Java regular expression, matching the whole value.
    matches: (pattern, value) => javaMatches(String(pattern), String(value)),
    authType: () => host.state().field.authType,
    time: createTimeUtils(host.now),
    dynamodb: createDynamoDBUtils(),
    transform: createTransformUtils(),
    math: createMathUtils(host.random),
    str: createStringUtils(),
  };
  return { util, runtime: createRuntime(), extensions: createExtensions(host.state) };
}
