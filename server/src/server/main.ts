// Entry of dist/server.js: `php-socket-lint-server --stdio` (editors such as Neovim) or
// `--node-ipc` (the VS Code client). vscode-languageserver picks the transport from argv.
import { version } from '../../../package.json';
import { describeError, startServer } from './server';
import { createServerConnection } from './transport';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket=', '--pipe='];
const args = process.argv.slice(2);

if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${version}\n`);
} else if (args.includes('--help') || args.includes('-h') || !args.some((arg) => TRANSPORTS.some((t) => arg.startsWith(t)))) {
  const out = args.includes('--help') || args.includes('-h') ? process.stdout : process.stderr;
  out.write(
    'Usage: php-socket-lint-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n' +
      'The php-socket-lint language server; editors start it. See docs/neovim.md.\n',
  );
  if (out === process.stderr) process.exitCode = 2;
} else {
  const connection = createServerConnection(args);
  // A bug outside any request still reaches the output channel, stack and all; the server goes on.
  process.on('uncaughtException', (error) => connection.console.error(`Internal error: ${describeError(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Internal error (unhandled rejection): ${describeError(reason)}`));
  startServer(connection);
}
