// Every rule page's examples are complete programs: linted on their own, the "Invalid" example gets
// exactly the findings its `// <rule-id>` comments mark (one per marked line, no other rule's), the
// "Valid" one gets none, and PHP accepts both. A page whose example lost the variable's origin (the
// model then knows no socket) reports nothing, and the reader is left with a wrong example.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../server/src/core/lint';
import { LineIndex } from '../../server/src/core/positions';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { phpSyntaxError } from '../support/php';

const root = join(__dirname, '..', '..');

/** The PHP code blocks of the page's section whose heading starts with `## <title>`. */
function examples(page: string, title: string): string[] {
  const section = page.split(/^## /m).find((part) => part.startsWith(title));
  return [...(section ?? '').matchAll(/^```php\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/** A snippet as a file: `<?php` first unless it has one. */
function program(snippet: string): string {
  return snippet.startsWith('<?php') ? snippet : `<?php\n${snippet}`;
}

/** `rule-id@line` for every finding (1-based lines). */
function found(code: string): string[] {
  const lines = new LineIndex(code);
  return lintText(code).findings.map((f) => `${f.ruleId}@${lines.positionAt(f.range[0]).line}`);
}

/** `rule-id@line` for every rule a line's comment names (`// rule-id: why`), twice for `(twice)`. */
function marked(code: string): string[] {
  const mark = new RegExp(`\\b(${RULE_IDS.join('|')})\\b( \\(twice\\))?`, 'g');
  return code.split('\n').flatMap((line, i) => {
    const comment = line.slice(line.indexOf('//') + 1 || line.length);
    return [...comment.matchAll(mark)].flatMap((m) => Array<string>(m[2] ? 2 : 1).fill(`${m[1]}@${i + 1}`));
  });
}

describe.each(RULE_IDS.map((id) => [id, readFileSync(join(root, 'docs/rules', `${id}.md`), 'utf8')] as const))('the page of %s', (id, page) => {
  it('has one Invalid and one Valid example', () => {
    expect(examples(page, 'Invalid')).toHaveLength(1);
    expect(examples(page, 'Valid')).toHaveLength(1);
  });

  it('Invalid: exactly the marked findings, at least one of this rule', async () => {
    const code = program(examples(page, 'Invalid')[0]!);
    expect(marked(code).filter((mark) => mark.startsWith(`${id}@`)).length).toBeGreaterThan(0);
    expect(found(code).sort()).toEqual(marked(code).sort());
    expect(await phpSyntaxError(code)).toBeNull();
  });

  it('Valid: no finding', async () => {
    const code = program(examples(page, 'Valid')[0]!);
    expect(found(code)).toEqual([]);
    expect(await phpSyntaxError(code)).toBeNull();
  });
});
