// .phpsocketlintrc.json: JSON with comments and trailing commas, read the same way by the CLI and the
// server; its JSON schema (shipped, and contributed to VS Code) describes exactly what the reader accepts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS, validateConfig } from '../../server/src/core/config';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { makeTree, parseJsonReport, removeTrees, resultFor, ROOT, runCli } from '../cli/cli-harness';

afterAll(removeTrees);

const SCHEMA_PATH = join(ROOT, 'schemas', 'phpsocketlintrc.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { properties: Record<string, { properties?: Record<string, unknown> }> };
const validate = new Ajv({ allErrors: true }).compile(schema);
const BACKLOG = '<?php\n$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or exit(1);\nsocket_listen($s, 1000) or exit(1);\n';

describe('the config file', () => {
  it('may hold comments and trailing commas (the CLI reads it)', async () => {
    const jsonc = '{\n  // the host is tuned down\n  "somaxconn": 128, /* not 4096 */\n  "rules": { "udp-connect": "off", },\n}\n';
    const cwd = makeTree({ '.phpsocketlintrc.json': jsonc, 'a.php': BACKLOG });
    const run = await runCli(['--format', 'json', 'a.php'], { cwd });
    expect(resultFor(parseJsonReport(run), 'a.php').messages.map((m) => m.message)).toEqual([expect.stringContaining('(128)')]);
  });

  it('names the line and column of a syntax error', async () => {
    const cwd = makeTree({ '.phpsocketlintrc.json': '{\n  "somaxconn": 128\n  "phpVersion": "8.2"\n}\n', 'a.php': BACKLOG });
    const run = await runCli(['a.php'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.phpsocketlintrc.json: invalid JSON: CommaExpected at 3:3');
  });

  it('reports all of its mistakes at once', async () => {
    const config = '{ "somaxcon": 128, "rules": { "partial-writes": "warn", "feof-loop": "of" }, "include": "src" }';
    const cwd = makeTree({ '.phpsocketlintrc.json': config, 'a.php': BACKLOG });
    const run = await runCli(['a.php'], { cwd });
    expect(run.code).toBe(2);
    for (const mistake of ['unknown setting "somaxcon"', 'unknown rule "partial-writes"', 'rule "feof-loop": "of" is not one of', '"include" must be an array']) {
      expect(run.stderr).toContain(mistake);
    }
  });
});

describe('the JSON schema', () => {
  it('has exactly the keys and rule ids the reader knows', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(Object.keys(schema.properties.rules!.properties!).sort()).toEqual([...RULE_IDS].sort());
  });

  it('agrees with the reader on good and bad files', () => {
    const files: unknown[] = [
      { rules: { 'udp-connect': 'off', 'unchecked-false-return': 'error' }, somaxconn: 4096, phpVersion: '8.2', include: ['src/**/*.php'], exclude: ['gen/**'], reportUnusedDisableDirectives: 'warn' },
      { reportUnusedDisableDirectives: true },
      { rules: { 'no-such-rule': 'off' } },
      { rules: { 'udp-connect': 'loud' } },
      { somaxconn: 0 },
      { somaxconn: 1.5 },
      { maxFileCharacters: 5_000_000 },
      { maxFileCharacters: 0 },
      { maxFileCharacters: '10MB' },
      { phpVersion: '8' },
      { include: 'src' },
      { reportUnusedDisableDirectives: 'sometimes' },
      { colour: 'blue' },
      [],
    ];
    for (const file of files) {
      let readerAccepts = true;
      try {
        validateConfig('x.json', file);
      } catch {
        readerAccepts = false;
      }
      expect(validate(file), JSON.stringify(file)).toBe(readerAccepts);
    }
  });

  it('ships in the package and is contributed to VS Code for the config file, read as JSON with comments', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.files).toContain('schemas/');
    expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: '.phpsocketlintrc.json', url: './schemas/phpsocketlintrc.schema.json' }]);
    expect(manifest.contributes.languages).toContainEqual({ id: 'jsonc', filenames: ['.phpsocketlintrc.json'] });
  });
});
