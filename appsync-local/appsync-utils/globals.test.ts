import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAppSyncGlobals } from './globals';
import { EarlyReturnSignal, ErrorSignal, type InvocationState, newInvocationState, UnauthorizedSignal } from './invocation';

function globalsFor(state: InvocationState) {
  return createAppSyncGlobals({ randomBytes: (n) => [...randomBytes(n)], now: () => 1517943695758, random: Math.random, state: () => state });
}

const field = { authType: 'User Pool Authorization', fieldName: 'order', parentTypeName: 'Query' };

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (signal) {
    return signal;
  }
  throw new Error('expected the call to stop the handler');
}

describe('util.error', () => {
  it('stops the handler with message, errorType, data and errorInfo', () => {
    const { util } = globalsFor(newInvocationState(field));
    const signal = thrown(() => util.error('No such order', 'NotFound', { id: '1' }, { hint: 'check the id' }));
    expect(signal).toBeInstanceOf(ErrorSignal);
    expect((signal as ErrorSignal).error).toEqual({ message: 'No such order', errorType: 'NotFound', data: { id: '1' }, errorInfo: { hint: 'check the id' } });
  });

  it('leaves errorType, data and errorInfo null when not given', () => {
    const { util } = globalsFor(newInvocationState(field));
    expect((thrown(() => util.error('boom')) as ErrorSignal).error).toEqual({ message: 'boom', errorType: null, data: null, errorInfo: null });
  });
});

describe('util.appendError', () => {
  it('records the error and lets the handler go on', () => {
    const state = newInvocationState(field);
    const { util } = globalsFor(state);
    util.appendError('Stock is low', 'LowStock', { sku: 'A1' });
    util.appendError('Second');
    expect(state.appendedErrors).toEqual([
      { message: 'Stock is low', errorType: 'LowStock', data: { sku: 'A1' }, errorInfo: null },
      { message: 'Second', errorType: null, data: null, errorInfo: null },
    ]);
  });
});

describe('util.unauthorized and util.authType', () => {
  it('unauthorized stops the handler', () => {
    const { util } = globalsFor(newInvocationState(field));
    expect(thrown(() => util.unauthorized())).toBeInstanceOf(UnauthorizedSignal);
  });

  it('authType names how the caller authenticated', () => {
    expect(globalsFor(newInvocationState(field)).util.authType()).toBe('User Pool Authorization');
    expect(globalsFor(newInvocationState({ ...field, authType: 'API Key Authorization' })).util.authType()).toBe('API Key Authorization');
  });
});

describe('util.matches', () => {
  const { util } = globalsFor(newInvocationState(field));

  it('matches the whole value against the pattern, as in the reference example', () => {
    expect(util.matches('a*b', 'aaaaab')).toBe(true);
    expect(util.matches('a*b', 'aaaaabc')).toBe(false);
    expect(util.matches('[0-9]{3}', 'x123')).toBe(false);
  });
});

describe('util ids and time', () => {
  const { util } = globalsFor(newInvocationState(field));

  it('autoId, autoUlid and autoKsuid have their formats', () => {
    expect(util.autoId()).toMatch(/^[0-9a-f-]{36}$/);
    expect(util.autoUlid()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(util.autoKsuid()).toMatch(/^[0-9A-Za-z]{27}$/);
  });

  it('time reads the host clock', () => {
    expect(util.time.nowISO8601()).toBe('2018-02-06T19:01:35.758Z');
  });
});

describe('the APPSYNC_JS surface', () => {
  it('has no VTL-only helpers', () => {
    const { util } = globalsFor(newInvocationState(field));
    for (const vtlOnly of ['isNull', 'isNullOrEmpty', 'isNullOrBlank', 'defaultIfNull', 'typeOf', 'toJson', 'parseJson', 'qr', 'quiet']) {
      expect(Object.hasOwn(util, vtlOnly)).toBe(false);
    }
  });
});

describe('runtime.earlyReturn', () => {
  it('stops the handler with the value and where to skip to', () => {
    const { runtime } = globalsFor(newInvocationState(field));
    const plain = thrown(() => runtime.earlyReturn({ hello: 'world' })) as EarlyReturnSignal;
    expect(plain).toBeInstanceOf(EarlyReturnSignal);
    expect([plain.value, plain.skipTo]).toEqual([{ hello: 'world' }, undefined]);
    const toEnd = thrown(() => runtime.earlyReturn(1, { skipTo: 'END' })) as EarlyReturnSignal;
    expect(toEnd.skipTo).toBe('END');
  });
});

describe('extensions', () => {
  it('records every call with its arguments', () => {
    const state = newInvocationState(field);
    const { extensions } = globalsFor(state);
    extensions.evictFromApiCache('Query', 'product', { 'ctx.args.id': 'P1' });
    extensions.setSubscriptionFilter({ filterGroup: [] });
    extensions.setSubscriptionInvalidationFilter({ filterGroup: [] });
    extensions.invalidateSubscriptions({ subscriptionField: 'onOrder', payload: { id: '1' } });
    expect(state.extensionCalls.map((c) => c.name)).toEqual([
      'evictFromApiCache',
      'setSubscriptionFilter',
      'setSubscriptionInvalidationFilter',
      'invalidateSubscriptions',
    ]);
    expect(state.extensionCalls[0]!.args).toEqual(['Query', 'product', { 'ctx.args.id': 'P1' }]);
  });
});
