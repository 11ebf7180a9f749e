/**
 * Turns a validated APPSYNC_JS ES module into a script the sandbox realm can evaluate once and call many
 * times. The deployed artifact stays the ESM file; this rewrite happens in memory at load time:
 *
 *  - the module body becomes a strict function whose `import`s are resolved from the runtime's built-in
 *    modules and whose exports are returned as an object;
 *  - the body sits inside an outer function whose parameters supply `util`, `runtime`, `extensions` and
 *    `console`, and shadow, with `undefined`, every global APPSYNC_JS does not offer (globalThis,
 *    Function, eval, Promise, Proxy, Reflect, RegExp, Intl, Symbol, typed arrays, ...);
 *  - every loop body first calls the time-limit guard, so an endless loop ends with a timeout instead of
 *    hanging the server; every function body first calls `enter` (the guard plus the recursion check:
 *    APPSYNC_JS does not support recursive calls) and `leave` when it is done;
 *  - every call argument that could hold a function is checked at run time (APPSYNC_JS does not support
 *    passing functions as arguments, except callbacks to the array methods its linter allows);
 *
 * Lines keep their numbers; the columns shifted by the edits are remembered so error positions can be
 * mapped back to the bundle.
 */
import type { Node, Program } from 'acorn';
import { fullAncestor } from 'acorn-walk';

export const GUARD_NAME = '__appsyncGuard';
/** Called first in every function body: the time-limit guard plus the recursion check. */
export const ENTER_NAME = '__appsyncEnter';
/** Called when a function body is left (a `finally`, or around an arrow function's expression body). */
export const LEAVE_NAME = '__appsyncLeave';
/** Wraps a call argument that may be a function: passing one is refused at run time. */
export const ARGUMENT_NAME = '__appsyncArgument';
/** Wraps a spread call argument: none of its elements may be a function. */
export const SPREAD_ARGUMENTS_NAME = '__appsyncSpreadArguments';
/** Wraps the object of a `.call` / `.apply` / `.bind` access: a function there is refused at run time. */
export const NO_FUNCTION_METHOD_NAME = '__appsyncNoFunctionMethod';
export const IMPORT_NAME = '__appsyncImport';
const DEFAULT_EXPORT_NAME = '__appsyncDefault';

/** What resolver code sees as globals, passed in by the runtime (in this order). */
export const PROVIDED_GLOBALS = ['util', 'runtime', 'extensions', 'console', 'JSON'] as const;

/** Globals of the realm that APPSYNC_JS does not offer; resolver code sees them as `undefined`. */
export const SHADOWED_GLOBALS = [
  'globalThis',
  // Not among the guide's built-in objects; reports say AppSync rejects `new Date()`. Use util.time.
  'Date',
  'Function',
  'eval',
  'Promise',
  'Proxy',
  'Reflect',
  'WebAssembly',
  'SharedArrayBuffer',
  'Atomics',
  'WeakRef',
  'FinalizationRegistry',
  'RegExp',
  'Intl',
  'Symbol',
  'BigInt',
  'ArrayBuffer',
  'DataView',
  'WeakMap',
  'WeakSet',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'escape',
  'unescape',
] as const;

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /**
   * Order among insertions at one offset (lower first): closers of wrapped nodes (innermost first), then
   * plain insertions, then openers (outermost first), so wrappers around nested nodes nest properly.
   */
  readonly rank?: number;
}

const WRAP_RANK = 1e12;

/** Surrounds the source range [start, end) with `open` … `close`, nesting with other wrappers. */
function wrap(edits: Edit[], start: number, end: number, open: string, close: string): void {
  const span = end - start;
  edits.push({ start, end: start, text: open, rank: WRAP_RANK - span });
  edits.push({ start: end, end, text: close, rank: span - WRAP_RANK });
}

export interface ColumnShift {
  /** 0-based column in the original line where the edit happened. */
  readonly column: number;
  /** How many characters the edit added (negative when it removed). */
  readonly delta: number;
}

export interface ModuleScript {
  /** Evaluates to `(function (import, guard, ...globals) { return function () { ...module... } })`. */
  readonly source: string;
  /** Export name → whether the module exports it. */
  readonly exportNames: readonly string[];
  /** Per 1-based line, the column shifts the rewrite introduced, in column order. */
  readonly shifts: ReadonlyMap<number, readonly ColumnShift[]>;
}

type AnyNode = Node & Record<string, any>;

function blank(code: string, start: number, end: number): Edit {
  return { start, end, text: code.slice(start, end).replace(/[^\n]/g, ' ') };
}

