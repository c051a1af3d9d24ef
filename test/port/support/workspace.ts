// A scratch directory outside the repository where ports are written, type-checked with
// `tsc --strict` (TypeScript 7's native compiler, through its CLI) and transpiled to .mjs with
// esbuild so Node 20 can run them.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { portPhpToTypeScript, type PortOptions, type PortResult } from '../../../server/src/port/index';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const PROGRAMS = join(REPO, 'test/port/programs');

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    lib: ['ES2023'],
    types: ['node'],
    typeRoots: [join(REPO, 'node_modules/@types')],
    strict: true,
    noEmit: true,
  },
  include: ['*.ts'],
};

function transpiled(typescript: string): string {
  try {
    return transformSync(typescript, { loader: 'ts', format: 'esm', target: 'node20' }).code;
  } catch (error) {
    // tsc reports the same problem; the run then fails loudly instead of the whole suite.
    return `throw new Error(${JSON.stringify(`esbuild could not transpile the port: ${(error as Error).message}`)});\n`;
  }
}

export interface PortedProgram {
  result: PortResult;
  tsFile: string;
  mjsFile: string;
}

export class PortWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'php-port-'));

  constructor() {
    writeFileSync(join(this.dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    writeFileSync(join(this.dir, 'package.json'), '{ "type": "module" }\n');
  }

  /**
   * Ports PHP source (a file in test/port/programs, or text, from `path` when it has one) and
   * writes the .ts and .mjs. A program is ported from its path, so that the files it includes are
   * found and __DIR__ is PHP's.
   */
  port(name: string, php?: string, options: PortOptions = {}, sourcePath?: string): PortedProgram {
    const path = sourcePath ?? (php === undefined ? join(PROGRAMS, `${name}.php`) : `${name}.php`);
    const text = php ?? readFileSync(path, 'utf8');
    const result = portPhpToTypeScript(text, path, options);
    const tsFile = join(this.dir, `${name}.ts`);
    const mjsFile = join(this.dir, `${name}.mjs`);
    writeFileSync(tsFile, result.code);
    writeFileSync(mjsFile, transpiled(result.code));
    // The runtime module the ports import, once, as a user's folder of ports has it.
    if (result.runtime && !existsSync(join(this.dir, result.runtime.fileName))) {
      writeFileSync(join(this.dir, result.runtime.fileName), result.runtime.code);
      writeFileSync(join(this.dir, result.runtime.fileName.replace(/\.ts$/, '.js')), transpiled(result.runtime.code));
    }
    return { result, tsFile, mjsFile };
  }

  /** `tsc -p` over every port written so far; resolves to the compiler's output ('' when clean). */
  typecheck(): Promise<string> {
    return new Promise((done) => {
      execFile(resolve(REPO, 'node_modules/.bin/tsc'), ['-p', this.dir], { timeout: 60_000 }, (_error, stdout, stderr) => done(`${stdout}${stderr}`.trim()));
    });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
