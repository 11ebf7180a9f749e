/**
 * AppSync's wording for request-level errors. AppSync runs graphql-java, not graphql-js: its validation
 * errors read "Validation error of type FieldUndefined: Field 'nope' in type 'Query' is undefined @ 'nope'",
 * a null in a non-null field "Cannot return null for non-nullable type: 'String' within parent 'Post'
 * (/getPost/title)", a missing variable "Variable 'id' has coerced Null value for NonNull type 'ID!'", and
 * these entries carry only `path`, `locations` and `message` (no `errorType`, no `data`), as in the
 * responses AppSync's team and users have published (graphql/graphql-over-http#81, aws-appsync-community
 * #273 and #406, Amplify issues quoting AppSync answers).
 *
 * graphql-js still validates; each of its rules is mapped to graphql-java's ValidationErrorType and
 * message. Where a rule has no graphql-java counterpart the type is named after the rule and graphql-js's
 * sentence is kept.
 */
import {
  type ASTNode,
  type DocumentNode,
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  specifiedRules,
  specifiedScalarTypes,
  type TypeNode,
  typeFromAST,
  validate,
  type ValidationRule,
  type ValueNode,
  visit,
  type OperationDefinitionNode,
  isObjectType,
  isInterfaceType,
  type GraphQLNamedType,
  type GraphQLType,
} from 'graphql';

export interface AppSyncLocation {
  line: number;
  column: number;
  sourceName: null;
}

/** A request-level error entry as AppSync writes it: no errorType, no data, no errorInfo. */
export interface RequestErrorEntry {
  path: readonly (string | number)[] | null;
  locations: AppSyncLocation[] | null;
  message: string;
}

function locationOf(node: ASTNode | undefined): AppSyncLocation[] | null {
  const start = node?.loc?.startToken;
  return start ? [{ line: start.line, column: start.column, sourceName: null }] : null;
}

/** graphql-java's `toString()` of a literal value node (how it quotes argument values in WrongType). */
export function javaValueText(value: ValueNode): string {
  switch (value.kind) {
    case Kind.INT:
      return `IntValue{value=${value.value}}`;
    case Kind.FLOAT:
      return `FloatValue{value=${value.value}}`;
    case Kind.STRING:
      return `StringValue{value='${value.value}'}`;
    case Kind.BOOLEAN:
      return `BooleanValue{value=${value.value}}`;
    case Kind.ENUM:
      return `EnumValue{name='${value.value}'}`;
    case Kind.NULL:
      return 'NullValue{}';
    case Kind.VARIABLE:
      return `VariableReference{name='${value.name.value}'}`;
    case Kind.LIST:
      return `ArrayValue{values=[${value.values.map(javaValueText).join(', ')}]}`;
    case Kind.OBJECT:
      return `ObjectValue{objectFields=[${value.fields.map((f) => `ObjectField{name='${f.name.value}', value=${javaValueText(f.value)}}`).join(', ')}]}`;
  }
}

interface LiteralProblem {
  readonly argument: string;
  readonly problem: string;
}

