// Bundles each entry point into one CommonJS file under dist/ with esbuild.
// An entry whose source does not exist yet is skipped, so parts can land one at a time.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { writeRulePages } from './gen-rule-pages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// The port is a third of the CLI's code and only `php-socket-lint port` runs it: its own bundle,
// which the CLI's dynamic import loads at run time, keeps it out of every lint's start-up.
const LAZY_PORT = {
  name: 'lazy-port-command',
  setup(build) {
    build.onResolve({ filter: /^\.\/port-command$/ }, () => ({ path: './port-command.js', external: true }));
  },
};

const ENTRIES = [
  { source: 'server/src/cli/main.ts', output: 'dist/cli.js', plugins: [LAZY_PORT] },
  { source: 'server/src/cli/port-command.ts', output: 'dist/port-command.js' },
  { source: 'server/src/server/main.ts', output: 'dist/server.js' },
  { source: 'server/src/node/deep-lint-worker.ts', output: 'dist/deep-lint-worker.js' },
  { source: 'server/src/server/lint-worker.ts', output: 'dist/lint-worker.js' },
  { source: 'server/src/cli/lint-worker.ts', output: 'dist/cli-lint-worker.js' },
  { source: 'client/src/extension.ts', output: 'dist/extension.js', external: ['vscode'] },
];

const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: false,
  sourcemap: 'linked',
  logLevel: 'warning',
  // A lazy part is loaded with require(), not import(): bin/load-bundle.js compiles a bundle with
  // V8's code cache on Node 20, and code compiled so has no dynamic import there.
  supported: { 'dynamic-import': false },
  // ESM dependencies (fdir, under tinyglobby) read import.meta.url, which a CJS bundle lacks.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  // jsonc-parser's main is a UMD build whose inner require()s esbuild cannot follow: bundle its ESM build.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

// The SARIF formatter's help texts, from docs/rules/ (a generated module the bundles import).
writeRulePages();

const present = ENTRIES.filter((entry) => existsSync(new URL(`../${entry.source}`, import.meta.url)));
await Promise.all(
  present.map((entry) =>
    esbuild.build({ ...shared, entryPoints: [entry.source], outfile: entry.output, external: entry.external ?? [], plugins: entry.plugins ?? [] }),
  ),
);
console.log(`built ${present.map((entry) => entry.output).join(', ')}`);
