// partial-write's suggestion, run: a program whose one fwrite() is tested only for false, linted,
// the suggested write-all loop applied, and both run by the real PHP against a loopback peer (this
// test, in Node) that stops reading for a while. The single fwrite() gives up after the stream's
// timeout with part of the data written and the program reports success; the loop writes the rest
// once the peer reads again, and says false when the peer never does.
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../server/src/core/fixer';
import { lintText } from '../../server/src/core/lint';
import { runPhp } from '../support/php';

/** More than loopback's send and receive buffers hold, so the writer has to wait for the peer. */
const SIZE = 32 * 1024 * 1024;

function program(port: number, timeoutMs: number): string {
  return [
    '<?php',
    `$fp = stream_socket_client("tcp://127.0.0.1:${port}") or die("no connection\\n");`,
    `stream_set_timeout($fp, 0, ${timeoutMs * 1000});`,
    `$data = str_repeat("x", ${SIZE});`,
    'if (@fwrite($fp, $data) === false) {',
    '    echo "failed\\n";',
    '    exit(1);',
    '}',
    'echo "sent\\n";',
    'fclose($fp);',
    '',
  ].join('\n');
}

function withLoop(code: string): string {
  const findings = lintText(code).findings.filter((f) => f.ruleId === 'partial-write');
  expect(findings.map((f) => f.messageId)).toEqual(['falseOnly']);
  const [loop] = findings[0]!.suggestions;
  expect(loop?.desc).toBe('Write all of the data in a loop');
  const fixed = applyEdits(code, loop!.edits);
  expect(lintText(fixed).findings.filter((f) => f.ruleId === 'partial-write')).toEqual([]);
  return fixed;
}

/**
 * Runs the program against a peer that reads nothing for `pauseMs` after it accepts (for ever
 * when undefined: it then closes once the program has ended), then everything. Resolves to what
 * the program printed and how many bytes the peer got.
 */
async function runAgainstSlowPeer(code: (port: number) => string, pauseMs: number | undefined): Promise<{ stdout: string; received: number }> {
  let received = 0;
  let peer: Socket | undefined;
  const server = createServer();
  const ended = new Promise<void>((resolve) => {
    server.once('connection', (socket) => {
      peer = socket;
      socket.pause();
      if (pauseMs !== undefined) setTimeout(() => socket.resume(), pauseMs);
      socket.on('data', (chunk: Buffer) => (received += chunk.length));
      socket.on('end', () => resolve());
      socket.on('close', () => resolve());
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    const run = await runPhp(['-d', 'display_errors=stderr'], code(port));
    if (pauseMs === undefined) peer?.destroy();
    await ended;
    return { stdout: run.stdout, received };
  } finally {
    server.close();
  }
}

describe("partial-write's write-all loop in the real PHP", () => {
  // The peer pauses 1.5 s: after the single write's 1 s timeout, before the loop's next write gives up at 2 s.
  it('writes everything the single fwrite() left out, once the peer reads again', async () => {
    const single = await runAgainstSlowPeer((port) => program(port, 1000), 1500);
    expect(single.stdout).toBe('sent\n');
    expect(single.received).toBeGreaterThan(0);
    expect(single.received).toBeLessThan(SIZE);

    const looped = await runAgainstSlowPeer((port) => withLoop(program(port, 1000)), 1500);
    expect(looped.stdout).toBe('sent\n');
    expect(looped.received).toBe(SIZE);
  });

  it("keeps the original's failure branch: false when the peer never reads the rest", async () => {
    const looped = await runAgainstSlowPeer((port) => withLoop(program(port, 200)), undefined);
    expect(looped.stdout).toBe('failed\n');
    expect(looped.received).toBeLessThan(SIZE);
  });
});