/** The first reason a literal argument value does not fit its type, graphql-java's ArgumentValidationUtil way. */
function literalProblem(value: ValueNode, type: GraphQLInputType, name: string): LiteralProblem | undefined {
  if (isNonNullType(type)) {
    if (value.kind === Kind.NULL) return { argument: name, problem: 'must not be null' };
    return literalProblem(value, type.ofType, name);
  }
  if (value.kind === Kind.VARIABLE || value.kind === Kind.NULL) return undefined;
  if (isListType(type)) {
    if (value.kind !== Kind.LIST) return literalProblem(value, type.ofType, name);
    for (const [index, item] of value.values.entries()) {
      const found = literalProblem(item, type.ofType, `${name}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    if (value.kind !== Kind.OBJECT) return { argument: name, problem: 'must be an object type' };
    const fields = type.getFields();
    const given = new Map(value.fields.map((f) => [f.name.value, f.value]));
    const missing = Object.values(fields)
      .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined && !given.has(f.name))
      .map((f) => f.name);
    if (missing.length > 0) return { argument: name, problem: `is missing required fields '[${missing.join(', ')}]'` };
    for (const field of value.fields) {
      const definition = fields[field.name.value];
      if (!definition) return { argument: name, problem: `contains a field not in '${type.name}': '${field.name.value}'` };
      const found = literalProblem(field.value, definition.type, `${name}.${field.name.value}`);
      if (found) return found;
    }
    return undefined;
  }
  if (isEnumType(type)) {
    if (value.kind === Kind.ENUM && type.getValue(value.value)) return undefined;
    return { argument: name, problem: `is not a valid '${type.name}'` };
  }
  if (isScalarType(type)) {
    let reason: string | undefined;
    let parsed: unknown;
    try {
      parsed = type.parseLiteral(value, undefined);
    } catch (error) {
      reason = (error as Error).message;
    }
    if (reason === undefined && parsed !== undefined && !Number.isNaN(parsed)) return undefined;
    // graphql-java names only the type for its own scalars; for AWS scalars the reason helps, so it follows.
    const builtIn = specifiedScalarTypes.some((scalar) => scalar.name === type.name);
    return { argument: name, problem: `is not a valid '${type.name}'${reason && !builtIn ? ` - ${reason}` : ''}` };
  }
  return undefined;
}

/** Field names from the operation (or fragment) root down to `node`, for graphql-java's " @ 'a/b'" suffix. */
function queryPaths(document: DocumentNode): Map<ASTNode, string[]> {
  const paths = new Map<ASTNode, string[]>();
  const stack: string[] = [];
  visit(document, {
    enter(node) {
      if (node.kind === Kind.FIELD) stack.push(node.name.value);
      paths.set(node, [...stack]);
    },
    leave(node) {
      if (node.kind === Kind.FIELD) stack.pop();
    },
  });
  return paths;
}

type Formatter = (error: GraphQLError, context: FormatContext) => { type: string; description: string } | undefined;

interface FormatContext {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly ancestors: Map<ASTNode, ASTNode[]>;
}

function quoted(message: string): string[] {
  return [...message.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
}

const stripDollar = (name: string) => name.replace(/^\$/, '');

const FORMATTERS: Record<string, Formatter> = {
  FieldsOnCorrectTypeRule: (error) => {
    const [field, type] = quoted(error.message);
    return { type: 'FieldUndefined', description: `Field '${field}' in type '${type}' is undefined` };
  },
  KnownArgumentNamesRule: (error) => {
    const [argument, on] = quoted(error.message);
    if (on?.startsWith('@')) return { type: 'UnknownDirective', description: `Unknown directive argument ${argument}` };
    return { type: 'UnknownArgument', description: `Unknown field argument ${argument}` };
  },
  ProvidedRequiredArgumentsRule: (error) => {
    const [owner, argument] = quoted(error.message);
    if (error.message.startsWith('Directive')) return { type: 'MissingDirectiveArgument', description: `Missing directive argument ${argument}` };
    void owner;
    return { type: 'MissingFieldArgument', description: `Missing field argument ${argument}` };
  },
  ScalarLeafsRule: (error) => {
    const [field, type] = quoted(error.message);
    if (error.message.includes('must not have a selection')) {
      return { type: 'SubSelectionNotAllowed', description: `Sub selection not allowed on leaf type ${type} of field ${field}` };
    }
    return { type: 'SubSelectionRequired', description: `Sub selection required for type ${type} of field ${field}` };
  },
  KnownTypeNamesRule: (error) => ({ type: 'UnknownType', description: `Unknown type ${quoted(error.message)[0]}` }),
  NoUndefinedVariablesRule: (error) => ({ type: 'UndefinedVariable', description: `Undefined variable ${stripDollar(quoted(error.message)[0] ?? '')}` }),
  NoUnusedVariablesRule: (error) => ({ type: 'UnusedVariable', description: `Unused variable ${stripDollar(quoted(error.message)[0] ?? '')}` }),
  VariablesInAllowedPositionRule: (error) => {
    const [, given, expected] = quoted(error.message);
    return { type: 'VariableTypeMismatch', description: `Variable type '${given}' doesn't match expected type '${expected}'` };
  },
  KnownFragmentNamesRule: (error) => ({ type: 'UndefinedFragment', description: `Undefined fragment ${quoted(error.message)[0]}` }),
  NoUnusedFragmentsRule: (error) => ({ type: 'UnusedFragment', description: `Unused fragment ${quoted(error.message)[0]}` }),
  NoFragmentCyclesRule: () => ({ type: 'FragmentCycle', description: 'Fragment cycles not allowed' }),
  UniqueOperationNamesRule: (error) => ({ type: 'DuplicateOperationName', description: `There can be only one operation named '${quoted(error.message)[0]}'` }),
  UniqueFragmentNamesRule: (error) => ({ type: 'DuplicateFragmentName', description: `There can be only one fragment named '${quoted(error.message)[0]}'` }),
  UniqueArgumentNamesRule: (error) => ({ type: 'DuplicateArgumentNames', description: `There can be only one argument named '${quoted(error.message)[0]}'` }),
  UniqueVariableNamesRule: (error) => ({
    type: 'DuplicateVariableName',
    description: `There can be only one variable named '${stripDollar(quoted(error.message)[0] ?? '')}'`,
  }),
  LoneAnonymousOperationRule: () => ({ type: 'LoneAnonymousOperationViolation', description: 'Anonymous operation with other operations.' }),
  KnownDirectivesRule: (error) => {
    const [directive] = quoted(error.message);
    const name = (directive ?? '').replace(/^@/, '');
    if (error.message.startsWith('Unknown directive')) return { type: 'UnknownDirective', description: `Unknown directive ${name}` };
    return { type: 'MisplacedDirective', description: `Directive ${name} not allowed here` };
  },
  UniqueDirectivesPerLocationRule: (error) => ({
    type: 'DuplicateDirectiveName',
    description: `Directives must be uniquely named within a location. The directive '${(quoted(error.message)[0] ?? '').replace(/^@/, '')}' is not unique.`,
  }),
  VariablesAreInputTypesRule: (error) => {
    const [variable, type] = quoted(error.message);
    return { type: 'NonInputTypeOnVariable', description: `Input variable ${stripDollar(variable ?? '')} type ${type} is not an input type` };
  },
  PossibleFragmentSpreadsRule: (error) => {
    const names = quoted(error.message);
    const named = error.message.startsWith('Fragment "');
    const [fragment, parent, condition] = named ? names : [undefined, ...names];
    return {
      type: 'InvalidFragmentType',
      description: named
        ? `Fragment ${fragment} cannot be spread here as objects of type ${parent} can never be of type ${condition}`
        : `Fragment cannot be spread here as objects of type ${parent} can never be of type ${condition}`,
    };
  },
  FragmentsOnCompositeTypesRule: (error) =>
    error.message.startsWith('Fragment "')
      ? { type: 'FragmentTypeConditionInvalid', description: 'Fragment type condition is invalid, must be on Object/Interface/Union' }
      : { type: 'InlineFragmentTypeConditionInvalid', description: 'Inline fragment type condition is invalid, must be on Object/Interface/Union' },
  ExecutableDefinitionsRule: () => ({ type: 'NonExecutableDefinition', description: 'Type definition not allowed in operation' }),
  ValuesOfCorrectTypeRule: (error, context) => wrongType(error, context),
};

/** WrongType for a literal argument: "argument 'input.x' with value 'ObjectValue{...}' is not a valid 'Int'". */
function wrongType(error: GraphQLError, context: FormatContext): { type: string; description: string } | undefined {
  const node = error.nodes?.[0];
  const chain = node ? (context.ancestors.get(node) ?? []) : [];
  const argument = [...chain, node].reverse().find((n) => n?.kind === Kind.ARGUMENT);
  if (!argument || argument.kind !== Kind.ARGUMENT) return undefined;
  const owner = [...chain].reverse().find((n) => n.kind === Kind.FIELD || n.kind === Kind.DIRECTIVE);
  const type = argumentType(context, owner, argument.name.value, chain);
  const found = type ? literalProblem(argument.value, type, argument.name.value) : undefined;
  if (!found) return undefined;
  return { type: 'WrongType', description: `argument '${found.argument}' with value '${javaValueText(argument.value)}' ${found.problem}` };
}

function argumentType(context: FormatContext, owner: ASTNode | undefined, name: string, chain: ASTNode[]): GraphQLInputType | undefined {
  if (!owner) return undefined;
  if (owner.kind === Kind.DIRECTIVE) return context.schema.getDirective(owner.name.value)?.args.find((a) => a.name === name)?.type;
  if (owner.kind !== Kind.FIELD) return undefined;
  const parent = parentTypeOf(context, owner, chain);
  if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return undefined;
  return parent.getFields()[owner.name.value]?.args.find((a) => a.name === name)?.type;
}

/** The type a field is selected on, found by walking its ancestors from the operation or fragment. */
function parentTypeOf(context: FormatContext, field: ASTNode, chain: ASTNode[]): GraphQLNamedType | undefined {
  let current: GraphQLNamedType | undefined;
  for (const node of chain) {
    if (node === field) break;
    if (node.kind === Kind.OPERATION_DEFINITION) current = rootType(context.schema, node);
    else if (node.kind === Kind.FRAGMENT_DEFINITION || node.kind === Kind.INLINE_FRAGMENT) {
      if (node.typeCondition) current = context.schema.getType(node.typeCondition.name.value) ?? undefined;
    } else if (node.kind === Kind.FIELD && current && (isObjectType(current) || isInterfaceType(current))) {
      const fieldType: GraphQLType | undefined = current.getFields()[node.name.value]?.type;
      current = fieldType ? namedTypeOf(fieldType) : undefined;
    }
  }
  return current;
}

function namedTypeOf(type: GraphQLType): GraphQLNamedType {
  let t: GraphQLType = type;
  while (isNonNullType(t) || isListType(t)) t = t.ofType;
  return t;
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLNamedType | undefined {
  if (operation.operation === 'query') return schema.getQueryType() ?? undefined;
  if (operation.operation === 'mutation') return schema.getMutationType() ?? undefined;
  return schema.getSubscriptionType() ?? undefined;
}

function ancestorsOf(document: DocumentNode): Map<ASTNode, ASTNode[]> {
  const map = new Map<ASTNode, ASTNode[]>();
  const stack: ASTNode[] = [];
  visit(document, {
    enter(node) {
      map.set(node, [...stack]);
      stack.push(node);
    },
    leave() {
      stack.pop();
    },
  });
  return map;
}

/** Validates `document` and words every problem as AppSync (graphql-java) does. Empty when valid. */
export function appSyncValidationErrors(schema: GraphQLSchema, document: DocumentNode, rules: readonly ValidationRule[] = specifiedRules): RequestErrorEntry[] {
  if (validate(schema, document, rules).length === 0) return [];
  const paths = queryPaths(document);
  const context: FormatContext = { schema, document, ancestors: ancestorsOf(document) };
  const entries: RequestErrorEntry[] = [];
  for (const rule of rules) {
    for (const error of validate(schema, document, [rule])) {
      const ruleName = rule.name;
      const formatted = FORMATTERS[ruleName]?.(error, context) ?? { type: ruleName.replace(/Rule$/, ''), description: error.message };
      // graphql-java reports a variable type mismatch where the variable is used, not where it is defined.
      const node = ruleName === 'VariablesInAllowedPositionRule' ? error.nodes?.[error.nodes.length - 1] : error.nodes?.[0];
      const path = node ? (paths.get(node) ?? []) : [];
      const argumentNode = formatted.type === 'WrongType' ? [...(context.ancestors.get(node!) ?? []), node].reverse().find((n) => n?.kind === Kind.ARGUMENT) : undefined;
      entries.push({
        path: null,
        locations: locationOf(argumentNode ?? node),
        message: `Validation error of type ${formatted.type}: ${formatted.description}${path.length > 0 ? ` @ '${path.join('/')}'` : ''}`,
      });
    }
  }
  return entries;
}

/** graphql-java's InvalidSyntax wording for a graphql-js syntax error. */
export function syntaxErrorEntry(error: GraphQLError, query: string): RequestErrorEntry {
  const location = error.locations?.[0];
  let token = '<EOF>';
  if (location) {
    const lines = query.split(/\r\n|\r|\n/);
    const rest = (lines[location.line - 1] ?? '').slice(location.column - 1);
    const match = /^("(?:[^"\\]|\\.)*"?|[_A-Za-z][_0-9A-Za-z]*|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\.\.|\S)/.exec(rest);
    if (match) token = match[0];
    else if (location.line < lines.length) token = '\\n';
  }
  return {
    path: null,
    locations: location ? [{ line: location.line, column: location.column, sourceName: null }] : null,
    message: `Invalid Syntax : offending token '${token}' at line ${location?.line ?? 1} column ${location?.column ?? 1}`,
  };
}

/** graphql-java's simplePrint of a type: `[String!]`, `Person`. */
function printType(type: GraphQLType): string {
  if (isNonNullType(type)) return `${printType(type.ofType)}!`;
  if (isListType(type)) return `[${printType(type.ofType)}]`;
  return type.name;
}

/** `/listPosts/items[0]/title` */
function slashPath(path: readonly (string | number)[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `/${key}`)).join('');
}

/**
 * "Cannot return null for non-nullable type: 'String' within parent 'Post' (/getPost/title)" for a
 * graphql-js "Cannot return null for non-nullable field Post.title." error; undefined for other errors.
 */
export function nonNullEntry(schema: GraphQLSchema, error: GraphQLError): RequestErrorEntry | undefined {
  const match = /^Cannot return null for non-nullable field ([_A-Za-z][_0-9A-Za-z]*)\.([_A-Za-z][_0-9A-Za-z]*)\.$/.exec(error.message);
  if (!match || !error.path) return undefined;
  const parent = schema.getType(match[1]!);
  if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return undefined;
  let type: GraphQLType | undefined = parent.getFields()[match[2]!]?.type;
  if (!type) return undefined;
  // For a list element, the element type; the non-null wrapper itself is not printed.
  let trailing = 0;
  for (let i = error.path.length - 1; i >= 0 && typeof error.path[i] === 'number'; i -= 1) trailing += 1;
  for (let i = 0; i < trailing; i += 1) {
    const list = getNullableType(type) as GraphQLType;
    if (!isListType(list)) break;
    type = list.ofType;
  }
  const printed = printType(isNonNullType(type) ? type.ofType : type);
  return {
    path: error.path,
    locations: null,
    message: `Cannot return null for non-nullable type: '${printed}' within parent '${parent.name}' (${slashPath(error.path)})`,
  };
}

/**
 * Variable values checked before execution as graphql-java does it: a missing or null value for a non-null
 * type, anywhere in the value, is reported under the variable's name ("Variable 'input' has coerced Null
 * value for NonNull type 'String!'", even for a nested field, as AppSync does); an input field the type
 * does not define, "The variables input contains a field that is not defined for input object type
 * 'CreateInput' ". Other problems (a wrong scalar) are left to graphql-js's coercion.
 */
export function variableErrors(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): RequestErrorEntry[] {
  const errors: RequestErrorEntry[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as TypeNode) as GraphQLInputType | undefined;
    if (!type) continue;
    const given = Object.hasOwn(variables, name) ? variables[name] : undefined;
    const value = given === undefined && definition.defaultValue ? true : given;
    const problem = variableProblem(value, type);
    if (problem === undefined) continue;
    if (problem.kind === 'null') {
      errors.push({ path: null, locations: locationOf(definition), message: `Variable '${name}' has coerced Null value for NonNull type '${printType(problem.type)}'` });
    } else {
      errors.push({ path: null, locations: null, message: `The variables input contains a field that is not defined for input object type '${problem.type.name}' ` });
    }
  }
  return errors;
}

type VariableProblem = { kind: 'null'; type: GraphQLType } | { kind: 'unknownField'; type: GraphQLNamedType };

function variableProblem(value: unknown, type: GraphQLInputType): VariableProblem | undefined {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) return { kind: 'null', type };
    return variableProblem(value, type.ofType);
  }
  if (value === null || value === undefined) return undefined;
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      const found = variableProblem(item, type.ofType);
      if (found) return found;
    }
    return undefined;
  }
  if (isInputObjectType(type) && typeof value === 'object' && !Array.isArray(value)) {
    const fields = type.getFields();
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) if (!fields[key]) return { kind: 'unknownField', type };
    for (const field of Object.values(fields)) {
      const fieldValue = Object.hasOwn(record, field.name) ? record[field.name] : field.defaultValue !== undefined ? true : undefined;
      const found = variableProblem(fieldValue, field.type);
      if (found) return found;
    }
  }
  return undefined;
}
