import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../server/src/core/rule';

describe('formatMessage', () => {
  it('fills each placeholder the data has, every time it appears, and keeps the others as written', () => {
    const template = '{{fn}}() returns false; {{ fn }} and {{missing}} at line {{line}}.';
    expect(formatMessage(template, { fn: 'socket_read', line: 12 })).toBe('socket_read() returns false; socket_read and {{missing}} at line 12.');
    // Asked again (the cut template is reused) and with other data.
    expect(formatMessage(template, { fn: 'fwrite', line: 3 })).toBe('fwrite() returns false; fwrite and {{missing}} at line 3.');
  });

  it('takes values literally and leaves a template without placeholders alone', () => {
    expect(formatMessage('Use {{code}}.', { code: "$a = '$&' . $1;" })).toBe("Use $a = '$&' . $1;.");
    expect(formatMessage('No placeholders here.')).toBe('No placeholders here.');
    expect(formatMessage('{{a}}{{b}}', { a: 1, b: 2 })).toBe('12');
  });
});
