/**
 * `runtime.earlyReturn(obj?, { skipTo? })`: stops the current handler; the executor decides what is skipped
 * (see executor.ts) from where the handler sits in the resolver and from `skipTo`.
 */
import { EarlyReturnSignal } from './invocation';

export interface Runtime {
  earlyReturn(obj?: unknown, returnOptions?: { skipTo?: 'END' | 'NEXT' }): never;
}

export function createRuntime(): Runtime {
  return {
    earlyReturn(obj, returnOptions) {
      const skipTo = returnOptions?.skipTo === 'END' || returnOptions?.skipTo === 'NEXT' ? returnOptions.skipTo : undefined;
      throw new EarlyReturnSignal(obj, skipTo);
    },
  };
}
