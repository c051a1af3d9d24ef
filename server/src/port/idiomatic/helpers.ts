// The helpers an idiomatic port carries (under 40 lines together): PHP's strings are bytes, so
// text crosses sockets and stdout as latin1 (one char per byte); socket_read()'s two modes and a
// UDP reply awaited with a timeout. A port includes only the helpers it names.

export const HELPERS: Record<string, string> = {
  print: `/** echo: PHP strings are bytes (one char per byte here). */
const print = (text: string, stream: NodeJS.WriteStream = process.stdout) => stream.write(Buffer.from(text, 'latin1'));`,
  reader: `const readers = new WeakMap<net.Socket, (length: number, line: boolean) => Promise<string | false>>();
/** socket_read(): with \`line\` up to "\\n" or "\\r" (PHP_NORMAL_READ), false at the end; else what has arrived, '' at the end. */
function read(socket: net.Socket, length: number, line = false): Promise<string | false> {
  let take = readers.get(socket);
  if (!take) {
    let [buffered, ended, wake] = ['', false, () => {}];
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => ((buffered += data), wake()));
    socket.on('close', () => ((ended = true), wake()));
    readers.set(socket, (take = async (length, line) => {
      for (;;) {
        const end = line ? buffered.slice(0, length).search(/[\\r\\n]/) + 1 : Math.min(length, buffered.length);
        const size = end > 0 ? end : buffered.length >= length ? length : 0;
        if (size > 0) return [buffered.slice(0, size), (buffered = buffered.slice(size))][0]!;
        if (ended) return line ? false : '';
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }));
  }
  return take(length, line);
}`,
  send: `/** socket_sendto()/socket_send(): resolves once the datagram is out, so a close after it cannot drop it. */
function send(socket: dgram.Socket, text: string, port?: number, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null) => (error ? reject(error) : resolve());
    if (port === undefined) socket.send(Buffer.from(text, 'latin1'), done); // a connected socket
    else socket.send(Buffer.from(text, 'latin1'), port, host, done);
  });
}`,
  receive: `/** socket_recv()/socket_recvfrom(): the next datagram cut to \`length\`, or false after \`timeoutMs\`. */
async function receive(socket: dgram.Socket, length: number, timeoutMs?: number): Promise<[number | false, string | null, string, number]> {
  try {
    const [message, remote] = (await once(socket, 'message', timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) })) as [Buffer, dgram.RemoteInfo];
    const data = message.subarray(0, length).toString('latin1');
    return [data.length, data, remote.address, remote.port];
  } catch {
    return [false, null, '', 0];
  }
}`,
  strerror: `/** socket_strerror(): the system's message for the error's errno, as PHP prints it. */
function strerror(error: unknown): string {
  const message = util.getSystemErrorMap().get((error as NodeJS.ErrnoException).errno ?? 0)?.[1] ?? String(error);
  return message.charAt(0).toUpperCase() + message.slice(1);
}`,
  json: `/** json_encode() of a string: "/" and non-ASCII escaped as PHP does; false for bytes that are not UTF-8. */
function jsonEncode(text: string): string | false {
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.from(text, 'latin1'));
    return JSON.stringify(decoded).replace(/[/\\u0080-\\uffff]/g, (c) => (c === '/' ? '\\\\/' : \`\\\\u\${c.charCodeAt(0).toString(16).padStart(4, '0')}\`));
  } catch {
    return false;
  }
}`,
  trim: `/** trim()/ltrim()/rtrim() with PHP's default characters. */
function trim(text: string, characters = ' \\t\\n\\r\\0\\x0B', ends: 'both' | 'left' | 'right' = 'both'): string {
  let [start, end] = [0, text.length];
  while (ends !== 'right' && start < end && characters.includes(text[start]!)) start++;
  while (ends !== 'left' && end > start && characters.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}`,
  asciiCase: `/** strtoupper()/strtolower(): ASCII letters only, as PHP 8 does. */
const upper = (text: string) => text.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
const lower = (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());`,
};

/** The helper text for the names used, in a fixed order. */
export function helperSource(used: ReadonlySet<string>): string {
  return Object.keys(HELPERS).filter((name) => used.has(name)).map((name) => HELPERS[name]).join('\n\n');
}
