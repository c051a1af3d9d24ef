// The language server honours the config's baseline, the file the CLI's --generate-baseline writes:
// recorded findings are not shown, new ones are, and a broken baseline is named, not trusted.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTrees, runCli } from '../cli/cli-harness';
import { LspClient } from './lsp-client';

afterAll(removeTrees);

const LEGACY = '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or exit(1);\nsocket_set_nonblock($s);\n';
const EDITED = `${LEGACY}socket_set_block($s);\n`;

describe('baseline in the editor', { timeout: 60_000 }, () => {
  it('hides what the CLI recorded and shows what is new', async () => {
    const cwd = makeTree({ '.phpsocketlintrc.json': '{ "baseline": "tools/baseline.json" }', 'src/legacy.php': LEGACY });
    expect((await runCli(['--generate-baseline', 'src'], { cwd })).code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'tools/baseline.json'), 'utf8')).entries).toHaveLength(1);

    const client = await LspClient.start();
    try {
      const uri = pathToFileURL(join(cwd, 'src', 'legacy.php')).href;
      await client.open(uri, LEGACY, 1);
      expect((await client.diagnosticsFor(uri, 1)).diagnostics).toEqual([]);
      await client.change(uri, 2, [{ text: EDITED }]);
      const { diagnostics } = await client.diagnosticsFor(uri, 2);
      expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['unchecked-false-return', 3]]);
    } finally {
      await client.stop();
    }
  });

  it('shows every finding and names the problem when the baseline cannot be read', async () => {
    const cwd = makeTree({ '.phpsocketlintrc.json': '{ "baseline": "baseline.json" }', 'src/legacy.php': LEGACY });
    writeFileSync(join(cwd, 'baseline.json'), '{ "entries": 3 }');
    const client = await LspClient.start();
    try {
      const uri = pathToFileURL(join(cwd, 'src', 'legacy.php')).href;
      await client.open(uri, LEGACY, 1);
      expect((await client.diagnosticsFor(uri, 1)).diagnostics.map((d) => d.code)).toEqual(['unchecked-false-return']);
      const said = await client.waitFor(() => client.messages.find((m) => m.includes('not a baseline')), 'the broken baseline named');
      expect(said).toContain('baseline.json');
    } finally {
      await client.stop();
    }
  });
});
