// The formatters as pure functions, on hand-built results: exact text, and escaping of
// what real findings rarely contain.
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { formatCheckstyle } from '../../server/src/cli/formatters/checkstyle';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/cli/formatters/github';
import { formatJson } from '../../server/src/cli/formatters/json';
import { formatSarif } from '../../server/src/cli/formatters/sarif';
import { formatStylish } from '../../server/src/cli/formatters/stylish';
import { fileMessage, fileResult, type LintFileResult, type LintMessage } from '../../server/src/cli/results';
import { parseXml } from './xml';

const context = { cwd: '/project', color: false };

function finding(ruleId: string, severity: 0 | 1 | 2, line: number, column: number, message: string): LintMessage {
  const level = severity === 2 ? 'error' : severity === 1 ? 'warning' : 'hint';
  return { ruleId, messageId: 'id', severity, level, message, line, column, endLine: line, endColumn: column + 5 };
}

function sample(): LintFileResult[] {
  const udp = finding('listen-on-datagram', 2, 12, 5, 'socket_listen() on a SOCK_DGRAM socket always fails.');
  const backlog = finding('unrealistic-backlog', 1, 3, 24, 'Backlog 100000 is above net.core.somaxconn (4096).');
  const hint = finding('udp-connect', 0, 140, 1, 'socket_connect() on a SOCK_DGRAM socket makes no connection.');
  return [
    fileResult('/project/src/a.php', [backlog, udp, hint], new Set([backlog])),
    fileResult('/project/src/clean.php', []),
    fileResult('/project/src/pipe.php', [fileMessage(2, 'Cannot read file: a FIFO (named pipe), not a regular file.')]),
  ];
}

describe('stylish', () => {
  it("prints ESLint's layout: aligned rows, a summary and the fixable count", () => {
    expect(formatStylish(sample(), context)).toBe(
      [
        '',
        '/project/src/a.php',
        '    3:24  warning  Backlog 100000 is above net.core.somaxconn (4096)            unrealistic-backlog',
        '   12:5   error    socket_listen() on a SOCK_DGRAM socket always fails          listen-on-datagram',
        '  140:1   hint     socket_connect() on a SOCK_DGRAM socket makes no connection  udp-connect',
        '',
        '/project/src/pipe.php',
        '  0:0  error  Cannot read file: a FIFO (named pipe), not a regular file',
        '',
        '\u2716 4 problems (2 errors, 1 warning, 1 hint)',
        '  0 errors and 1 warning potentially fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing when there is nothing to say, and colours only when asked', () => {
    expect(formatStylish([fileResult('/project/a.php', [])], context)).toBe('');
    const coloured = formatStylish(sample(), { ...context, color: true });
    expect(coloured).toContain('\u001b[4m/project/src/a.php\u001b[24m');
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
  });
});

describe('checkstyle', () => {
  it('escapes markup, keeps newlines and tabs, and makes forbidden characters visible', () => {
    const nasty = 'a <b> & "c" \'d\'\ttab\nline\u0001\u001b[31m\uD800 end';
    const results = [fileResult('/project/we<ird> & "name".php', [finding('udp-connect', 1, 1, 1, nasty)])];
    const xml = formatCheckstyle(results, context);
    const root = parseXml(xml);
    expect(root.children[0]!.attributes.name).toBe('/project/we<ird> & "name".php');
    expect(root.children[0]!.children[0]!.attributes).toMatchObject({
      message: 'a <b> & "c" \'d\'\ttab\nline\\u0001\\u001B[31m\\uD800 end',
      severity: 'warning',
      source: 'php-socket-lint.udp-connect',
    });
  });

  it('gives file-level messages line 0 and hints severity info', () => {
    const root = parseXml(formatCheckstyle(sample(), context));
    const [a, clean, pipe] = root.children;
    expect(a!.children.map((error) => error.attributes.severity)).toEqual(['warning', 'error', 'info']);
    expect(clean!.children).toEqual([]);
    expect(pipe!.children[0]!.attributes).toMatchObject({ line: '0', source: 'php-socket-lint.file' });
  });
});

describe('github', () => {
  it("escapes data and properties as GitHub's toolkit does", () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('dir:1,2%\n')).toBe('dir%3A1%2C2%25%0A');
  });

  it('prints notices for hints and file annotations without a position', () => {
    const lines = formatGithub(sample(), context).trimEnd().split('\n');
    expect(lines).toEqual([
      '::warning file=src/a.php,line=3,col=24,endLine=3,endColumn=29,title=php-socket-lint (unrealistic-backlog)::Backlog 100000 is above net.core.somaxconn (4096).',
      '::error file=src/a.php,line=12,col=5,endLine=12,endColumn=10,title=php-socket-lint (listen-on-datagram)::socket_listen() on a SOCK_DGRAM socket always fails.',
      '::notice file=src/a.php,line=140,col=1,endLine=140,endColumn=6,title=php-socket-lint (udp-connect)::socket_connect() on a SOCK_DGRAM socket makes no connection.',
      '::error file=src/pipe.php,title=php-socket-lint (file)::Cannot read file: a FIFO (named pipe), not a regular file.',
    ]);
    expect(formatGithub([fileResult('/project/a.php', [])], context)).toBe('');
  });
});

describe('sarif', () => {
  it('maps hints to notes, uses file: URIs outside the working directory and reports skipped files', () => {
    const outside = fileResult('/elsewhere/b.php', [finding('udp-connect', 0, 2, 3, 'hint')]);
    const log = JSON.parse(formatSarif([...sample(), outside], context)) as Sarif.Log;
    const run = log.runs[0]!;
    expect(run.results!.map((result) => [result.ruleId, result.level])).toEqual([
      ['unrealistic-backlog', 'warning'],
      ['listen-on-datagram', 'error'],
      ['udp-connect', 'note'],
      ['udp-connect', 'note'],
    ]);
    expect(run.results![3]!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'file:///elsewhere/b.php' });
    expect(run.invocations![0]!.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'Cannot read file: a FIFO (named pipe), not a regular file.' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/pipe.php', uriBaseId: '%SRCROOT%' } } }],
        descriptor: { id: 'file' },
      },
    ]);
  });

  it('reports a crash as an unsuccessful execution', () => {
    const crashed = { ...fileResult('/project/x.php', [fileMessage(2, 'php-socket-lint crashed on this file')]), crashed: true as const };
    const log = JSON.parse(formatSarif([crashed], context)) as Sarif.Log;
    expect(log.runs[0]!.invocations![0]!.executionSuccessful).toBe(false);
  });
});

describe('json', () => {
  it('is the results array as it is', () => {
    const results = sample();
    expect(JSON.parse(formatJson(results, context))).toEqual(results);
  });
});
