/**
 * The selection set as AppSync hands it to resolvers, and as it filters error data:
 *
 * - `ctx.info.selectionSetList` (guide, "AWS AppSync JavaScript resolver context object reference", Info):
 *   paths like `author/name`; an aliased field is listed by its alias only, never by its field name; fields of
 *   inline fragments and named fragments are listed under their own alias (two aliases of one field are two
 *   entries, not merged into one). On a field of interface or union type, only what is selected on the
 *   declared type is listed: fragments on an implementing type are left out (the guide: selectionSetList
 *   exposes the interface's fields). Introspection fields (`__typename`) are not listed.
 * - `ctx.info.selectionSetGraphQL`: the field's selection set printed, named fragments not expanded, inline
 *   fragments kept.
 * - `util.error` / `util.appendError` data (guide, "Resolver and function utilities": "the data value will be
 *   filtered based on the query selection set"): only the selected fields, under their response names.
 *
 * Documents are cached by the server, so the info is memoised per field node.
 */
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  print,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

export interface SelectionSetInfo {
  readonly selectionSetList: readonly string[];
  readonly selectionSetGraphQL: string;
}

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

const cache = new WeakMap<FieldNode, SelectionSetInfo>();
const EMPTY: SelectionSetInfo = { selectionSetList: [], selectionSetGraphQL: '' };

/**
 * Whether a fragment with this type condition applies to a selection on `parentType` as AppSync lists it:
 * on an object type every fragment that can match applies; on an interface or union, only a fragment on
 * the declared type itself (a fragment on an implementation is not the interface's field set).
 */
function fragmentApplies(schema: GraphQLSchema, parentType: GraphQLCompositeType, typeCondition: string | undefined): boolean {
  if (!typeCondition || typeCondition === parentType.name) return true;
  if (isAbstractType(parentType)) return false;
  const condition = schema.getType(typeCondition);
  if (!condition || !isAbstractType(condition)) return false;
  return schema.isSubType(condition, parentType);
}

function childType(parentType: GraphQLCompositeType, fieldName: string): GraphQLNamedType | undefined {
  if (!('getFields' in parentType)) return undefined;
  const field = parentType.getFields()[fieldName];
  return field ? getNamedType(field.type) : undefined;
}

function collect(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  fragments: Fragments,
  prefix: string,
  into: string[],
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      const path = prefix ? `${prefix}/${(selection.alias ?? selection.name).value}` : (selection.alias ?? selection.name).value;
      if (!into.includes(path)) into.push(path);
      const type = childType(parentType, name);
      if (selection.selectionSet && type && isCompositeType(type)) collect(schema, selection.selectionSet, type, fragments, path, into);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (fragmentApplies(schema, parentType, selection.typeCondition?.name.value)) {
        collect(schema, selection.selectionSet, parentType, fragments, prefix, into);
      }
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment && fragmentApplies(schema, parentType, fragment.typeCondition.name.value)) {
        collect(schema, fragment.selectionSet, parentType, fragments, prefix, into);
      }
    }
  }
}

export function selectionSetInfo(
  schema: GraphQLSchema,
  fieldNode: FieldNode,
  returnType: GraphQLNamedType,
  fragments: Fragments,
): SelectionSetInfo {
  if (!fieldNode.selectionSet || !isCompositeType(returnType)) return EMPTY;
  const cached = cache.get(fieldNode);
  if (cached) return cached;
  const list: string[] = [];
  collect(schema, fieldNode.selectionSet, returnType, fragments, '', list);
  const info = { selectionSetList: list, selectionSetGraphQL: print(fieldNode.selectionSet) };
  cache.set(fieldNode, info);
  return info;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a fragment's type condition matches a data object (by its `__typename` when the type is abstract). */
function fragmentMatches(schema: GraphQLSchema, typeCondition: string | undefined, value: Record<string, unknown>, declared: GraphQLCompositeType): boolean {
  if (!typeCondition || typeCondition === declared.name) return true;
  const typename = typeof value.__typename === 'string' ? value.__typename : isObjectType(declared) ? declared.name : undefined;
  if (!typename) return false;
  if (typename === typeCondition) return true;
  const condition = schema.getType(typeCondition);
  const actual = schema.getType(typename);
  return Boolean(condition && actual && isAbstractType(condition) && isObjectType(actual) && schema.isSubType(condition, actual));
}

function filterObject(
  schema: GraphQLSchema,
  value: Record<string, unknown>,
  selectionSet: SelectionSetNode,
  declared: GraphQLCompositeType,
  fragments: Fragments,
  into: Record<string, unknown>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const key = (selection.alias ?? selection.name).value;
      if (name === '__typename') {
        if (typeof value.__typename === 'string') into[key] = value.__typename;
        continue;
      }
      if (!(name in value)) continue;
      const type = childType(declared, name);
      into[key] = filterValue(schema, value[name], selection.selectionSet, type, fragments);
    } else {
      const set = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments[selection.name.value]?.selectionSet;
      const condition = selection.kind === Kind.INLINE_FRAGMENT ? selection.typeCondition?.name.value : fragments[selection.name.value]?.typeCondition.name.value;
      if (set && fragmentMatches(schema, condition, value, declared)) filterObject(schema, value, set, declared, fragments, into);
    }
  }
}

function filterValue(
  schema: GraphQLSchema,
  value: unknown,
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLNamedType | undefined,
  fragments: Fragments,
): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => filterValue(schema, item, selectionSet, type, fragments));
  // A leaf field has no selection to filter by: its data is passed on as the resolver gave it.
  if (!selectionSet || !type || !isCompositeType(type)) return value;
  if (!isRecord(value)) return null;
  const out: Record<string, unknown> = {};
  filterObject(schema, value, selectionSet, type, fragments, out);
  return out;
}

/**
 * An error's `data` cut down to what the query selected on the field (response names, aliases included).
 * On a leaf field (a scalar type: nothing can be selected) the data is passed on whole, e.g. the
 * `{ field: 'file' }` of a validation error on a String mutation; the guide does not describe this case.
 */
export function filterErrorData(
  schema: GraphQLSchema,
  data: unknown,
  fieldNodes: readonly FieldNode[],
  returnType: GraphQLNamedType,
  fragments: Fragments,
): unknown {
  // The same response key may be selected in several places of the query: their selections together.
  const selections = fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  const selectionSet: SelectionSetNode | undefined = selections.length > 0 ? { kind: Kind.SELECTION_SET, selections } : undefined;
  return filterValue(schema, data, selectionSet, returnType, fragments);
}
