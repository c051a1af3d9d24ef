// End to end with a real editor: headless Neovim 0.7 (push diagnostics only) runs
// test/server/nvim/init.lua, which attaches the server over stdio, receives diagnostics,
// applies a quick fix with vim.lsp.util.apply_workspace_edit(edit, 'utf-16') and writes the
// file. Then `php -l` must accept the file and the finding must be gone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintText } from '../../server/src/core/lint';
import { phpSyntaxError } from '../support/php';
import { ROOT, SERVER_BIN } from './lsp-client';

const INIT = fileURLToPath(new URL('./nvim/init.lua', import.meta.url));
const NVIM_VERSION = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0];

// `$label = "é😀"; ` is 16 UTF-16 units but 19 bytes: Neovim's byte columns differ from LSP's.
const TEXT = [
  '<?php',
  'function serve(): void',
  '{',
  '    $server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);',
  '    if ($server === false) {',
  "        throw new RuntimeException('create');",
  '    }',
  '    $label = "é😀"; if (!socket_listen($server, 100000)) { exit(1); }',
  '}',
  '',
].join('\n');

interface Snapshot {
  /** vim.diagnostic.get(0): byte columns. */
  shown: { code: string | null; lnum: number; col: number; end_col: number }[];
  /** The last publishDiagnostics as received: UTF-16 ranges. */
  published: { code?: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

interface Report {
  error?: string;
  before?: Snapshot;
  after?: Snapshot;
  actions?: string[];
  applied?: string;
  applied_preferred?: boolean;
  buffer_version?: number;
  published_versions: number[];
}

/** The quick fix init.lua applies: the first action titled `action` that names a `rule` diagnostic. */
interface Pick {
  rule: string;
  action: string;
}

function runNvim(file: string, out: string, home: string, pick: Pick): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '--noplugin', '-u', INIT], {
      cwd: ROOT,
      env: {
        ...process.env,
        PSL_FILE: file,
        PSL_OUT: out,
        PSL_SERVER: SERVER_BIN,
        PSL_RULE: pick.rule,
        PSL_ACTION: pick.action,
        PSL_TIMEOUT: '20000',
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_DATA_HOME: join(home, 'data'),
        XDG_STATE_HOME: join(home, 'state'),
        XDG_CACHE_HOME: join(home, 'cache'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('Neovim 0.7 end to end', { timeout: 90_000 }, () => {
  let dir: string;
  beforeAll(() => {
    if (!NVIM_VERSION?.startsWith('NVIM v0.')) throw new Error('Neovim 0.7 or later is needed for this test: apt-get install neovim');
    dir = mkdtempSync(join(tmpdir(), 'php-socket-lint-nvim-'));
    mkdirSync(join(dir, 'home'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('receives diagnostics, applies a quick fix and writes PHP that php -l accepts', async () => {
    const file = join(dir, 'server.php');
    const out = join(dir, 'report.json');
    writeFileSync(file, TEXT);
    // A suggestion, so never preferred: a person picks it from the menu.
    const { code, stderr } = await runNvim(file, out, join(dir, 'home'), { rule: 'unrealistic-backlog', action: 'Lower the backlog to 4096 (net.core.somaxconn)' });
    expect(existsSync(out), `nvim exited ${code} without a report: ${stderr}`).toBe(true);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.error, report.error).toBeUndefined();

    // The server speaks UTF-16 (character 48); Neovim shows byte column 51.
    const published = report.before!.published.find((d) => d.code === 'unrealistic-backlog')!;
    expect(published.range).toEqual({ start: { line: 7, character: 48 }, end: { line: 7, character: 54 } });
    const shown = report.before!.shown.find((d) => d.code === 'unrealistic-backlog')!;
    expect({ lnum: shown.lnum, col: shown.col, end_col: shown.end_col }).toEqual({ lnum: 7, col: 51, end_col: 57 });
    expect(report.actions).toContain('Disable unrealistic-backlog for this line');
    expect(report.applied).toBe('Lower the backlog to 4096 (net.core.somaxconn)');
    expect(report.applied_preferred).toBe(false);

    // Versions only went up, and the last publish was for the edited buffer.
    const versions = report.published_versions;
    for (let i = 1; i < versions.length; i++) expect(versions[i]!).toBeGreaterThanOrEqual(versions[i - 1]!);
    expect(versions.at(-1)).toBe(report.buffer_version);
    expect(report.after!.shown.some((d) => d.code === 'unrealistic-backlog')).toBe(false);
    expect(report.after!.shown.some((d) => d.code === 'unchecked-false-return' || d.code === 'listen-before-bind')).toBe(true);

    const written = readFileSync(file, 'utf8');
    expect(written).toContain('socket_listen($server, 4096)');
    expect(await phpSyntaxError(written)).toBeNull();
    expect(lintText(written).findings.filter((f) => f.ruleId === 'unrealistic-backlog')).toEqual([]);
  });

  it('lists a fix shared by two findings on the line once (both by-reference arguments of one call)', async () => {
    const file = join(dir, 'select.php');
    const out = join(dir, 'select-report.json');
    const text = ['<?php', '$read = [socket_create(AF_INET, SOCK_STREAM, SOL_TCP)];', 'socket_select($read, $write = null, $except = null, 1);', ''].join('\n');
    writeFileSync(file, text);
    const hoist = 'Pass variables set before the call for $write, $except';
    const { code, stderr } = await runNvim(file, out, join(dir, 'home'), { rule: 'by-reference-expression', action: hoist });
    expect(existsSync(out), `nvim exited ${code} without a report: ${stderr}`).toBe(true);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.error, report.error).toBeUndefined();
    expect(report.before!.shown.filter((d) => d.code === 'by-reference-expression')).toHaveLength(2);
    expect(report.actions!.filter((title) => title === hoist)).toHaveLength(1);
    expect(report.after!.shown.some((d) => d.code === 'by-reference-expression')).toBe(false);
    const written = readFileSync(file, 'utf8');
    expect(await phpSyntaxError(written)).toBeNull();
    expect(lintText(written).findings.filter((f) => f.ruleId === 'by-reference-expression')).toEqual([]);
  });
});
