// Directive comments: every form silences what it names and nothing else; a directive inside a
// string is text, not a directive; unknown rule ids and (when asked) unused directives are reported.
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../../server/src/core/lint';
import { LineIndex } from '../../server/src/core/positions';
import { makeTree, parseJsonReport, removeTrees, resultFor, runCli } from '../cli/cli-harness';

/** `line:column rule` of each finding, rule `-` for findings about directives. */
function findings(text: string, options: Parameters<typeof lintText>[1] = {}): string[] {
  const lines = new LineIndex(text);
  // socket_listen() without socket_bind() is listen-before-bind advice, beside the point here.
  return lintText(text, { rules: { 'listen-before-bind': 'off' }, ...options }).findings.map((f) => {
    const { line, column } = lines.positionAt(f.range[0]);
    return `${line}:${column + 1} ${f.ruleId ?? `- ${f.messageId}`}`;
  });
}

/** Three statements that each give unchecked-false-return at column 1. */
const BODY = ['socket_set_nonblock($s);', 'socket_set_block($s);', 'socket_set_nonblock($s);'];
const program = (...lines: string[]) => ['<?php $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP) or exit(1);', ...lines].join('\n');

afterAll(removeTrees);

describe('disable / enable blocks', () => {
  it('silence the named rule from the disable comment to the enable comment', () => {
    const text = program(BODY[0]!, '/* php-socket-lint-disable unchecked-false-return */', BODY[1]!, '/* php-socket-lint-enable unchecked-false-return */', BODY[2]!);
    expect(findings(text)).toEqual(['2:1 unchecked-false-return', '6:1 unchecked-false-return']);
  });

  it('without an enable comment, silence to the end of the file', () => {
    expect(findings(program(BODY[0]!, '// php-socket-lint-disable', BODY[1]!, BODY[2]!))).toEqual(['2:1 unchecked-false-return']);
  });

  it('leave other rules alone', () => {
    const text = program('// php-socket-lint-disable unrealistic-backlog', BODY[0]!, 'socket_listen($s, 99999) or exit(1);');
    expect(findings(text)).toEqual(['3:1 unchecked-false-return']);
  });

  it('a bare enable ends a named disable, and a named enable ends a bare disable for that rule only', () => {
    const named = program('// php-socket-lint-disable unchecked-false-return', BODY[0]!, '// php-socket-lint-enable', BODY[1]!);
    expect(findings(named)).toEqual(['5:1 unchecked-false-return']);
    const bare = program('# php-socket-lint-disable', BODY[0]!, '# php-socket-lint-enable unchecked-false-return', 'socket_listen($s, 99999);');
    expect(findings(bare)).toEqual(['5:1 unchecked-false-return']);
  });
});

describe('disable-file', () => {
  it('silences the named rules in the whole file, wherever the comment is', () => {
    const text = program(BODY[0]!, 'socket_listen($s, 99999) or exit(1);', '/** php-socket-lint-disable-file unchecked-false-return -- a best-effort sender */');
    expect(findings(text)).toEqual(['3:19 unrealistic-backlog']);
  });

  it('without rules silences every rule', () => {
    expect(findings(program('// php-socket-lint-disable-file', BODY[0]!, 'socket_listen($s, 99999);'))).toEqual([]);
  });
});

describe('line directives', () => {
  it('still work with descriptions after --', () => {
    const text = program('// php-socket-lint-disable-next-line unchecked-false-return -- nonblocking is best effort', BODY[0]!, BODY[1]! + ' // php-socket-lint-disable-line -- ok');
    expect(findings(text)).toEqual([]);
  });

  it('are text, not directives, inside a string', () => {
    const text = program('$note = "// php-socket-lint-disable-file";', BODY[0]!);
    expect(findings(text)).toEqual(['3:1 unchecked-false-return']);
  });

  it('need the exact directive word (a misspelt one is an ordinary comment)', () => {
    expect(findings(program('// php-socket-lint-disable-nextline', BODY[0]!))).toEqual(['3:1 unchecked-false-return']);
  });
});

