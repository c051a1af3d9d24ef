// Which paths are ignored: .gitignore files (nested ones too, read only where they exist),
// then --ignore-pattern and the exclude of the config that applies to the path. All are gitignore-style pattern lists,
// each relative to its own directory; as in git, the last list that has a say decides.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface PatternLayer {
  /** The directory the patterns are relative to. */
  base: string;
  patterns: Ignore;
}

/** Directories never walked, as ESLint never walks them. */
export const ALWAYS_IGNORED_DIRECTORIES: ReadonlySet<string> = new Set(['.git', 'node_modules']);

// Composer's dependencies, at any depth: skipped as ESLint skips node_modules/, unless asked
// for by name: a path or glob on the command line, or an `include` pattern such as
// "vendor/acme/**/*.php". A .gitignore that lists vendor/ still wins, as it does for a path.
export const DEPENDENCY_DIRECTORY = 'vendor';

/** Does a path or glob name the dependency directory as one of its segments? */
export function namesDependencyDirectory(pattern: string): boolean {
  return pattern.split(/[\\/]/).some((segment) => segment === DEPENDENCY_DIRECTORY);
}

export function patternLayer(base: string, patterns: readonly string[]): PatternLayer | undefined {
  return patterns.length > 0 ? { base, patterns: ignore().add(patterns) } : undefined;
}

/** Path relative to `base`, or undefined when the path is not below it (the patterns do not apply). */
function relativeBelow(base: string, path: string): string | undefined {
  // For a normalised path (the walk's are) a plain prefix is what relative() would find, without its work.
  if (path.length > base.length + 1 && path.startsWith(base)) {
    const rest = base.endsWith(sep) ? path.slice(base.length) : path[base.length] === sep ? path.slice(base.length + 1) : undefined;
    if (rest !== undefined && isNormalised(rest)) return rest;
  }
  const rel = relative(base, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || rel.startsWith(sep)) return undefined;
  return rel;
}

/**
 * No `.`, `..` or empty segment and no trailing separator: relative() would return it unchanged.
 * (A name ending in a dot also fails this and takes the slow way.) Windows paths always do.
 */
function isNormalised(rest: string): boolean {
  if (sep !== '/') return false;
  return !rest.includes('//') && !rest.includes('./') && !rest.endsWith('.') && !rest.endsWith('/');
}

export function isBelow(base: string, path: string): boolean {
  return relativeBelow(base, path) !== undefined;
}

function matchesLayer(layer: PatternLayer, path: string, isDirectory: boolean): 'ignored' | 'unignored' | undefined {
  const rel = relativeBelow(layer.base, path);
  if (rel === undefined) return undefined;
  const test = layer.patterns.test(isDirectory ? `${rel}/` : rel);
  return test.ignored ? 'ignored' : test.unignored ? 'unignored' : undefined;
}

/** Later layers outrank earlier ones; `ignored` is the verdict so far. */
export function isIgnoredBy(layers: readonly PatternLayer[], path: string, isDirectory: boolean, ignored = false): boolean {
  for (const layer of layers) {
    const verdict = matchesLayer(layer, path, isDirectory);
    if (verdict !== undefined) ignored = verdict === 'ignored';
  }
  return ignored;
}

export class IgnoreRules {
  private readonly gitignores = new Map<string, PatternLayer | undefined>();
  private readonly repositoryRoots = new Map<string, string | null>();

  /** --ignore-pattern, which outranks .gitignore files (and is outranked by the config's exclude). */
  constructor(private readonly ignorePatterns: PatternLayer | undefined) {}

  /** Whether --ignore-pattern says anything at all. */
  get hasIgnorePatterns(): boolean {
    return this.ignorePatterns !== undefined;
  }

  /** The .gitignore of one directory, read once (synchronously: it is small, and the walk is). */
  gitignoreInSync(directory: string): PatternLayer | undefined {
    if (this.gitignores.has(directory)) return this.gitignores.get(directory);
    let layer: PatternLayer | undefined;
    try {
      layer = { base: directory, patterns: ignore().add(readFileSync(join(directory, '.gitignore'), 'utf8')) };
    } catch {
      layer = undefined;
    }
    this.gitignores.set(directory, layer);
    return layer;
  }

  gitignoreIn(directory: string): Promise<PatternLayer | undefined> {
    return Promise.resolve(this.gitignoreInSync(directory));
  }

  /**
   * Git reads .gitignore files from the repository root down; above it (a home directory
   * with `*` in its .gitignore, say) they do not apply. Outside a repository, `fallback` is the root.
   */
  gitScopeRoot(directory: string, fallback: string): string {
    let repository = this.repositoryRoots.get(directory);
    if (repository === undefined) {
      repository = null;
      for (let current = directory; ; current = dirname(current)) {
        if (existsSync(join(current, '.git'))) {
          repository = current;
          break;
        }
        if (dirname(current) === current) break;
      }
      this.repositoryRoots.set(directory, repository);
    }
    return repository ?? (isBelow(fallback, directory) ? fallback : directory);
  }

  /** The .gitignore layers that apply to entries of `directory`, from `root` down. */
  async gitignoreLayers(root: string, directory: string): Promise<PatternLayer[]> {
    const chain: string[] = [];
    for (let current = directory; ; current = dirname(current)) {
      chain.unshift(current);
      if (current === root || dirname(current) === current) break;
    }
    const layers = await Promise.all(chain.map((dir) => this.gitignoreIn(dir)));
    return layers.filter((layer): layer is PatternLayer => layer !== undefined);
  }

  /** .gitignore files, then --ignore-pattern, then `exclude`: the config's that applies to `path`. */
  isIgnored(gitignoreLayers: readonly PatternLayer[], path: string, isDirectory: boolean, exclude?: PatternLayer): boolean {
    let ignored = isIgnoredBy(gitignoreLayers, path, isDirectory);
    if (this.ignorePatterns) ignored = isIgnoredBy([this.ignorePatterns], path, isDirectory, ignored);
    return exclude ? isIgnoredBy([exclude], path, isDirectory, ignored) : ignored;
  }

  /** For a file found by a glob or named on the command line; `fallbackRoot` as for gitScopeRoot. */
  async isFileIgnored(path: string, fallbackRoot: string, exclude?: PatternLayer): Promise<boolean> {
    const directory = dirname(path);
    const layers = await this.gitignoreLayers(this.gitScopeRoot(directory, fallbackRoot), directory);
    return this.isIgnored(layers, path, false, exclude);
  }
}