function boundNames(pattern: AnyNode, out: string[]): void {
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) boundNames(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) if (e) boundNames(e, out);
      break;
    case 'RestElement':
      boundNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      boundNames(pattern.left, out);
      break;
  }
}

/**
 * Methods a function may be passed to: the callbacks of @aws-appsync/eslint-plugin's no-function-passing
 * rule (Array's map, find, filter, ...; `sort` is deliberately not among them). Matched by name, as the
 * receiver's type is not known at run time.
 */
export const CALLBACK_METHODS: ReadonlySet<string> = new Set([
  'map',
  'find',
  'filter',
  'findIndex',
  'findLast',
  'findLastIndex',
  'forEach',
  'reduce',
  'reduceRight',
  'every',
  'some',
  'flatMap',
]);

/** Argument expressions that can never evaluate to a function, so need no run-time check. */
const NEVER_FUNCTION = new Set(['Literal', 'TemplateLiteral', 'ObjectExpression', 'ArrayExpression', 'BinaryExpression', 'UnaryExpression', 'UpdateExpression']);

/** What a called function is named in messages: `sort`, `helper`, `util.error`, or '' when computed. */
function calleeName(callee: AnyNode): string {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') {
    const property = memberName(callee);
    const object = callee.object.type === 'Identifier' ? `${callee.object.name}.` : '';
    return property === '' ? '' : `${object}${property}`;
  }
  return '';
}

/** How the linter names a function in its recursion message. */
function functionName(node: AnyNode, parent: AnyNode | undefined): string {
  if (node.id?.name) return node.id.name;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent?.type === 'Property' || parent?.type === 'MethodDefinition') && parent.key.type === 'Identifier') return parent.key.name;
  return node.type === 'ArrowFunctionExpression' ? 'Anonymous Arrow Function' : 'Anonymous Function';
}

/** Function.prototype methods APPSYNC_JS does not support. */
const FUNCTION_METHODS = new Set(['call', 'apply', 'bind']);

/** The property name of `a.b` or `a['b']`; '' when it is computed from something else. */
export function memberName(node: AnyNode): string {
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  return '';
}

