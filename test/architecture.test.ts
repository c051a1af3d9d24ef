// The layers of server/src, read from the import statements of every source file: the core uses no
// file system, process, CLI, server or port; node/, cli/, server/ and port/ sit on the core, and the
// server never imports the CLI (nor the CLI the server). The core is typed throughout: no `any`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE = resolve(import.meta.dirname, '..', 'server', 'src');
/** The package manifest: the CLI and the server read their name and version from it. */
const MANIFEST = resolve(SOURCE, '..', '..', 'package.json');

/** What each layer may import besides itself: other layers and bare packages (node:* included). */
const ALLOWED: Record<string, { layers: string[]; packages: RegExp }> = {
  core: { layers: [], packages: /^php-parser$/ },
  node: { layers: ['core'], packages: /^(node:.*|ignore|tinyglobby|jsonc-parser)$/ },
  port: { layers: ['core'], packages: /^node:.*$/ },
  cli: { layers: ['core', 'node', 'port'], packages: /^(node:.*|ignore|tinyglobby|sarif|vscode-languageserver-textdocument)$/ },
  server: { layers: ['core', 'node', 'port', 'shared'], packages: /^(node:.*|vscode-languageserver(\/node)?|vscode-languageserver-textdocument|vscode-uri|ignore|tinyglobby)$/ },
  shared: { layers: [], packages: /^$/ },
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Module specifiers of static imports, re-exports, dynamic imports and requires (type-only ones too). */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const statements = /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*(['"])([^'"\n]+)\1|^\s*import\s*(['"])([^'"\n]+)\3|\b(?:import|require)\s*\(\s*(['"])([^'"\n]+)\5/gm;
  for (const match of text.matchAll(statements)) found.push((match[2] ?? match[4] ?? match[6])!);
  return found;
}

function layerOf(path: string): string {
  return relative(SOURCE, path).split(sep)[0]!;
}

/** The import's offending target, or undefined when the layer may use it. */
function violation(file: string, specifier: string): string | undefined {
  const layer = layerOf(file);
  const allowed = ALLOWED[layer];
  if (!allowed) return `${layer}/ is not a known layer`;
  if (!specifier.startsWith('.')) return allowed.packages.test(specifier) ? undefined : specifier;
  const target = resolve(dirname(file), specifier);
  if (target === MANIFEST) return layer === 'core' || layer === 'port' ? 'package.json' : undefined;
  if (!target.startsWith(SOURCE + sep)) return relative(SOURCE, target);
  const targetLayer = layerOf(target);
  return targetLayer === layer || allowed.layers.includes(targetLayer) ? undefined : `${targetLayer}/`;
}

// Files inside port/ that are templates of the generated program's own runtime: their node:* imports
// are what the ported program imports, not what the port imports.
const files = sourceFiles(SOURCE).filter((file) => !relative(SOURCE, file).startsWith(join('port', 'runtime') + sep));

describe('architecture', () => {
  it('reads the imports of every source file', () => {
    expect(files.length).toBeGreaterThan(50);
    const core = files.filter((file) => layerOf(file) === 'core');
    expect(core.flatMap((file) => specifiers(readFileSync(file, 'utf8')))).toContain('php-parser');
  });

  it.each(Object.keys(ALLOWED))('%s/ imports only what its layer may', (layer) => {
    const broken = files
      .filter((file) => layerOf(file) === layer)
      .flatMap((file) =>
        specifiers(readFileSync(file, 'utf8')).flatMap((specifier) => {
          const target = violation(file, specifier);
          return target === undefined ? [] : [`${relative(SOURCE, file)} imports ${specifier} (${target})`];
        }),
      );
    expect(broken).toEqual([]);
  });

  it('flags a core import of the file system, as it would in a real file', () => {
    expect(violation(join(SOURCE, 'core', 'x.ts'), 'node:fs')).toBe('node:fs');
    expect(violation(join(SOURCE, 'server', 'x.ts'), '../cli/main')).toBe('cli/');
    expect(violation(join(SOURCE, 'core', 'rules', 'x.ts'), '../lint')).toBeUndefined();
    // Statements, not prose: a message that says "from 'x'" is no import.
    expect(specifiers("import {\n  a,\n  b,\n} from './a';\nexport { c } from \"./c\";\nimport './side';\nconst m = await import('node:os');\nconst t = `reported from '${1}'`;")).toEqual(['./a', './c', './side', 'node:os']);
  });

  it('core/ has no `any`: nodes are the typed union of ast-nodes.ts, narrowed on kind', () => {
    const core = files.filter((file) => layerOf(file) === 'core');
    const found = core.flatMap((file) => anyTypesIn(readFileSync(file, 'utf8')).map((line) => `${relative(SOURCE, file)}:${line}`));
    expect(found).toEqual([]);
  });

  it('finds `any` in code, not in comments or strings', () => {
    expect(anyTypesIn('const a: any = 1;\nlet b = c as any;\nconst d: Array<any> = [];\nconst e: any[] = [];')).toEqual([1, 2, 3, 4]);
    expect(anyTypesIn("// any socket\n/* any\n any */ const a = 'any';\nconst b = `any ${'x'}`;\nconst company = 1;")).toEqual([]);
  });
});

/** Lines (1-based) where the word `any` appears in code, after comments and string literals are blanked. */
function anyTypesIn(text: string): number[] {
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, (match) => match.replace(/[^\n]/g, ' '));
  return code.split('\n').flatMap((line, index) => (/\bany\b/.test(line) ? [index + 1] : []));
}
