/**
 * Conformance tests: each test is an example from AWS AppSync's developer guide (the page named in its
 * `describe`), run through the local runtime's request handler with in-test resolvers.
 */
import type { GraphQLSchema } from 'graphql';
import { createGraphQLRequestHandler, type RequestCaller } from '../graphql-request';
import type { FieldResolution, FieldResolver, ResolverInvocation } from '../contracts';

export const apiKeyCaller: RequestCaller = { authType: 'API Key Authorization', identity: null, headers: {}, domainName: null };

/** A handler whose wired fields answer with `answer`; every invocation is recorded. */
export function handlerFor(schema: GraphQLSchema, fields: Record<string, (invocation: ResolverInvocation) => FieldResolution>) {
  const seen: ResolverInvocation[] = [];
  const resolvers = new Map<string, FieldResolver>(
    Object.entries(fields).map(([key, answer]) => [key, { resolve: async (invocation) => (seen.push(invocation), answer(invocation)) }]),
  );
  const handle = createGraphQLRequestHandler({ schema, resolvers, authorizeField: () => true });
  return { handle, seen };
}
