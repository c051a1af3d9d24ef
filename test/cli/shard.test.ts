// --shard i/n through the real CLI: the shards of a tree are disjoint, even, the same on every run,
// and their reports together are the whole run's; SARIF names each shard's run apart.
import type * as Sarif from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, makeTree, parseJsonReport, removeTrees, runCli } from './cli-harness';

afterAll(removeTrees);

function tree() {
  const files: Record<string, string> = { '.gitignore': 'ignored.php\n', 'ignored.php': fixture('udp-listen.php') };
  for (let n = 0; n < 10; n++) files[`src/m${n}/f${n}.php`] = n % 2 === 0 ? fixture('udp-listen.php') : fixture('tcp-unchecked.php');
  return makeTree(files);
}

describe('--shard', () => {
  it('splits the files so that the shards together are the whole run', async () => {
    const cwd = tree();
    const whole = parseJsonReport(await runCli(['-f', 'json', '.', 'ignored.php'], { cwd }));
    const shards = await Promise.all([1, 2, 3].map(async (index) => parseJsonReport(await runCli(['-f', 'json', '--shard', `${index}/3`, '.', 'ignored.php'], { cwd }))));
    const paths = shards.map((results) => results.map((result) => result.filePath));
    expect(paths.map((list) => list.filter((path) => !path.endsWith('ignored.php')).length)).toEqual([4, 3, 3]);
    expect(new Set(paths.flat()).size).toBe(paths.flat().length);
    const union = shards.flat().sort((a, b) => (a.filePath < b.filePath ? -1 : 1));
    expect(union).toEqual(whole);
    // The same split on another run (another machine of the matrix).
    const again = parseJsonReport(await runCli(['-f', 'json', '--shard', '2/3', '.'], { cwd }));
    expect(again.map((result) => result.filePath)).toEqual(paths[1]);
  });

  it('gives each shard its own SARIF automation id', async () => {
    const cwd = tree();
    const sarif = JSON.parse((await runCli(['-f', 'sarif', '--shard', '2/4', '.'], { cwd })).stdout) as Sarif.Log;
    expect(sarif.runs[0]!.automationDetails).toEqual({ id: 'php-socket-lint-shard-2-of-4/' });
    const plain = JSON.parse((await runCli(['-f', 'sarif', '.'], { cwd })).stdout) as Sarif.Log;
    expect(plain.runs[0]!.automationDetails).toBeUndefined();
  });

  it('refuses a shard that does not exist', async () => {
    for (const bad of ['0/3', '4/3', '1/0', 'two']) {
      const run = await runCli(['--shard', bad, '.']);
      expect([run.code, run.stderr], bad).toEqual([2, expect.stringContaining(`--shard expects i/n with 1 <= i <= n, got "${bad}"`)]);
    }
  });
});
