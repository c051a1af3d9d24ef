// Loopback clients and servers for the scenarios. Every wait is a poll with a deadline.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { poll } from './processes';

export type Endpoint = { port: number } | { path: string };

export class StreamClient {
  received = '';
  /** The error that ended the connection ('ECONNRESET' for a reset), '' for none. */
  error = '';
  private isClosed = false;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (this.received += chunk));
    socket.on('close', () => (this.isClosed = true));
    socket.on('error', (error: NodeJS.ErrnoException) => (this.error = error.code ?? error.message));
  }

  static connect(endpoint: Endpoint): Promise<StreamClient> {
    return new Promise((resolve, reject) => {
      const socket = 'path' in endpoint ? connect(endpoint.path) : connect(endpoint.port, '127.0.0.1');
      socket.once('connect', () => resolve(new StreamClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Polls connect until the server accepts; that connection is the first real client. */
  static connectWhenReady(endpoint: Endpoint, timeoutMs = 5000): Promise<StreamClient> {
    return poll('the server to accept connections', () => StreamClient.connect(endpoint).catch(() => undefined), timeoutMs);
  }

  send(data: string): void {
    this.socket.write(Buffer.from(data, 'latin1'));
  }

  /** Resolves once `text` has been received after `from` (an index into `received`). */
  async waitFor(text: string, from = 0): Promise<void> {
    await poll(`${JSON.stringify(text)} (received ${JSON.stringify(this.received)})`, () => (this.received.indexOf(text, from) >= 0 ? true : undefined));
  }

  /** Sends a line and waits for the reply that ends with `until`. */
  async request(line: string, until = '\n'): Promise<void> {
    const from = this.received.length;
    this.send(line);
    await this.waitFor(until, from);
  }

  end(): void {
    this.socket.end();
  }

  async closed(): Promise<string> {
    await poll(`the server to close the connection (received ${JSON.stringify(this.received)})`, () => (this.isClosed ? true : undefined));
    return this.received;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

export class DatagramClient {
  readonly replies: string[] = [];
  private constructor(private readonly socket: UdpSocket) {
    socket.on('message', (message) => this.replies.push(message.toString('latin1')));
  }

  static async open(): Promise<DatagramClient> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new DatagramClient(socket);
  }

  /** Sends one datagram and waits for one reply. */
  async request(message: string, port: number): Promise<string> {
    const count = this.replies.length;
    this.socket.send(Buffer.from(message, 'latin1'), port, '127.0.0.1');
    return poll(`a reply to ${JSON.stringify(message)}`, () => this.replies[count]);
  }

  send(message: string, port: number): void {
    this.socket.send(Buffer.from(message, 'latin1'), port, '127.0.0.1');
  }

  close(): void {
    this.socket.close();
  }
}

/** A loopback TCP server for client programs; `handle` scripts each connection. */
export async function scriptedServer(handle: (socket: Socket, index: number) => void): Promise<{ server: Server; port: number }> {
  let index = 0;
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    handle(socket, index++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}
