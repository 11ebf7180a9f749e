// Guide page: "AWS AppSync JavaScript resolver context object reference" (resolver-context-reference-js), sections Info and context fields (stash).
import { describe, expect, it } from 'vitest';
import { loadAppSyncModule, parseValue, type HandlerOutcome } from '../sandbox/sandbox';
import { buildAppSyncSchema } from '../schema';
import { apiKeyCaller, handlerFor } from './support';

const schema = buildAppSyncSchema(`
  type Author { authorId: ID! name: String }
  type Comment { id: ID! }
  type Post { postId: ID! title: String content: String author(id: ID): Author secondAuthor(id: ID): Author comments: [Comment] }
  type Query { getPost(id: ID!): Post }
`);

describe('resolver-context-reference-js › Info', () => {
  it("lists the guide's example selection set: aliases by alias only, fragments' fields under their aliases", async () => {
    const { handle, seen } = handlerFor(schema, { 'Query.getPost': () => ({ data: null, errors: [] }) });
    // The guide's example query, with its variables given.
    await handle(
      {
        query: `query getPost($postId: ID!, $authorId: ID) {
          getPost(id: $postId) {
            postId
            title
            secondTitle: title
            content
            author(id: $authorId) { authorId name }
            secondAuthor(id: "789") { authorId }
            ... on Post { inlineFragComments: comments { id } }
            ... postFrag
          }
        }
        fragment postFrag on Post { postFragComments: comments { id } }`,
        variables: { postId: '123', authorId: '456' },
      },
      apiKeyCaller,
    );
    expect(seen[0]!.info.selectionSetList).toEqual([
      'postId',
      'title',
      'secondTitle',
      'content',
      'author',
      'author/authorId',
      'author/name',
      'secondAuthor',
      'secondAuthor/authorId',
      'inlineFragComments',
      'inlineFragComments/id',
      'postFragComments',
      'postFragComments/id',
    ]);
    expect(seen[0]!.info.variables).toEqual({ postId: '123', authorId: '456' });
    // Named fragments are not merged into selectionSetGraphQL; inline fragments are kept.
    expect(seen[0]!.info.selectionSetGraphQL).toContain('...postFrag');
    expect(seen[0]!.info.selectionSetGraphQL).toContain('... on Post {');
  });

  it('lists an aliased field by its alias, never by its field name', async () => {
    const { handle, seen } = handlerFor(schema, { 'Query.getPost': () => ({ data: null, errors: [] }) });
    await handle({ query: '{ getPost(id: "1") { heading: title author { writer: name } } }' }, apiKeyCaller);
    expect(seen[0]!.info.selectionSetList).toEqual(['heading', 'author', 'author/writer']);
  });

  it("lists only the interface's fields on a field of interface type, not an implementation's fragment", async () => {
    const withInterface = buildAppSyncSchema(`
      interface Node { id: ID! }
      type Product implements Node { id: ID! name: String }
      type Query { node(id: ID!): Node }
    `);
    const { handle, seen } = handlerFor(withInterface, { 'Query.node': () => ({ data: null, errors: [] }) });
    await handle({ query: '{ node(id: "1") { id ... on Node { nodeId: id } ... on Product { name } } }' }, apiKeyCaller);
    expect(seen[0]!.info.selectionSetList).toEqual(['id', 'nodeId']);
  });
});

describe('resolver-context-reference-js › stash and arguments: the stash cannot be deleted or replaced, its properties can', () => {
  function run(body: string) {
    const module = loadAppSyncModule(`export function request(ctx) {\n${body}\n}\nexport function response(ctx) { return ctx.result; }`, 'context.js');
    return module.request(module.context({ arguments: { id: '1234' } }));
  }
  const failure = (outcome: HandlerOutcome) => (outcome.kind === 'failed' ? outcome.error.message : `did not fail: ${outcome.valueJson}`);

  it.each([
    ['replacing ctx.stash', 'ctx.stash = { key: 1 }; return 1;', 'ctx is readonly. Adding/Updating stash is not supported.'],
    ['replacing ctx.args', 'ctx.args = {}; return 1;', 'ctx is readonly. Adding/Updating args is not supported.'],
    ['replacing ctx.arguments', 'ctx.arguments = {}; return 1;', 'ctx is readonly. Adding/Updating arguments is not supported.'],
    ['deleting ctx.stash', 'delete ctx.stash; return 1;', 'ctx is readonly. Deleting stash is not supported.'],
    ['adding a property to ctx', 'ctx.mine = 1; return 1;', 'ctx is readonly. Adding/Updating mine is not supported.'],
    ['replacing through Object.assign', 'Object.assign(ctx, { stash: {} }); return 1;', 'ctx is readonly. Adding/Updating stash is not supported.'],
  ])('%s fails the handler', (_name, body, message) => {
    expect(failure(run(body))).toContain(message);
  });

  it("the guide's examples: adding with an assignment and Object.assign, removing with delete", () => {
    const outcome = run(`ctx.stash.newItem = { key: "something" };
Object.assign(ctx.stash, { key1: 'value1', key2: 'value2' });
delete ctx.stash.key2;
ctx.args.extra = true;
return { stash: ctx.stash, args: ctx.args };`);
    expect(outcome.kind === 'returned' ? parseValue(outcome.valueJson) : outcome).toEqual({
      stash: { newItem: { key: 'something' }, key1: 'value1' },
      args: { id: '1234', extra: true },
    });
  });
});

describe('resolver-context-reference-js › Info: the selection sets are readable but not serialized', () => {
  it('JSON.stringify(ctx.info) leaves out selectionSetList and selectionSetGraphQL, which stay readable', () => {
    const module = loadAppSyncModule(
      'export function request(ctx) { return { json: JSON.parse(JSON.stringify(ctx.info)), list: ctx.info.selectionSetList, graphql: ctx.info.selectionSetGraphQL }; }\nexport function response(ctx) { return ctx.result; }',
      'info.js',
    );
    const outcome = module.request(
      module.context({
        info: { fieldName: 'getPost', parentTypeName: 'Query', variables: { id: '1' }, selectionSetList: ['postId', 'title'], selectionSetGraphQL: '{\n  postId\n  title\n}' },
      }),
    );
    expect(outcome.kind === 'returned' && parseValue(outcome.valueJson)).toEqual({
      json: { fieldName: 'getPost', parentTypeName: 'Query', variables: { id: '1' } },
      list: ['postId', 'title'],
      graphql: '{\n  postId\n  title\n}',
    });
  });
});
