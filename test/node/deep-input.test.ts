// Valid PHP nested far deeper than the main thread's stack allows is analysed in a big-stack worker:
// the CLI and the language server report its socket findings, never "Maximum call stack size exceeded".
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, parseJsonReport, removeTrees, resultFor, runCli } from '../cli/cli-harness';
import { phpSyntaxError } from '../support/php';
import { LspClient } from '../server/lsp-client';

const CREATE = '$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);';
const DEEP: Record<string, string> = {
  'ifs.php': `<?php\n${CREATE}\n${'if ($s) {\n'.repeat(1000)}socket_write($s, "x");\n${'}\n'.repeat(1000)}`,
  'parens.php': `<?php\n${CREATE}\n$x = ${'('.repeat(5000)}1${')'.repeat(5000)};\nsocket_write($s, "x");\n`,
  'concat.php': `<?php\n${CREATE}\n$x = "a"${' . "a"'.repeat(20000)};\nsocket_write($s, $x);\n`,
};

afterAll(removeTrees);

describe('deep input', () => {
  it.each(Object.keys(DEEP))('php accepts %s', async (name) => {
    expect(await phpSyntaxError(DEEP[name]!)).toBeNull();
  });

  it('the CLI reports each deep file’s socket findings', async () => {
    const tree = makeTree(DEEP);
    const results = parseJsonReport(await runCli(['--format', 'json', tree]));
    for (const name of Object.keys(DEEP)) {
      const messages = resultFor(results, name).messages;
      expect(messages.map((message) => message.ruleId), name).toContain('unchecked-false-return');
      expect(messages.filter((message) => message.ruleId === null), name).toEqual([]);
    }
  }, 240_000);

  it('the CLI with --fix still reports a deep file’s findings', async () => {
    const tree = makeTree({ 'parens.php': DEEP['parens.php']! });
    const messages = resultFor(parseJsonReport(await runCli(['--fix-dry-run', '--format', 'json', tree])), 'parens.php').messages;
    expect(messages.map((message) => message.ruleId)).toContain('unchecked-false-return');
    expect(messages.filter((message) => message.ruleId === null)).toEqual([]);
  }, 60_000);

  it('the server reports each deep file’s socket findings', async () => {
    const client = await LspClient.start();
    try {
      for (const [name, text] of Object.entries(DEEP)) {
        const uri = `file:///virtual/deep-${name}`;
        await client.open(uri, text, 1);
        // php-parser is quadratic in a concatenation's length: 20,000 terms take it about 10 s on a
        // quiet machine and several times that on a loaded one. The timeouts are guards, not targets.
        const { diagnostics } = await client.diagnosticsFor(uri, 1, 0, 240_000);
        expect(diagnostics.map((diagnostic) => diagnostic.code), name).toContain('unchecked-false-return');
        expect(diagnostics.filter((diagnostic) => /Analysis error|Parsing error/.test(String(diagnostic.message))), name).toEqual([]);
      }
    } finally {
      await client.stop();
    }
  }, 300_000);
});
