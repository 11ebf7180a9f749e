/**
 * AppSync's API cache with per-resolver caching, emulated in memory: when the API cache is on, a resolver
 * whose wiring has `caching` answers from the cache for `ttlSeconds`, keyed by its caching keys
 * (`$context.arguments.id`, `$context.source.id`, `$context.identity.sub`, ...); only resolutions without
 * errors are cached. `extensions.evictFromApiCache(type, field, { 'context.arguments.id': id })` from any
 * resolver removes the matching entry (guide: "Caching and compression", "Extensions").
 */
import type { ResolverWiring } from './api-wiring';
import type { FieldResolution, FieldResolver, ResolverInvocation } from './contracts';
import type { ResolverExecution } from './executor';

interface Entry {
  readonly expires: number;
  readonly resolution: FieldResolution;
}

/** `$context.arguments.id`, `$ctx.args.id`, `context.arguments.id` → `context.arguments.id`. */
export function normalizeCachingKey(key: string): string {
  return key
    .replace(/^\$/, '')
    .replace(/^ctx\./, 'context.')
    .replace(/^context\.args\./, 'context.arguments.');
}

function valueAt(invocation: ResolverInvocation, key: string): unknown {
  const [root, section, ...rest] = normalizeCachingKey(key).split('.');
  if (root !== 'context') return undefined;
  let value: unknown =
    section === 'arguments' ? invocation.arguments : section === 'source' ? invocation.source : section === 'identity' ? invocation.identity : undefined;
  for (const part of rest) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

function cacheKey(typeName: string, fieldName: string, pairs: readonly (readonly [string, unknown])[]): string {
  const sorted = [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${typeName}.${fieldName}|${JSON.stringify(sorted)}`;
}

export interface ApiCache {
  /** The resolver, answering from the cache when its wiring caches it, and applying its evictions. */
  wrap(resolver: ResolverWiring, executor: FieldResolver): FieldResolver;
  evict(typeName: string, fieldName: string, keyValuePair: Readonly<Record<string, unknown>>): void;
}

export function createApiCache(now: () => number = Date.now): ApiCache {
  const entries = new Map<string, Entry>();

  function evict(typeName: string, fieldName: string, keyValuePair: Readonly<Record<string, unknown>>): void {
    const pairs = Object.entries(keyValuePair ?? {}).map(([key, value]) => [normalizeCachingKey(key), value] as const);
    entries.delete(cacheKey(typeName, fieldName, pairs));
  }

  function applyEvictions(resolution: FieldResolution): void {
    for (const call of (resolution as Partial<ResolverExecution>).extensionCalls ?? []) {
      if (call.name !== 'evictFromApiCache') continue;
      const [typeName, fieldName, keyValuePair] = call.args as [string, string, Record<string, unknown>];
      evict(String(typeName), String(fieldName), keyValuePair);
    }
  }

  return {
    evict,
    wrap(resolver, executor) {
      const caching = resolver.caching;
      return {
        async resolve(invocation) {
          if (!caching) {
            const resolution = await executor.resolve(invocation);
            applyEvictions(resolution);
            return resolution;
          }
          const key = cacheKey(
            resolver.typeName,
            resolver.fieldName,
            caching.keys.map((k) => [normalizeCachingKey(k), valueAt(invocation, k) ?? null] as const),
          );
          const cached = entries.get(key);
          if (cached && cached.expires > now()) return cached.resolution;
          const resolution = await executor.resolve(invocation);
          applyEvictions(resolution);
          if (resolution.errors.length === 0) {
            entries.set(key, { expires: now() + caching.ttlSeconds * 1000, resolution: { data: resolution.data, errors: [] } });
          }
          return resolution;
        },
      };
    },
  };
}
