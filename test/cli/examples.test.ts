// The bundled examples: README's first command must show every rule, and the clean one nothing.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/core/rules/index';
import { parseJsonReport, resultFor, ROOT, runCli } from './cli-harness';

describe('examples/', () => {
  it('shows a finding of every rule, and none in the clean program', async () => {
    const run = await runCli(['examples/', '-f', 'json', '--hints']);
    expect(run.code).toBe(1);
    const results = parseJsonReport(run);
    const ruleIds = new Set(results.flatMap((result) => result.messages.map((message) => message.ruleId)));
    for (const rule of RULES) expect(ruleIds, rule.id).toContain(rule.id);
    expect(ruleIds).not.toContain(null);
    expect(resultFor(results, 'clean-http-probe.php').messages).toEqual([]);
    expect(resultFor(results, 'udp-echo-server.php').messages.map((message) => message.ruleId)).toContain('listen-on-datagram');
    const tcp = resultFor(results, 'tcp-chat-server.php').messages.map((message) => message.ruleId);
    expect(tcp).toContain('unrealistic-backlog');
    expect(tcp).toContain('unchecked-false-return');
  });

  it('runs from the repository root as README says', async () => {
    const run = await runCli(['examples/'], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(join(ROOT, 'examples', 'udp-echo-server.php'));
    expect(run.stdout).toMatch(/\u2716 \d+ problems \(\d+ errors?, \d+ warnings\)/);
  });
});
