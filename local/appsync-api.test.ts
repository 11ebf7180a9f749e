// The project's wiring and the local runtime package agree on where bundles are (wiring/api.ts names them for
// the CDK; the package finds them by convention under dist/appsync/).
import { describe, expect, it } from 'vitest';
import { checkWiring, pipelineFunctionBundleFile, resolverBundleFile } from '@farmacruz/appsync-local';
import * as apiWiring from '../wiring/api';

describe('FarmaCruz wiring on the local AppSync runtime', () => {
  it('puts every bundle where the runtime looks for it', () => {
    for (const resolver of apiWiring.resolvers) {
      expect(apiWiring.resolverBundlePath(resolver)).toBe(`dist/appsync/${resolverBundleFile(resolver)}`);
    }
    for (const f of apiWiring.pipelineFunctions) {
      expect(apiWiring.pipelineFunctionBundlePath(f.name)).toBe(`dist/appsync/${pipelineFunctionBundleFile(f.name)}`);
    }
  });

  it('names only data sources and functions it defines', () => {
    expect(() => checkWiring(apiWiring)).not.toThrow();
    expect(() => checkWiring({ ...apiWiring, pipelineFunctions: [] })).toThrow(/runs pipeline function getSimilarProductIds, which is not defined/);
  });
});
