// AppSync's own wording and shape for request-level errors. The guide has no page listing them; each
// describe names the public record quoting a real AppSync response:
//  - graphql/graphql-over-http#81, "AWS AppSync HTTP behavior" (written by the AppSync team): empty body,
//    unparsable body, a FieldUndefined validation error;
//  - aws-appsync-community#273 (WrongType with graphql-java's value text, unknown input field in variables)
//    and #406 (a nested null reported under the outer variable's name);
//  - aws/aws-cdk#19061, graphql-compose#121, aws-appsync-community#247 (non-null fields, list paths).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppSyncSchema } from '../schema';
import { createGraphQLRequestHandler } from '../graphql-request';
import { startAppSyncHttpServer, type RunningHttpServer } from '../http-server';
import { createRequestAuthenticator } from '../auth/authorize-request';
import { apiKeyCaller, handlerFor } from './support';

const schema = buildAppSyncSchema(`
  type Person { name: String! }
  type Messages { id: ID! text: String sendBy: Person! }
  type Industry { _version: Int! }
  type Page { items: [Industry] }
  input CreateUpdateTestInput { test: String! testa: String }
  input NestedInput { name: String! }
  input OutsideInput { nested: NestedInput }
  type Query { getMessages(id: ID!): Messages listIndustries: Page listPosts(limit: Int): [Messages] }
  type Mutation { createUpdateTest(input: CreateUpdateTestInput!): String createItem(outside_input: OutsideInput!): String }
`);

const { handle } = handlerFor(schema, {
  'Query.getMessages': () => ({ data: { id: 'a', text: 'hola', sendBy: null }, errors: [] }),
  'Query.listIndustries': () => ({ data: { items: [{ _version: 1 }, { _version: null }] }, errors: [] }),
  'Mutation.createUpdateTest': () => ({ data: 'ok', errors: [] }),
  'Mutation.createItem': () => ({ data: 'ok', errors: [] }),
});

describe('graphql-over-http#81 (AppSync HTTP behavior) › invalid selection', () => {
  it('answers {badfield} with data null and a FieldUndefined validation error: path null, locations, message, no errorType', async () => {
    expect(await handle({ query: '{badfield}' }, apiKeyCaller)).toEqual({
      data: null,
      errors: [
        {
          path: null,
          locations: [{ line: 1, column: 2, sourceName: null }],
          message: "Validation error of type FieldUndefined: Field 'badfield' in type 'Query' is undefined @ 'badfield'",
        },
      ],
    });
  });

  it.each([
    ['{ getMessages { id } }', "Validation error of type MissingFieldArgument: Missing field argument id @ 'getMessages'"],
    ['{ getMessages(id: "a") }', "Validation error of type SubSelectionRequired: Sub selection required for type Messages of field getMessages @ 'getMessages'"],
    ['{ getMessages(id: "a", page: 2) { id } }', "Validation error of type UnknownArgument: Unknown field argument page @ 'getMessages'"],
    ['{ getMessages(id: "a") { sendBy { name { first } } } }', "Validation error of type SubSelectionNotAllowed: Sub selection not allowed on leaf type String! of field name @ 'getMessages/sendBy/name'"],
    ['query($id: String) { getMessages(id: $id) { id } }', "Validation error of type VariableTypeMismatch: Variable type 'String' doesn't match expected type 'ID!' @ 'getMessages'"],
    ['query($since: AWSTimestamps) { getMessages(id: "a") { id } }', 'Validation error of type UnknownType: Unknown type AWSTimestamps'],
    ['query { getMessages(id: $id) { id } }', "Validation error of type UndefinedVariable: Undefined variable id @ 'getMessages'"],
    ['{ getMessages(id: "a") { ...F } }', "Validation error of type UndefinedFragment: Undefined fragment F @ 'getMessages'"],
    ['{ listPosts(limit: "ten") { id } }', "Validation error of type WrongType: argument 'limit' with value 'StringValue{value='ten'}' is not a valid 'Int' @ 'listPosts'"],
  ])('%s', async (query, message) => {
    const response = await handle({ query }, apiKeyCaller);
    expect(response.data).toBeNull();
    expect(response.errors?.map((e) => e.message)).toContain(message);
    for (const error of response.errors ?? []) expect(Object.keys(error).sort()).toEqual(['locations', 'message', 'path']);
  });
});

