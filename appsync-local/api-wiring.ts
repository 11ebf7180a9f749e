/**
 * What the local runtime needs to know about an AppSync API besides its schema: its data sources, which
 * resolver serves which field, and the pipeline functions. Structurally the same as a CDK app would describe
 * them; a project passes its own wiring module (FarmaCruz's is wiring/api.ts) and the runtime imports nothing
 * from the project.
 *
 * Bundles are found by convention under one folder (`bundleDir`):
 *   resolver Type.field → <bundleDir>/resolvers/Type.field.js
 *   function name       → <bundleDir>/pipeline/name.js
 */

export interface DataSourceWiring {
  /** AppSync's data source type: `AMAZON_DYNAMODB`, `NONE`, ... */
  readonly kind: string;
  readonly description?: string;
}

/** AppSync per-resolver caching: honoured only when the API cache is on (`apiCache` option). */
export interface ResolverCachingWiring {
  readonly ttlSeconds: number;
  /** Context paths that make up the cache key, e.g. `$context.arguments.id`, `$context.source.id`. */
  readonly keys: readonly string[];
}

interface ResolverWiringBase {
  readonly typeName: string;
  readonly fieldName: string;
  readonly caching?: ResolverCachingWiring;
}

export interface UnitResolverWiring extends ResolverWiringBase {
  readonly kind: 'UNIT';
  readonly dataSource: string;
}

export interface PipelineResolverWiring extends ResolverWiringBase {
  readonly kind: 'PIPELINE';
  /** Pipeline function names, run in order. */
  readonly functions: readonly string[];
}

export type ResolverWiring = UnitResolverWiring | PipelineResolverWiring;

export interface PipelineFunctionWiring {
  readonly name: string;
  readonly dataSource: string;
  readonly description?: string;
}

export interface ApiWiring {
  readonly dataSources: Readonly<Record<string, DataSourceWiring>>;
  readonly resolvers: readonly ResolverWiring[];
  readonly pipelineFunctions: readonly PipelineFunctionWiring[];
}

/** Limits on one request (AppSync's `queryDepthLimit`, `resolverCountLimit`, and its 30 s request quota). */
export interface ApiLimits {
  /** 0: no depth limit (AppSync's default). */
  readonly queryDepthLimit: number;
  /** AppSync's default is 10,000. */
  readonly resolverCountLimit: number;
  readonly requestTimeoutSeconds: number;
}

export const APPSYNC_DEFAULT_LIMITS: ApiLimits = { queryDepthLimit: 0, resolverCountLimit: 10_000, requestTimeoutSeconds: 30 };

export function resolverBundleFile(resolver: Pick<ResolverWiringBase, 'typeName' | 'fieldName'>): string {
  return `resolvers/${resolver.typeName}.${resolver.fieldName}.js`;
}

export function pipelineFunctionBundleFile(name: string): string {
  return `pipeline/${name}.js`;
}

/** Refuses a wiring that names a data source or function it does not define. */
export function checkWiring(wiring: ApiWiring): void {
  const problems: string[] = [];
  const functions = new Set(wiring.pipelineFunctions.map((f) => f.name));
  for (const f of wiring.pipelineFunctions) {
    if (!(f.dataSource in wiring.dataSources)) problems.push(`pipeline function ${f.name} uses data source ${f.dataSource}, which is not defined`);
  }
  for (const r of wiring.resolvers) {
    const field = `${r.typeName}.${r.fieldName}`;
    if (r.kind === 'UNIT' && !(r.dataSource in wiring.dataSources)) problems.push(`resolver ${field} uses data source ${r.dataSource}, which is not defined`);
    if (r.kind === 'PIPELINE') {
      for (const name of r.functions) if (!functions.has(name)) problems.push(`resolver ${field} runs pipeline function ${name}, which is not defined`);
    }
  }
  if (problems.length > 0) throw new Error(`The API wiring is inconsistent:\n  ${problems.join('\n  ')}`);
}
