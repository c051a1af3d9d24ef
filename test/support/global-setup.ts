// Before any test: the tests run the real PHP CLI, Neovim and xmllint (the JUnit report's XSD), and
// npm test installs nothing.
// A missing tool fails the run here with one line saying what to install, instead of hundreds
// of failures that each say `spawn php ENOENT`.
import { spawnSync } from 'node:child_process';

const TOOLS = [
  { command: 'php', args: ['-r', 'echo PHP_VERSION;'], pkg: 'php-cli' },
  { command: 'nvim', args: ['--version'], pkg: 'neovim' },
  { command: 'xmllint', args: ['--version'], pkg: 'libxml2-utils' },
];

function missingTools(): string[] {
  return TOOLS.filter(({ command, args }) => spawnSync(command, args, { stdio: 'ignore' }).status !== 0).map(({ pkg }) => pkg);
}

export default function setup(): void {
  const missing = missingTools();
  if (missing.length === 0) return;
  // Exit rather than throw: a thrown error comes wrapped in vitest's "No test files found" noise.
  process.stderr.write(`npm test needs ${missing.join(', ')}: run \`sudo npm run setup\` (or \`sudo apt-get install -y ${missing.join(' ')}\`)\n`);
  process.exit(1);
}
