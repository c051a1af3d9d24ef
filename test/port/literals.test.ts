// PHP string literals become TypeScript literals of exactly the same bytes, and nothing in the
// PHP (strings, or PHP quoted in TODO comments) can end a literal or comment in the output.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { commentLines, decodeDoubleQuoted, decodeSingleQuoted, tsStringLiteral, tsTemplateChunk, utf8Bytes } from '../../server/src/port/literals';
import { portPhpToTypeScript } from '../../server/src/port/index';
import { PortWorkspace, REPO } from './support/workspace';

/** Evaluates a TypeScript/JavaScript string literal or template. */
const evaluate = (literal: string): string => new Function(`return ${literal};`)() as string;

const TRICKY = ['`', '${x}', '*/', '/*', '</script>', '\u2028', '\u2029', '\0', "'", '"', '\\', '\r\n', '\x7f', '\xff', 'é', '😀', '\\u{41}', '$', '}`'];

describe('literal escaping', () => {
  test.each(TRICKY)('%j survives as a single-quoted literal and a template chunk', (text) => {
    const bytes = utf8Bytes(text);
    expect(evaluate(tsStringLiteral(bytes))).toBe(bytes);
    expect(evaluate(`\`${tsTemplateChunk(bytes)}\``)).toBe(bytes);
    expect(tsStringLiteral(bytes)).toMatch(/^[\x20-\x7e]*$/);
    expect(tsTemplateChunk(bytes)).toMatch(/^[\x20-\x7e]*$/);
  });

  test('PHP escapes become the bytes PHP makes', () => {
    expect(decodeDoubleQuoted(String.raw`\x41\101\u{1F600}\e\q\$\"\0\7`)).toBe(`AA${utf8Bytes('😀')}\x1b\\q$"\0\x07`);
    expect(decodeDoubleQuoted(String.raw`\"`, true)).toBe('\\"');
    expect(decodeSingleQuoted(String.raw`it\'s \\ \n`)).toBe("it's \\ \\n");
  });

  test('quoted PHP in comments stays inside the comment', () => {
    const lines = commentLines('a */ b\nc\u2028d\re\u2029f\x00g');
    expect(lines).toEqual(['a */ b', 'c', 'd', 'e', 'f\\x00g']);
  });
});

describe('ports are safe to read and compile', () => {
  const workspace = new PortWorkspace();
  afterAll(() => workspace.dispose());

  test('unported PHP full of comment and string enders is quoted safely and the port compiles', async () => {
    const php = [
      '<?php',
      'foreach ([1] as &$evil) { $x = "*/ \u2028 alert(1); //"; }',
      "$text = 'ok */ `${still}` </script>';",
      'echo $text, PHP_EOL;',
      'goto end; /* */',
      'end:',
      "$y = $$text . \"\r\";",
      'echo strlen($text), "\\n";',
      '',
    ].join('\n');
    const { result } = workspace.port('unsafe', php);
    expect(result.unported.map((item) => [item.line, item.reason])).toEqual([
      [2, 'foreach by reference is not ported'],
      [5, 'goto statements are not ported'],
      [6, 'label statements are not ported'],
      [7, 'variable variables are not ported'],
    ]);
    for (const line of result.code.split('\n')) {
      expect(line).toMatch(/^[\x20-\x7e]*$/);
      if (line.includes('alert(1)')) expect(line.trimStart().startsWith('//')).toBe(true);
    }
    expect(await workspace.typecheck()).toBe('');
  }, 30_000);

  test('every semantics port is printable ASCII, whatever bytes its PHP holds', () => {
    const directory = join(REPO, 'test/port/semantics');
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.php'))) {
      const { code } = portPhpToTypeScript(readFileSync(join(directory, file), 'utf8'), file);
      expect(code, file).toMatch(/^[\x20-\x7e\n]*$/);
    }
  });
});
