// The CI formats, produced by the real CLI: junit checked against a JUnit XSD with xmllint, and
// gitlab (Code Quality) against GitLab's report schema with ajv; both schemas are in ./schemas.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, makeTree, removeTrees, runCli } from './cli-harness';
import { parseXml, type XmlElement } from './xml';

afterAll(removeTrees);

const SCHEMAS = join(import.meta.dirname, 'schemas');

function project() {
  return makeTree({
    'src/udp.php': fixture('udp-listen.php'),
    'src/tcp.php': fixture('tcp-unchecked.php'),
    'src/broken.php': fixture('syntax-error.php'),
    'src/clean.php': fixture('clean.php'),
    // Text that XML and JSON must carry intact: markup characters and multi-byte text.
    'src/odd <&> "é".php': '<?php\n// ünïcode\nsocket_set_nonblock($s);\n',
  });
}

/** xmllint's verdict on a document against the XSD: null when valid, else its complaint. */
function xsdError(document: string, xsd: string): string | null {
  const run = spawnSync('xmllint', ['--noout', '--schema', xsd, '-'], { input: document, encoding: 'utf8' });
  if (run.error) throw new Error(`xmllint is missing: apt-get install libxml2-utils (${run.error.message})`);
  return run.status === 0 ? null : run.stderr;
}

describe('junit', () => {
  it('is valid against the JUnit XSD: a suite per file, a failing case per finding, a passing case for a clean file', async () => {
    const cwd = project();
    const run = await runCli(['-f', 'junit', 'src'], { cwd });
    expect(run.code).toBe(1);
    expect(xsdError(run.stdout, join(SCHEMAS, 'junit.xsd'))).toBeNull();

    // The failures' text says where and what, as ESLint's junit writes it; the reader here takes elements only.
    expect(run.stdout).toMatch(/<failure message="[^"]*SOCK_DGRAM[^"]*" type="error">line 10, col 6, Error - [^<]*\(listen-on-datagram\)<\/failure>/);
    const root = parseXml(run.stdout.replace(/>[^<]+<\/failure>/g, '></failure>'));
    const suites = new Map(root.children.map((suite) => [suite.attributes.name!, suite]));
    expect([...suites.keys()]).toEqual(['src/broken.php', 'src/clean.php', 'src/odd <&> "é".php', 'src/tcp.php', 'src/udp.php']);
    expect(suites.get('src/clean.php')!.children).toEqual([{ name: 'testcase', attributes: { time: '0', name: 'src/clean.php', classname: 'src/clean' }, children: [] }]);
    const udp = suites.get('src/udp.php')!;
    expect(udp.attributes).toMatchObject({ tests: '1', failures: '1' });
    const failure = udp.children[0]!.children[0]! as XmlElement;
    expect(udp.children[0]!.attributes).toMatchObject({ name: 'php-socket-lint.listen-on-datagram', classname: 'src/udp' });
    expect(failure).toMatchObject({ name: 'failure', attributes: { type: 'error', message: expect.stringContaining('SOCK_DGRAM') } });
    const total = root.children.reduce((sum, suite) => sum + Number(suite.attributes.failures), 0);
    expect(root.attributes.failures).toBe(String(total));
    expect(run.stdout).toContain('<failure message="Parsing error');
  });

  it('the XSD check fails on a report that breaks it (the check is real)', () => {
    expect(xsdError('<testsuites><testsuite tests="x"/></testsuites>', join(SCHEMAS, 'junit.xsd'))).toMatch(/fails to validate/);
  });
});

describe('gitlab', () => {
  const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(join(SCHEMAS, 'gitlab-codequality.schema.json'), 'utf8')));

  it("is valid against GitLab's Code Quality schema, with repository-relative paths and unique fingerprints", async () => {
    const cwd = project();
    const run = await runCli(['-f', 'gitlab', 'src'], { cwd });
    expect(run.code).toBe(1);
    const issues = JSON.parse(run.stdout) as { check_name: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    expect(issues.find((issue) => issue.check_name === 'listen-on-datagram')).toMatchObject({ severity: 'major', location: { path: 'src/udp.php', lines: { begin: 10 } } });
    expect(issues.find((issue) => issue.check_name === 'unchecked-false-return')?.severity).toBe('minor');
    expect(issues.some((issue) => issue.location.path === 'src/odd <&> "é".php')).toBe(true);
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
  });

  it('keeps fingerprints when code moves, and prints [] for a clean tree', async () => {
    const cwd = project();
    const before = JSON.parse((await runCli(['-f', 'gitlab', 'src/tcp.php'], { cwd })).stdout) as { fingerprint: string }[];
    writeFileSync(join(cwd, 'src/tcp.php'), fixture('tcp-unchecked.php').replace('<?php\n', '<?php\n\n// moved down\n'));
    const after = JSON.parse((await runCli(['-f', 'gitlab', 'src/tcp.php'], { cwd })).stdout) as { fingerprint: string }[];
    expect(after.map((issue) => issue.fingerprint)).toEqual(before.map((issue) => issue.fingerprint));
    const clean = await runCli(['-f', 'gitlab', 'src/clean.php'], { cwd });
    expect([clean.code, clean.stdout]).toEqual([0, '[]\n']);
    expect(validate([{ description: 'x', check_name: 'y', fingerprint: 'z', severity: 'loud', location: { path: '/abs', lines: { begin: 0 } } }])).toBe(false);
  });
});
