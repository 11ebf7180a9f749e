/**
 * Static check of a bundled APPSYNC_JS module before it is run: AppSync refuses (at save time) code that
 * uses a language feature its runtime does not support, and so does the local runtime, naming the file,
 * line, column and construct. This is the run-time half of "APPSYNC_JS rules enforced twice"; the lint
 * half is @aws-appsync/eslint-plugin on the sources.
 *
 * Refused: try/catch/finally, throw, while, do-while, for(;;), labels, continue, async functions, await,
 * generators and yield, classes, `this`, `super`, ++ / -- / ~, the `in` and `instanceof` operators,
 * regular expression and BigInt literals, `new Promise`, a function written as a call argument (but to
 * the array methods that take callbacks), dynamic import and import.meta, imports of
 * anything but '@aws-appsync/utils' and '@aws-appsync/utils/dynamodb', re-exports, and code over 32 KB.
 */
import { parse, type Node, type Program } from 'acorn';
import { full } from 'acorn-walk';
import { CALLBACK_METHODS, memberName } from './module-source';
import { originalPosition, type SourcePosition } from './source-positions';

/** AppSync's limit on a resolver's or function's code, in bytes. */
export const APPSYNC_CODE_LIMIT_BYTES = 32 * 1024;

export const ALLOWED_IMPORTS: readonly string[] = ['@aws-appsync/utils', '@aws-appsync/utils/dynamodb'];

/** Identifiers the sandbox uses for its own plumbing; resolver code may not declare or read them. */
export const RESERVED_PREFIX = '__appsync';

export interface CodeViolation {
  /** 1-based line and column in the bundle. */
  readonly line: number;
  readonly column: number;
  readonly construct: string;
  /** Where the construct is in the TypeScript source, when the bundle carries a source map. */
  readonly original?: SourcePosition;
}

export class AppSyncCodeError extends Error {
  constructor(
    readonly filename: string,
    readonly violations: readonly CodeViolation[],
  ) {
    super(
      `${filename} is not valid APPSYNC_JS:\n` +
        violations
          .map((v) => {
            const original = v.original ? ` (${v.original.source}:${v.original.line}:${v.original.column})` : '';
            return `  ${filename}:${v.line}:${v.column}${original}: ${v.construct}`;
          })
          .join('\n'),
    );
    this.name = 'AppSyncCodeError';
  }
}

type AnyNode = Node & Record<string, any>;

function violationOf(node: AnyNode): string | undefined {
  switch (node.type) {
    case 'TryStatement':
      return 'try/catch/finally is not supported';
    case 'ThrowStatement':
      return 'throw is not supported (use util.error)';
    case 'WhileStatement':
      return 'while loops are not supported (use for-of or for-in)';
    case 'DoWhileStatement':
      return 'do-while loops are not supported (use for-of or for-in)';
    case 'ForStatement':
      return 'for(;;) loops are not supported (use for-of or for-in)';
    case 'LabeledStatement':
      return 'labeled statements are not supported';
    case 'ContinueStatement':
      return 'continue is not supported';
    case 'ForOfStatement':
      return node.await ? 'for await is not supported' : undefined;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      if (node.async) return 'async functions are not supported';
      if (node.generator) return 'generators are not supported';
      return undefined;
    case 'AwaitExpression':
      return 'await is not supported';
    case 'YieldExpression':
      return 'yield is not supported';
    case 'ClassDeclaration':
    case 'ClassExpression':
      return 'classes are not supported';
    case 'ThisExpression':
      return '`this` is not supported';
    case 'Super':
      return '`super` is not supported';
    case 'UpdateExpression':
      return `the ${node.operator} operator is not supported`;
    case 'UnaryExpression':
      return node.operator === '~' ? 'the ~ operator is not supported' : undefined;
    case 'BinaryExpression':
      if (node.operator === 'in') return 'the `in` operator is not supported (use Object.hasOwn)';
      if (node.operator === 'instanceof') return 'the `instanceof` operator is not supported';
      return undefined;
    case 'Literal':
      if (node.regex) return 'regular expression literals are not supported';
      if (node.bigint !== undefined) return 'BigInt literals are not supported';
      return undefined;
    case 'NewExpression':
      if (node.callee.type === 'Identifier' && node.callee.name === 'Promise') return 'Promise is not supported';
      return functionLiteralArgument(node);
    case 'CallExpression':
      return functionLiteralArgument(node);
    case 'ImportDeclaration':
      return ALLOWED_IMPORTS.includes(node.source.value)
        ? undefined
        : `import of '${node.source.value}' is not supported (only ${ALLOWED_IMPORTS.map((m) => `'${m}'`).join(' and ')}; bundle everything else)`;
    case 'ImportExpression':
      return 'dynamic import() is not supported';
    case 'MetaProperty':
      return node.meta.name === 'import' ? 'import.meta is not supported' : undefined;
    case 'ExportAllDeclaration':
      return 'export * from is not supported';
    case 'ExportNamedDeclaration':
      return node.source ? 're-exporting from another module is not supported' : undefined;
    case 'Identifier':
      return node.name.startsWith(RESERVED_PREFIX) ? `the identifier ${node.name} is reserved by the local runtime` : undefined;
    default:
      return undefined;
  }
}

/**
 * A function written directly as a call argument, outside the array methods whose callbacks APPSYNC_JS
 * accepts (module-source.ts checks arguments that are functions only at run time, such as a named one).
 * The wording is @aws-appsync/eslint-plugin's no-function-passing rule.
 */
function functionLiteralArgument(node: AnyNode): string | undefined {
  if (node.callee.type === 'MemberExpression' && CALLBACK_METHODS.has(memberName(node.callee))) return undefined;
  const passed = (node.arguments as AnyNode[]).some((a) => a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression');
  if (!passed) return undefined;
  const method = node.callee.type === 'MemberExpression' ? memberName(node.callee) : '';
  return method === 'sort' || method === 'toSorted'
    ? 'Functions can not be passed as an argument (Array.prototype.sort takes no comparator in APPSYNC_JS)'
    : 'Functions can not be passed as an argument';
}

export interface ValidatedModule {
  readonly ast: Program;
}

/**
 * Parses `code` as an ES module and checks it against APPSYNC_JS's rules. Throws `AppSyncCodeError`
 * listing every violation; returns the syntax tree for the loader otherwise.
 */
export function validateAppSyncCode(code: string, filename: string): ValidatedModule {
  const violations: CodeViolation[] = [];
  const bytes = Buffer.byteLength(code, 'utf8');
  if (bytes > APPSYNC_CODE_LIMIT_BYTES) {
    violations.push({ line: 1, column: 1, construct: `code is ${bytes} bytes, over AppSync's ${APPSYNC_CODE_LIMIT_BYTES}-byte limit` });
  }
  let ast: Program;
  try {
    ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    throw new AppSyncCodeError(filename, [
      ...violations,
      { line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1, construct: `syntax error: ${(error as Error).message}` },
    ]);
  }
  full(ast, (node) => {
    const construct = violationOf(node as AnyNode);
    if (construct === undefined) return;
    const start = node.loc!.start;
    const original = originalPosition(code, filename, start.line, start.column);
    violations.push({ line: start.line, column: start.column + 1, construct, ...(original ? { original } : {}) });
  });
  if (violations.length > 0) throw new AppSyncCodeError(filename, violations);
  return { ast };
}
