// A large PHP file for the fast-edit test and bench/vscode-latency.mjs: the client functions of
// bench/lsp-latency.mjs (every socket_*() result checked, so they report nothing), with one
// unchecked server near the start, one in the middle and a listen with an unrealistic backlog on
// the last lines, so the Problems panel holds a few rows and every one of them has a known line.
import { checkedClientFunction } from '../../bench/php-client-function.mjs';
/** About `lines` lines of PHP. */
export function generateBigFile(lines) {
  const out = ['<?php', 'declare(strict_types=1);', ''];
  const server = (name) => [
    `function ${name}(int $port): void`,
    '{',
    '    $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);',
    '    if ($s === false) {',
    "        throw new RuntimeException('create');",
    '    }',
    "    socket_bind($s, '0.0.0.0', $port);",
    '}',
    '',
  ];
  out.push(...server('firstServer'));
  let placedMiddle = false;
  for (let i = 0; out.length < lines - 4; i++) {
    if (!placedMiddle && out.length >= lines / 2) {
      out.push(...server('middleServer'));
      placedMiddle = true;
      continue;
    }
    out.push(...checkedClientFunction(i));
  }
  out.push('$main = socket_create_listen(8080);', 'if ($main === false || !socket_listen($main, 100)) {', '    exit(1);', '}', '');
  return out.join('\n');
}
