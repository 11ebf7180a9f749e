// Guide page: "Resolver and function utilities" / util reference for APPSYNC_JS (util.error, util.appendError):
// "the data value will be filtered based on the query selection set".
import { describe, expect, it } from 'vitest';
import { buildAppSyncSchema } from '../schema';
import { apiKeyCaller, handlerFor } from './support';

const schema = buildAppSyncSchema(`
  type Customer { id: ID! email: String }
  type Order { id: ID! status: String total: Int customer: Customer }
  type Query { order(id: ID!): Order orders: [Order] count: Int }
`);

const stored = { id: 'O1', status: 'PAID', total: 1250, customer: { id: 'C1', email: 'ana@example.com' }, internalNote: 'x' };

describe('resolver-util-reference-js › util.error', () => {
  it('filters the error data by the selection set: unselected fields are not sent', async () => {
    const { handle } = handlerFor(schema, {
      'Query.order': () => ({ data: null, errors: [{ message: 'Conflict', errorType: 'Conflict', errorInfo: null, data: stored }] }),
    });
    const response = await handle({ query: '{ order(id: "O1") { id status } }' }, apiKeyCaller);
    expect(response.errors?.[0]?.data).toEqual({ id: 'O1', status: 'PAID' });
  });

  it('uses response names (aliases) and filters nested objects and lists', async () => {
    const { handle } = handlerFor(schema, {
      'Query.orders': () => ({ data: null, errors: [{ message: 'no', errorType: 'E', errorInfo: null, data: [stored, stored] }] }),
    });
    const response = await handle({ query: '{ orders { ref: id customer { id } } }' }, apiKeyCaller);
    expect(response.errors?.[0]?.data).toEqual([
      { ref: 'O1', customer: { id: 'C1' } },
      { ref: 'O1', customer: { id: 'C1' } },
    ]);
  });

  it('filters appended errors (util.appendError) the same way', async () => {
    const { handle } = handlerFor(schema, {
      'Query.order': () => ({ data: { id: 'O1' }, errors: [{ message: 'partial', errorType: 'W', errorInfo: null, data: stored }] }),
    });
    const response = await handle({ query: '{ order(id: "O1") { id customer { email } } }' }, apiKeyCaller);
    expect(response.errors?.[0]?.data).toEqual({ id: 'O1', customer: { email: 'ana@example.com' } });
  });

  it('passes the data on whole on a leaf field, where nothing can be selected', async () => {
    const scalar = handlerFor(schema, { 'Query.count': () => ({ data: null, errors: [{ message: 'm', errorType: 'E', errorInfo: null, data: { field: 'qty' } }] }) });
    expect((await scalar.handle({ query: '{ count }' }, apiKeyCaller)).errors?.[0]?.data).toEqual({ field: 'qty' });
  });
});
