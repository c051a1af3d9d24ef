// Each program in programs/ runs under the real PHP CLI and, ported, under Node with the same
// scripted traffic; what the clients receive, what the program prints (stdout, and its warnings
// without PHP's file/line suffix) and its exit code must be identical.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SCENARIOS } from './scenarios';
import { runProgram } from './support/processes';
import { PortWorkspace, PROGRAMS, type PortedProgram } from './support/workspace';
import { join } from 'node:path';

const workspace = new PortWorkspace();
const ported = new Map<string, PortedProgram>();
let typecheckOutput: Promise<string>;

beforeAll(() => {
  // The faithful port, always: test/port-idiomatic/ runs the idiomatic ones against the same scenarios.
  for (const name of Object.keys(SCENARIOS)) ported.set(name, workspace.port(name, undefined, { faithful: true }));
  typecheckOutput = workspace.typecheck();
});

afterAll(() => workspace.dispose());

describe('ports of the socket programs', () => {
  test('type-check with tsc --strict', async () => {
    expect(await typecheckOutput).toBe('');
  }, 60_000);

  for (const [name, makeScenario] of Object.entries(SCENARIOS)) {
    test(`${name}: the port behaves as PHP does`, async () => {
      const program = ported.get(name)!;
      expect(program.result.unported).toEqual([]);
      const run = async (command: string[]) => {
        const scenario = makeScenario();
        const args = await scenario.args();
        try {
          return await runProgram([...command, ...args], (running) => scenario.drive(running, args));
        } finally {
          scenario.cleanup?.();
        }
      };
      const [php, port] = await Promise.all([run(['php', join(PROGRAMS, `${name}.php`)]), run([process.execPath, program.mjsFile])]);
      if (process.env.SHOW_TRANSCRIPTS) console.log(name, JSON.stringify(php, null, 1));
      expect(port).toEqual(php);
    }, 30_000);
  }
});
