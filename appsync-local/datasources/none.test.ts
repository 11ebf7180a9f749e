import { describe, expect, it } from 'vitest';
import { createNoneDataSource } from './none';

describe('the NONE data source', () => {
  it('returns the request object\'s payload as the result', async () => {
    expect(await createNoneDataSource().invoke({ payload: { total: 4550, currency: 'PEN' } })).toEqual({ result: { total: 4550, currency: 'PEN' } });
  });

  it('has no result for a request object without payload', async () => {
    expect(await createNoneDataSource().invoke({ version: '2018-05-29' })).toEqual({ result: undefined });
    expect(await createNoneDataSource().invoke(undefined)).toEqual({ result: undefined });
  });
});
