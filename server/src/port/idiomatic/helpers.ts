// The helpers an idiomatic port carries (under 40 lines together): PHP's strings are bytes, so
// text crosses sockets and stdout as latin1 (one char per byte); socket_read()'s two modes and a
// UDP reply awaited with a timeout. A port includes only the helpers it names.

export const HELPERS: Record<string, string> = {
  print: `/** echo: PHP strings are bytes (one char per byte here). */
const print = (text: string, stream: NodeJS.WriteStream = process.stdout) => stream.write(text, 'latin1');`,
  reader: `type Reader = { buffered: string; ended: boolean; wake?: () => void };
const readers = new WeakMap<net.Socket, Reader>();
/** socket_read(): with \`line\` up to "\\n" or "\\r" (PHP_NORMAL_READ), false at the end; else what has arrived, '' at
 * the end. A read that must wait is one promise, settled by the next chunk or the close. */
function read(socket: net.Socket, length: number, line = false): string | false | Promise<string | false> {
  const r: Reader = readers.get(socket) ?? { buffered: '', ended: false };
  if (!readers.has(socket)) {
    readers.set(socket, r);
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => ((r.buffered += data), r.wake?.()));
    socket.on('close', () => ((r.ended = true), r.wake?.()));
  }
  const newline = line ? (r.buffered.length > length ? r.buffered.slice(0, length) : r.buffered).search(/[\\r\\n]/) : -1;
  const size = newline >= 0 ? newline + 1 : line && r.buffered.length < length ? 0 : Math.min(length, r.buffered.length);
  if (size > 0) return [r.buffered.slice(0, size), (r.buffered = r.buffered.slice(size))][0]!;
  if (r.ended) return line ? false : '';
  return new Promise((resolve) => (r.wake = () => ((r.wake = undefined), resolve(read(socket, length, line)))));
}`,
  send: `/** socket_sendto()/socket_send(): the bytes sent, once the datagram is out (a close after it cannot drop it). */
function send(socket: dgram.Socket, text: string, port?: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, bytes: number) => (error ? reject(error) : resolve(bytes));
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
  round: `/** round(): PHP 8.2's, halves away from zero after pre-rounding to 15 significant digits (round(1.005, 2) is 1.01). */
function round(value: number, places = 0): number {
  const scaled = Number((Math.abs(value) * 10 ** places).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / 10 ** places;
}`,
  truthy: `/** PHP's truthiness of a string: '' and '0' are false (false and null too). */
const truthy = (value: string | false | null | undefined): value is string => value !== false && value !== null && value !== undefined && value !== '' && value !== '0';`,
  asciiCase: `/** strtoupper()/strtolower(): ASCII letters only, as PHP 8 does. */
const upper = (text: string) => (/[^\\0-\\x7f]/.test(text) ? text.replace(/[a-z]+/g, (letters) => letters.toUpperCase()) : text.toUpperCase());
const lower = (text: string) => (/[^\\0-\\x7f]/.test(text) ? text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()) : text.toLowerCase());`,
};

/** The helper text for the names used, in a fixed order. */
export function helperSource(used: ReadonlySet<string>): string {
  return Object.keys(HELPERS).filter((name) => used.has(name)).map((name) => HELPERS[name]).join('\n\n');
}
