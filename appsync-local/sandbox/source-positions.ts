/**
 * Maps a position in a bundle back to the TypeScript source, through the inline source map esbuild writes
 * into every APPSYNC_JS bundle, so refusals and runtime errors point at the line a developer edits.
 */
import { SourceMap } from 'node:module';
import path from 'node:path';

export interface SourcePosition {
  /** Source file as the map names it, resolved against the bundle's folder and shown relative to cwd. */
  readonly source: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json(?:;charset=[^;,]+)?;base64,([A-Za-z0-9+/=]+)\s*$/;

const maps = new Map<string, SourceMap | null>();

function sourceMapOf(code: string): SourceMap | null {
  let map = maps.get(code);
  if (map !== undefined) return map;
  const match = INLINE_MAP.exec(code);
  map = null;
  if (match) {
    try {
      map = new SourceMap(JSON.parse(Buffer.from(match[1] as string, 'base64').toString('utf8')));
    } catch {
      map = null;
    }
  }
  if (maps.size > 500) maps.clear();
  maps.set(code, map);
  return map;
}

/** `line` is 1-based, `column` 0-based (acorn's convention). */
export function originalPosition(code: string, bundleFilename: string, line: number, column: number): SourcePosition | undefined {
  const map = sourceMapOf(code);
  if (!map) return undefined;
  const entry = map.findEntry(line - 1, column) as {
    originalSource?: string;
    originalLine?: number;
    originalColumn?: number;
  };
  if (!entry || entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
  const resolved = path.resolve(path.dirname(path.resolve(bundleFilename)), entry.originalSource);
  return { source: path.relative(process.cwd(), resolved), line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
}