describe('aws-appsync-community#273 › literal and variable input errors', () => {
  it('words a literal object missing a required field as WrongType with graphql-java\'s value text', async () => {
    const response = await handle({ query: 'mutation createUpdateTest {\n  createUpdateTest(input: {testa: "test"})\n}' }, apiKeyCaller);
    expect(response.errors).toEqual([
      {
        path: null,
        locations: [{ line: 2, column: 20, sourceName: null }],
        message:
          "Validation error of type WrongType: argument 'input' with value 'ObjectValue{objectFields=[ObjectField{name='testa', value=StringValue{value='test'}}]}' is missing required fields '[test]' @ 'createUpdateTest'",
      },
    ]);
  });

  it('words a variable with a field its input type does not define, without locations', async () => {
    const response = await handle(
      { query: 'mutation m($input: CreateUpdateTestInput!) { createUpdateTest(input: $input) }', variables: { input: { test: 'a', nope: 'b' } } },
      apiKeyCaller,
    );
    expect(response).toEqual({
      data: null,
      errors: [{ path: null, locations: null, message: "The variables input contains a field that is not defined for input object type 'CreateUpdateTestInput' " }],
    });
  });
});

describe('aws-appsync-community#406 › a null for a non-null type in variables', () => {
  it('names the outer variable with the inner type, as AppSync does', async () => {
    const response = await handle(
      { query: 'mutation($outside_input: OutsideInput!) { createItem(outside_input: $outside_input) }', variables: { outside_input: { nested: {} } } },
      apiKeyCaller,
    );
    expect(response.errors?.[0]?.message).toBe("Variable 'outside_input' has coerced Null value for NonNull type 'String!'");
  });

  it('reports a missing non-null variable the same way, at the variable definition', async () => {
    const response = await handle({ query: 'query ($id: ID!) { getMessages(id: $id) { id } }' }, apiKeyCaller);
    expect(response).toEqual({
      data: null,
      errors: [{ path: null, locations: [{ line: 1, column: 8, sourceName: null }], message: "Variable 'id' has coerced Null value for NonNull type 'ID!'" }],
    });
  });
});

describe('graphql-compose#121, aws-appsync-community#247 › a null in a non-null field', () => {
  it("words it with the field's type and parent, the path as /a/b, locations null", async () => {
    const response = await handle({ query: '{ getMessages(id: "a") { id text sendBy { name } } }' }, apiKeyCaller);
    expect(response).toEqual({
      data: { getMessages: null },
      errors: [
        {
          path: ['getMessages', 'sendBy'],
          locations: null,
          message: "Cannot return null for non-nullable type: 'Person' within parent 'Messages' (/getMessages/sendBy)",
        },
      ],
    });
  });

  it('writes list indexes in brackets', async () => {
    const response = await handle({ query: '{ listIndustries { items { _version } } }' }, apiKeyCaller);
    expect(response.errors?.[0]?.message).toBe("Cannot return null for non-nullable type: 'Int' within parent 'Industry' (/listIndustries/items[1]/_version)");
    expect(response.errors?.[0]?.path).toEqual(['listIndustries', 'items', 1, '_version']);
  });
});

describe('graphql-java InvalidSyntax (AppSync runs graphql-java) › a query that does not parse', () => {
  it('names the offending token and its position', async () => {
    expect(await handle({ query: '{ getMessages(id: "a" { id } }' }, apiKeyCaller)).toEqual({
      data: null,
      errors: [{ path: null, locations: [{ line: 1, column: 23, sourceName: null }], message: "Invalid Syntax : offending token '{' at line 1 column 23" }],
    });
  });
});

describe('graphql-over-http#81 (AppSync HTTP behavior) › malformed requests', () => {
  let server: RunningHttpServer;
  beforeAll(async () => {
    server = await startAppSyncHttpServer({
      host: '127.0.0.1',
      port: 0,
      handleGraphQL: createGraphQLRequestHandler({ schema, resolvers: new Map(), authorizeField: () => true }),
      authenticator: createRequestAuthenticator({ apiKey: 'da2-errors', userPool: null }),
      explorerDefaults: { apiKey: 'da2-errors' },
    });
  });
  afterAll(() => server?.close());

  const post = (body: string) =>
    fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'da2-errors' }, body });

  it('answers an empty body with 400 "Request body is empty."', async () => {
    const response = await post('');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: 'Request body is empty.' }] });
  });

  it.each(['meow', '{}', '{}}', '[]'])('answers %j with 400 "Unable to parse GraphQL query."', async (body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }] });
  });
});
