// Guide page: "AWS AppSync JavaScript resolver context object reference" (resolver-context-reference-js), section Info.
import { describe, expect, it } from 'vitest';
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