function lineStarts(code: string): number[] {
  const starts = [0];
  for (let i = 0; i < code.length; i += 1) if (code.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function toModuleScript(code: string, ast: Program): ModuleScript {
  const edits: Edit[] = [];
  const imports: string[] = [];
  const exported = new Map<string, string>(); // export name → local name

  for (const statement of ast.body as AnyNode[]) {
    if (statement.type === 'ImportDeclaration') {
      const source = JSON.stringify(statement.source.value);
      const named: string[] = [];
      for (const spec of statement.specifiers) {
        if (spec.type === 'ImportNamespaceSpecifier') imports.push(`const ${spec.local.name} = ${IMPORT_NAME}(${source});`);
        else if (spec.type === 'ImportDefaultSpecifier') imports.push(`const ${spec.local.name} = ${IMPORT_NAME}(${source}).default;`);
        else {
          const importedName = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
          named.push(`${JSON.stringify(importedName)}: ${spec.local.name}`);
        }
      }
      if (named.length > 0) imports.push(`const { ${named.join(', ')} } = ${IMPORT_NAME}(${source});`);
      if (statement.specifiers.length === 0) imports.push(`${IMPORT_NAME}(${source});`);
      edits.push(blank(code, statement.start, statement.end));
    } else if (statement.type === 'ExportNamedDeclaration') {
      if (statement.declaration) {
        const declaration = statement.declaration as AnyNode;
        edits.push(blank(code, statement.start, declaration.start));
        if (declaration.type === 'VariableDeclaration') {
          const names: string[] = [];
          for (const d of declaration.declarations) boundNames(d.id, names);
          for (const n of names) exported.set(n, n);
        } else if (declaration.id) {
          exported.set(declaration.id.name, declaration.id.name);
        }
      } else {
        for (const spec of statement.specifiers) {
          const local = spec.local.type === 'Identifier' ? spec.local.name : String(spec.local.value);
          const name = spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
          exported.set(name, local);
        }
        edits.push(blank(code, statement.start, statement.end));
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration as AnyNode;
      if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) {
        edits.push(blank(code, statement.start, declaration.start));
        exported.set('default', declaration.id.name);
      } else {
        edits.push({ start: statement.start, end: declaration.start, text: `const ${DEFAULT_EXPORT_NAME} = ` });
        exported.set('default', DEFAULT_EXPORT_NAME);
      }
    }
  }

  let functionCount = 0;
  fullAncestor(ast, (node, _state, ancestors) => {
    const n = node as AnyNode;
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') {
      const id = functionCount;
      functionCount += 1;
      const enter = `${ENTER_NAME}(${id}, ${JSON.stringify(functionName(n, ancestors[ancestors.length - 2] as AnyNode | undefined))})`;
      if (n.body.type === 'BlockStatement') {
        // Resolver code cannot catch, so the finally only ever runs on a return (or the end of the body).
        edits.push({ start: n.body.start + 1, end: n.body.start + 1, text: `${enter}; try {` });
        edits.push({ start: n.body.end - 1, end: n.body.end - 1, text: `} finally { ${LEAVE_NAME}(${id}); }` });
      } else {
        // An error thrown in the expression ends the whole handler; the runtime resets the call stack then.
        wrap(edits, n.body.start, n.body.end, `(${enter}, ${LEAVE_NAME}(${id}, `, '))');
      }
    } else if ((n.type === 'CallExpression' || n.type === 'NewExpression') && !(n.callee.type === 'MemberExpression' && CALLBACK_METHODS.has(memberName(n.callee)))) {
      const name = JSON.stringify(calleeName(n.callee));
      for (const argument of n.arguments as AnyNode[]) {
        if (NEVER_FUNCTION.has(argument.type)) continue;
        const target = argument.type === 'SpreadElement' ? argument.argument : argument;
        wrap(edits, target.start, target.end, `${argument.type === 'SpreadElement' ? SPREAD_ARGUMENTS_NAME : ARGUMENT_NAME}(`, `, ${name})`);
      }
    }
    if (n.type === 'MemberExpression' && FUNCTION_METHODS.has(memberName(n))) {
      wrap(edits, n.object.start, n.object.end, `${NO_FUNCTION_METHOD_NAME}(`, ')');
    } else if (n.type === 'ForOfStatement' || n.type === 'ForInStatement') {
      if (n.body.type === 'BlockStatement') edits.push({ start: n.body.start + 1, end: n.body.start + 1, text: `${GUARD_NAME}();` });
      else {
        wrap(edits, n.body.start, n.body.end, `{ ${GUARD_NAME}(); `, ' }');
      }
    }
  });

  const returned = [...exported].map(([name, local]) => `${JSON.stringify(name)}: ${local}`).join(', ');
  const prologue =
    `(function (${IMPORT_NAME}, ${GUARD_NAME}, ${ENTER_NAME}, ${LEAVE_NAME}, ${NO_FUNCTION_METHOD_NAME}, ${ARGUMENT_NAME}, ${SPREAD_ARGUMENTS_NAME}, ` +
    `${PROVIDED_GLOBALS.join(', ')}, ${SHADOWED_GLOBALS.join(', ')}) { ` +
    `return function () { "use strict"; ${imports.join(' ')} `;
  const epilogue = `\n;return { ${returned} };\n}; })`;
  edits.push({ start: 0, end: 0, text: prologue, rank: -Infinity });

  // Put the edits in text order: by offset; at one offset the insertions by rank (then in the order they
  // were made), a replacement after them. Then apply from the end so earlier offsets stay valid.
  const ordered = edits
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start) || (a.rank ?? 0) - (b.rank ?? 0) || a.i - b.i);
  let source = code;
  for (let k = ordered.length - 1; k >= 0; k -= 1) {
    const e = ordered[k]!;
    source = source.slice(0, e.start) + e.text + source.slice(e.end);
  }

  const starts = lineStarts(code);
  const lineOf = (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const shifts = new Map<number, ColumnShift[]>();
  for (const e of edits) {
    const delta = e.text.length - (e.end - e.start);
    if (delta === 0) continue;
    const line = lineOf(e.start);
    const list = shifts.get(line + 1) ?? [];
    list.push({ column: e.start - (starts[line] as number), delta });
    shifts.set(line + 1, list);
  }
  for (const list of shifts.values()) list.sort((a, b) => a.column - b.column);

  return { source: source + epilogue, exportNames: [...exported.keys()], shifts };
}

/** Maps a 1-based column in the rewritten script back to the original bundle line. */
export function originalColumn(shifts: ModuleScript['shifts'], line: number, column: number): number {
  const list = shifts.get(line);
  if (!list) return column;
  let generated = column - 1;
  let added = 0;
  for (const shift of list) {
    if (generated < shift.column + added + Math.max(shift.delta, 0)) break;
    added += shift.delta;
  }
  generated -= added;
  return generated + 1;
}
