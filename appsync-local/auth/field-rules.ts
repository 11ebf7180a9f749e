/**
 * Field-level authorization from the schema's AppSync directives, for an API whose default mode is Cognito
 * User Pools (default action ALLOW) with API key as an additional mode. AppSync's rules:
 *  - The auth directives of a field replace those of its type; a field without any uses its type's.
 *  - With no directive on the field or the type, only the default mode may access it (any signed-in user).
 *  - Once directives are present, only the modes they name may access it: the default mode must be named
 *    (`@aws_cognito_user_pools`) to keep access.
 *  - `@aws_cognito_user_pools(cognito_groups: [...])` (and the older `@aws_auth(cognito_groups: [...])`)
 *    admits only members of at least one of the groups.
 *  - `@aws_api_key` admits API key callers, `@aws_iam` SigV4-signed (IAM) callers. `@aws_oidc` and
 *    `@aws_lambda` name modes this API does not have, so no caller gets in through them.
 *  - Every field of the response is checked, nested ones too; `__typename` and introspection are always allowed.
 * A refused field resolves to null with the error "Not Authorized to access <field> on type <Type>"
 * (errorType Unauthorized), which the request handler produces.
 */
import { isObjectType, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';
import type { FieldAuthorizer, FieldCaller } from '../contracts';

/** Who may access one field. */
export interface FieldAuthRule {
  readonly apiKey: boolean;
  readonly iam: boolean;
  /** Cognito access: null when no Cognito user may access; `groups` null when any signed-in user may. */
  readonly cognito: { readonly groups: readonly string[] | null } | null;
}

const AUTH_DIRECTIVES = new Set(['aws_api_key', 'aws_cognito_user_pools', 'aws_auth', 'aws_iam', 'aws_oidc', 'aws_lambda']);

/** The default mode alone: any signed-in Cognito user. */
const DEFAULT_MODE_ONLY: FieldAuthRule = { apiKey: false, iam: false, cognito: { groups: null } };

function groupsArgument(directive: ConstDirectiveNode): string[] | null {
  const argument = directive.arguments?.find((a) => a.name.value === 'cognito_groups');
  if (!argument) return null;
  if (argument.value.kind === 'ListValue') {
    return argument.value.values.flatMap((v) => (v.kind === 'StringValue' ? [v.value] : []));
  }
  return argument.value.kind === 'StringValue' ? [argument.value.value] : null;
}

function ruleFromDirectives(directives: readonly ConstDirectiveNode[]): FieldAuthRule {
  let apiKey = false;
  let iam = false;
  let cognito: { groups: string[] | null } | null = null;
  for (const directive of directives) {
    const name = directive.name.value;
    if (name === 'aws_api_key') apiKey = true;
    if (name === 'aws_iam') iam = true;
    if (name === 'aws_cognito_user_pools' || name === 'aws_auth') {
      const groups = groupsArgument(directive);
      // Several Cognito directives: any of them admitting the caller is enough.
      if (cognito === null) cognito = { groups };
      else if (cognito.groups !== null) cognito = { groups: groups === null ? null : [...cognito.groups, ...groups] };
    }
  }
  return { apiKey, iam, cognito };
}

function authDirectives(nodes: readonly ({ readonly directives?: readonly ConstDirectiveNode[] } | null | undefined)[]) {
  return nodes.flatMap((node) => node?.directives ?? []).filter((d) => AUTH_DIRECTIVES.has(d.name.value));
}

/** The auth rule of `typeName.fieldName`, from its directives, else its type's, else the default mode. */
export function fieldAuthRule(schema: GraphQLSchema, typeName: string, fieldName: string): FieldAuthRule {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of the schema`);
  const field = type.getFields()[fieldName];
  if (!field) throw new Error(`${typeName} has no field ${fieldName}`);
  const onField = authDirectives([field.astNode]);
  if (onField.length > 0) return ruleFromDirectives(onField);
  const onType = authDirectives([type.astNode, ...type.extensionASTNodes]);
  if (onType.length > 0) return ruleFromDirectives(onType);
  return DEFAULT_MODE_ONLY;
}

export function isAllowedBy(rule: FieldAuthRule, caller: FieldCaller): boolean {
  if (caller.authType === 'API Key Authorization') return rule.apiKey;
  if (caller.authType === 'IAM Authorization') return rule.iam;
  if (rule.cognito === null) return false;
  const required = rule.cognito.groups;
  return required === null || required.some((group) => caller.groups.includes(group));
}

const rulesBySchema = new WeakMap<GraphQLSchema, Map<string, FieldAuthRule>>();

/** Whether `caller` may resolve `typeName.fieldName`. Rules are computed once per schema and field. */
export function isFieldAllowed(schema: GraphQLSchema, typeName: string, fieldName: string, caller: FieldCaller): boolean {
  if (fieldName.startsWith('__')) return true;
  let rules = rulesBySchema.get(schema);
  if (!rules) {
    rules = new Map();
    rulesBySchema.set(schema, rules);
  }
  const key = `${typeName}.${fieldName}`;
  let rule = rules.get(key);
  if (!rule) {
    rule = fieldAuthRule(schema, typeName, fieldName);
    rules.set(key, rule);
  }
  return isAllowedBy(rule, caller);
}

/** The FieldAuthorizer the request handler takes, bound to one schema. */
export function createFieldAuthorizer(schema: GraphQLSchema): FieldAuthorizer {
  return (typeName, fieldName, caller) => isFieldAllowed(schema, typeName, fieldName, caller);
}

/** The error AppSync reports for a refused field. */
export function notAuthorizedToAccess(typeName: string, fieldName: string) {
  return { errorType: 'Unauthorized', message: `Not Authorized to access ${fieldName} on type ${typeName}` } as const;
}
