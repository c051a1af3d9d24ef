// The core's entry points on whole files: parse errors, suppressions, positions, fix passes.
import { describe, expect, it } from 'vitest';
import { fixText, lintText, mentionsSocketApi } from '../../server/src/core/lint';
import { LineIndex } from '../../server/src/core/positions';
import { phpSyntaxError } from '../support/php';

const at = (text: string, offset: number) => {
  const { line, column } = new LineIndex(text).positionAt(offset);
  return `${line}:${column + 1}`;
};

describe('lintText', () => {
  it('never parses a file that does not name the socket API', () => {
    expect(mentionsSocketApi('<?php echo "hello";')).toBe(false);
    expect(mentionsSocketApi('<?php SOCKET_CREATE(1, 2, 3);')).toBe(true);
    expect(lintText('<?php $a = ;').parsed).toBe(false);
  });

  it('reports parse errors as fatal findings and still analyses what the parser recovered', () => {
    const text = '<?php\n$s = socket_create(AF_INET, SOCK_DGRAM, 0);\nsocket_listen($s);\nfunction broken( {\n';
    const { findings } = lintText(text);
    const fatal = findings.filter((f) => f.ruleId === null);
    expect(fatal.length).toBeGreaterThan(0);
    expect(fatal[0]!.message).toMatch(/^Parsing error: syntax error/);
    expect(findings.some((f) => f.ruleId === 'listen-on-datagram' && at(text, f.range[0]) === '3:1')).toBe(true);
    // Edits on a file that does not parse could land anywhere: no fix or suggestion is offered.
    expect(findings.every((f) => f.fix === undefined && f.suggestions.length === 0)).toBe(true);
  });

  it('counts columns in UTF-16 units after multi-byte text, and lines after CRLF', () => {
    const text = '<?php\r\n$greeting = "é😀";\r\n$n = 1; socket_listen($s, 99999) or exit;\r\n';
    const backlog = lintText(text).findings.find((f) => f.ruleId === 'unrealistic-backlog')!;
    expect(at(text, backlog.range[0])).toBe('3:27');
    const emoji = '<?php $x = "😀"; socket_set_nonblock($s);';
    const unchecked = lintText(emoji).findings.find((f) => f.ruleId === 'unchecked-false-return')!;
    expect(unchecked.range[0]).toBe(emoji.indexOf('socket_set_nonblock'));
  });

  it('honours suppression comments for the named rule only', () => {
    const text = [
      '<?php $s = socket_create_listen(80) or exit;',
      '// php-socket-lint-disable-next-line unchecked-false-return',
      'socket_listen($s, 99999);',
      'socket_listen($s, 99999); # php-socket-lint-disable-line unrealistic-backlog, unchecked-false-return',
      'socket_set_block($s); /* php-socket-lint-disable-line */',
    ].join('\n');
    const rules = lintText(text).findings.map((f) => `${at(text, f.range[0])} ${f.ruleId}`);
    expect(rules).toEqual(['3:19 unrealistic-backlog']);
  });

  it('stops php-parser when its error recovery would loop for ever (a file mid-edit)', () => {
    const { findings } = lintText('<?php\n// socket_create\nclass"c$t-t}{$');
    expect(findings.map((f) => f.message)).toEqual(['Parsing error: the parser could not recover from a syntax error here']);
    // The parser is usable again afterwards.
    expect(lintText('<?php socket_set_nonblock($s);').findings.map((f) => f.ruleId)).toEqual(['unchecked-false-return']);
  });

  it('survives an unfinished call while typing', () => {
    expect(() => lintText('<?php echo socket_strerror(')).not.toThrow();
    expect(lintText('<?php echo socket_strerror(').findings.every((f) => f.messageId === 'parseError')).toBe(true);
  });

  it('turns a pathological file into one finding instead of a crash', () => {
    const deep = '<?php socket_write($s, ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ');';
    expect(() => lintText(deep)).not.toThrow();
  });
});

describe('fixText', () => {
  it('applies fixes to a fixed point and never a suggestion', async () => {
    const text = '<?php\n$s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\nsocket_listen($s);\nif (is_resource($s)) echo "ready";\n';
    const options = { rules: { 'listen-before-bind': 'off' as const } };
    const before = lintText(text, options).findings;
    expect(before.filter((f) => f.suggestions.length > 0).map((f) => f.ruleId).sort()).toEqual(['listen-on-datagram', 'unchecked-false-return']);
    const fixed = fixText(text, options);
    // The removal of the listen that cannot work and the instanceof test: both keep behaviour.
    expect(fixed.output).toBe('<?php\n$s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);\nif ($s instanceof \\Socket) echo "ready";\n');
    expect(fixed.fixCount).toBe(2);
    // No throw was inserted after socket_create(): the instanceof test now checks it.
    expect(fixed.result.findings).toEqual([]);
    expect(await phpSyntaxError(fixed.output)).toBeNull();
    expect(fixText(fixed.output, { rules: { 'listen-before-bind': 'off' } }).output).toBe(fixed.output);
  });
});

describe('messages a person reads', () => {
  it('one finding per mistake: a listen on a UDP socket is listen-on-datagram\'s alone', () => {
    const text = '<?php $s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP) or exit(1);\nsocket_bind($s, "0.0.0.0", 5140) or exit(1);\nif (!socket_listen($s)) exit(1);\nsocket_listen($s);\n';
    expect(lintText(text).findings.map((f) => `${at(text, f.range[0])} ${f.ruleId}`)).toEqual(['3:6 listen-on-datagram', '4:1 listen-on-datagram']);
  });

  it('the backlog finding tells the truth for the configured somaxconn and never advises SOMAXCONN', () => {
    const text = '<?php $s = socket_create_listen(80) or exit;\nsocket_listen($s, 100000) or exit;\n';
    for (const somaxconn of [128, 131072]) {
      const [finding] = lintText(text, { somaxconn }).findings;
      if (somaxconn === 131072) {
        expect(finding).toBeUndefined();
        continue;
      }
      expect(finding!.message).toBe('Backlog 100000 is above net.core.somaxconn (128): the kernel silently caps it there.');
      expect(finding!.related.map((r) => r.message)).toEqual(["or keep it and raise the host's limit: sysctl -w net.core.somaxconn=100000"]);
      expect(finding!.suggestions.map((s) => [s.desc, s.edits[0]!.text])).toEqual([['Lower the backlog to 128 (net.core.somaxconn)', '128']]);
      expect(JSON.stringify(finding)).not.toContain('SOMAXCONN');
    }
  });
});
