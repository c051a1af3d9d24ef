// Packages the .vsix with vsce, offline: `node scripts/package-vsix.mjs [--out <file>]` (after a build).
// The one place that knows vsce's flags, for `npm run package`, the vsix test, the e2e suite and the bench.
// - `--no-dependencies`: esbuild bundled everything into dist/, so node_modules stays out.
// - `--allow-missing-repository`: the project has no public repository, and a manifest URL to
//   nowhere would be worse than none.
// - `--readme-path`: the details page is the user's README, not the developer one (whose
//   relative links vsce could not resolve without a repository anyway).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');

const VSCE_FLAGS = ['--no-dependencies', '--allow-missing-repository', '--readme-path', 'docs/marketplace/README.md'];

const result = spawnSync(process.execPath, [vsce, 'package', ...VSCE_FLAGS, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