describe('directive problems', () => {
  it('an unknown rule id is a warning at the comment, and the known ones still apply', () => {
    const text = program('// php-socket-lint-disable-next-line unchecked-false-retrun, unrealistic-backlog', 'socket_listen($s, 99999);');
    const result = lintText(text, { rules: { 'listen-before-bind': 'off' } }).findings;
    expect(findings(text)).toEqual(['2:1 - unknownRuleInDirective', '3:1 unchecked-false-return']);
    const unknown = result.find((f) => f.messageId === 'unknownRuleInDirective')!;
    expect(unknown.severity).toBe('warning');
    expect(unknown.message).toBe("Unknown rule 'unchecked-false-retrun' in php-socket-lint-disable-next-line comment.");
  });

  it('reports unused directives only when asked, per rule named', () => {
    const text = program('// php-socket-lint-disable-next-line unchecked-false-return, unrealistic-backlog', BODY[0]!, '// php-socket-lint-disable-line', BODY[1]! + ' # php-socket-lint-disable-line');
    expect(findings(text)).toEqual([]);
    const reported = lintText(text, { reportUnusedDisableDirectives: 'error' }).findings;
    expect(reported.map((f) => `${f.severity} ${f.message}`)).toEqual([
      "error Unused php-socket-lint-disable-next-line directive (no problems were reported from 'unrealistic-backlog').",
      'error Unused php-socket-lint-disable-line directive (no problems were reported).',
    ]);
  });

  it('checks directives in a file that never names the socket API', () => {
    const text = '<?php\n// php-socket-lint-disable-file no-such-rule\necho "hello";\n';
    expect(findings(text)).toEqual(['2:1 - unknownRuleInDirective']);
  });

  it('never silences a parse error', () => {
    const text = program('// php-socket-lint-disable-file', 'function broken( {');
    const kept = lintText(text).findings.map((f) => f.messageId);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((id) => id === 'parseError')).toBe(true);
  });
});

describe('the CLI', () => {
  const tree = () =>
    makeTree({
      'a.php': program('// php-socket-lint-disable-next-line unrealistic-backlog', BODY[0]!, '// php-socket-lint-disable-next-line bogus-rule', BODY[1]!),
    });

  it('reports unknown rules as warnings (exit 0) and unused directives as errors with --report-unused-disable-directives', async () => {
    const plain = await runCli(['--format', 'json', '--rule', 'unchecked-false-return=off', tree()]);
    expect(plain.code).toBe(0);
    const plainMessages = resultFor(parseJsonReport(plain), 'a.php').messages;
    expect(plainMessages.map((m) => [m.line, m.severity, m.ruleId, m.fatal ?? false])).toEqual([[4, 1, null, false]]);

    const strict = await runCli(['--format', 'json', '--rule', 'unchecked-false-return=off', '--report-unused-disable-directives', tree()]);
    expect(strict.code).toBe(1);
    const messages = resultFor(parseJsonReport(strict), 'a.php').messages;
    expect(messages.map((m) => `${m.line}:${m.column} ${m.severity} ${m.message}`)).toEqual([
      "2:1 2 Unused php-socket-lint-disable-next-line directive (no problems were reported from 'unrealistic-backlog').",
      "4:1 1 Unknown rule 'bogus-rule' in php-socket-lint-disable-next-line comment.",
    ]);
  });

  it('takes the severity from --report-unused-disable-directives-severity or the config file', async () => {
    const warn = await runCli(['--format', 'json', '--report-unused-disable-directives-severity', 'warn', tree()]);
    expect(resultFor(parseJsonReport(warn), 'a.php').messages.filter((m) => /^Unused/.test(m.message)).map((m) => m.severity)).toEqual([1]);
    const bad = await runCli(['--report-unused-disable-directives-severity', 'loud', tree()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expects off, warn or error, got "loud"');

    const configured = makeTree({
      '.phpsocketlintrc.json': JSON.stringify({ reportUnusedDisableDirectives: 'error' }),
      'b.php': program('// php-socket-lint-disable-next-line', 'echo 1;'),
    });
    const run = await runCli(['--format', 'json', '.'], { cwd: configured });
    expect(run.code).toBe(1);
    expect(resultFor(parseJsonReport(run), 'b.php').messages.map((m) => m.message)).toEqual(['Unused php-socket-lint-disable-next-line directive (no problems were reported).']);
  });
});
