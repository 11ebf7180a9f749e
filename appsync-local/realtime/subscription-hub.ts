/**
 * The subscriptions of the local runtime and what a mutation sends them, as AppSync does it:
 *  - a subscription field lists its mutations in `@aws_subscribe(mutations: [...])`;
 *  - when one of them completes with a value, that value — the mutation's response, as the mutation selected
 *    it — is offered to every subscription of the field; it goes to those whose enhanced filter matches it
 *    (`extensions.setSubscriptionFilter`), or, without one, whose arguments equal its top-level fields;
 *  - each subscriber gets it through its own selection set, field rules checked for the subscriber (a field
 *    the mutation did not select is null);
 *  - `extensions.invalidateSubscriptions({ subscriptionField, payload })` in a mutation ends the subscriptions
 *    of that field whose invalidation filter matches `payload`.
 * Messages to one connection are sent in publish order. Rendering is shared between subscribers with the same
 * document, variables and authorization (e.g. 1,000 shoppers of one page render once).
 */
import {
  execute,
  GraphQLError,
  isObjectType,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { AuthType, CognitoIdentity, FieldAuthorizer } from '../contracts';
import { matchesArguments, matchesFilter, type SubscriptionFilterObject } from './subscription-filter';

export interface SubscriberConnection {
  readonly id: string;
  send(message: unknown): void;
  /** After an invalidation left the connection without subscriptions (AppSync closes it). */
  closeIfIdle(): void;
}

export interface SubscriptionCaller {
  readonly authType: AuthType;
  readonly identity: CognitoIdentity | null;
}

export interface RegisteredSubscription {
  /** The client's id from the start message. */
  readonly id: string;
  readonly connection: SubscriberConnection;
  /** Subscription field, e.g. onMyOrderChanged. */
  readonly fieldName: string;
  readonly document: DocumentNode;
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>>;
  /** The field's arguments, coerced. */
  readonly args: Readonly<Record<string, unknown>>;
  readonly caller: SubscriptionCaller;
  readonly filter: SubscriptionFilterObject | null;
  readonly invalidationFilter: SubscriptionFilterObject | null;
  /** Render cache key: same document, variables and authorization render the same message. */
  readonly renderKey: string;
}

export interface PublishOutcome {
  readonly delivered: number;
}

class Unauthorized extends Error {}

/** `@aws_subscribe(mutations: [...])` of every subscription field: mutation field → subscription fields. */
export function subscriptionsByMutation(schema: GraphQLSchema): Map<string, string[]> {
  const byMutation = new Map<string, string[]>();
  const subscription = schema.getSubscriptionType();
  if (!subscription) return byMutation;
  for (const field of Object.values(subscription.getFields())) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const argument = directive?.arguments?.find((a) => a.name.value === 'mutations');
    if (argument?.value.kind !== 'ListValue') continue;
    for (const value of argument.value.values) {
      if (value.kind !== 'StringValue') continue;
      const list = byMutation.get(value.value) ?? [];
      list.push(field.name);
      byMutation.set(value.value, list);
    }
  }
  return byMutation;
}

export class SubscriptionHub {
  private readonly byField = new Map<string, Map<string, RegisteredSubscription>>();
  private readonly byMutation: Map<string, string[]>;
  private count = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly authorizeField: FieldAuthorizer,
  ) {
    this.byMutation = subscriptionsByMutation(schema);
    const subscription = schema.getSubscriptionType();
    if (subscription && !isObjectType(subscription)) throw new Error('Subscription is not an object type');
  }

  /** Subscription fields a mutation field triggers. */
  fieldsOf(mutationField: string): readonly string[] {
    return this.byMutation.get(mutationField) ?? [];
  }

  get size(): number {
    return this.count;
  }

  private key(connectionId: string, id: string): string {
    return `${connectionId}\u0000${id}`;
  }

  add(subscription: RegisteredSubscription): void {
    let field = this.byField.get(subscription.fieldName);
    if (!field) {
      field = new Map();
      this.byField.set(subscription.fieldName, field);
    }
    const key = this.key(subscription.connection.id, subscription.id);
    if (!field.has(key)) this.count += 1;
    field.set(key, subscription);
  }

  remove(connectionId: string, id: string, fieldName: string): boolean {
    const removed = this.byField.get(fieldName)?.delete(this.key(connectionId, id)) ?? false;
    if (removed) this.count -= 1;
    return removed;
  }

  /** A mutation field completed with `payload` (its response as selected): send it to the matching subscribers. */
  publish(mutationField: string, payload: unknown): PublishOutcome {
    if (payload === null || payload === undefined) return { delivered: 0 };
    let delivered = 0;
    const rendered = new Map<string, unknown>();
    for (const fieldName of this.fieldsOf(mutationField)) {
      for (const subscription of this.byField.get(fieldName)?.values() ?? []) {
        const matches = subscription.filter ? matchesFilter(subscription.filter, payload) : matchesArguments(subscription.args, payload);
        if (!matches) continue;
        let message = rendered.get(subscription.renderKey);
        if (message === undefined) {
          message = this.render(subscription, payload);
          rendered.set(subscription.renderKey, message);
        }
        subscription.connection.send({ id: subscription.id, type: 'data', payload: message });
        delivered += 1;
      }
    }
    return { delivered };
  }

  /** `extensions.invalidateSubscriptions`: ends the subscriptions of `subscriptionField` whose invalidation filter matches. */
  invalidate(subscriptionField: string, payload: unknown): number {
    const field = this.byField.get(subscriptionField);
    if (!field) return 0;
    const ended: RegisteredSubscription[] = [];
    for (const subscription of field.values()) {
      if (subscription.invalidationFilter && matchesFilter(subscription.invalidationFilter, payload)) ended.push(subscription);
    }
    for (const subscription of ended) {
      this.remove(subscription.connection.id, subscription.id, subscription.fieldName);
      // AppSync's documented message for an invalidated subscription, sent as its `complete`.
      subscription.connection.send({ id: subscription.id, type: 'complete', payload: { message: 'Subscription complete.' } });
      subscription.connection.closeIfIdle();
    }
    return ended.length;
  }

  /** The subscriber's view of the payload: its selection set, with field rules checked for its caller. */
  private render(subscription: RegisteredSubscription, payload: unknown): unknown {
    const caller = { authType: subscription.caller.authType, groups: subscription.caller.identity?.groups ?? [] };
    const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
      if (!info.fieldName.startsWith('__') && !this.authorizeField(info.parentType.name, info.fieldName, caller)) {
        throw new Unauthorized(`Not Authorized to access ${info.fieldName} on type ${info.parentType.name}`);
      }
      return source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[info.fieldName] : undefined;
    };
    // graphql-js executes a subscription operation's selection like a query's: one result for this payload.
    const result = execute({
      schema: this.schema,
      document: subscription.document,
      rootValue: { [subscription.fieldName]: payload },
      variableValues: subscription.variables,
      operationName: subscription.operationName ?? undefined,
      fieldResolver,
    }) as { data?: unknown; errors?: readonly GraphQLError[] };
    const message: { data: unknown; errors?: unknown[] } = { data: result.data ?? null };
    if (result.errors?.length) {
      message.errors = result.errors.map((error) => ({
        path: error.path ?? null,
        data: null,
        errorType: error.originalError instanceof Unauthorized ? 'Unauthorized' : null,
        errorInfo: null,
        locations: error.locations?.map((l) => ({ line: l.line, column: l.column, sourceName: null })) ?? null,
        message: error.message,
      }));
    }
    return message;
  }
}
