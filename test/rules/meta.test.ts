// Every rule is registered once, sorted, documented, tested, and its docs URL matches its id.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsPath } from '../../server/src/core/rule';
import { RULE_IDS, RULES } from '../../server/src/core/rules/index';

const root = join(__dirname, '..', '..');

describe('rule registry', () => {
  it('is sorted by id and has no duplicates', () => {
    expect([...RULE_IDS]).toEqual([...new Set(RULE_IDS)].sort());
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s has a module, docs page and test table', (id, rule) => {
    expect(existsSync(join(root, 'server/src/core/rules', `${id}.ts`))).toBe(true);
    expect(existsSync(join(root, 'test/rules', `${id}.test.ts`))).toBe(true);
    const doc = join(root, 'docs/rules', `${id}.md`);
    expect(readFileSync(doc, 'utf8').startsWith(`# ${id}\n`)).toBe(true);
    expect(join(root, docsPath(id))).toBe(doc);
    expect(rule.meta.description.length).toBeGreaterThan(10);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s: its page and the README say whether it has a fix and suggestions', (id, rule) => {
    const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');
    const doc = readFileSync(join(root, 'docs/rules', `${id}.md`), 'utf8');
    expect(doc).toContain(`Fix: ${yesNo(rule.meta.fixable)}. Suggestions: ${yesNo(rule.meta.hasSuggestions)}.`);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith(`| [\`${id}\`]`));
    expect(row?.split(' | ').slice(2, 4)).toEqual([yesNo(rule.meta.fixable), yesNo(rule.meta.hasSuggestions)]);
  });
});
