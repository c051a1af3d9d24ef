// The server's connection, and messages whose JSON text is already written. A lint's diagnostics
// arrive from the worker as JSON text (lint-worker.ts); parsing them on this thread only to
// stringify them again into the message cost the thread about 18 ms a lint on a file with 5,000
// findings, the time a hover or the next edit waits. Over a stream (--stdio) the writer's
// encoder splices that text into the message as it is. Every other path (--node-ipc, whose
// process.send() stringifies the message itself; a trace of the message) reads the ordinary
// members, which parse the text when first read.
import { inspect } from 'node:util';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageWriter,
  type Connection,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type Message,
  type MessageReader,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

/** The JSON text of a message's params or result, when it was written beforehand. */
const JSON_TEXT = Symbol('jsonText');

interface Prewritten {
  [JSON_TEXT]: () => string;
}

/** A document's diagnostics: the JSON text the worker wrote, and the objects, each made from the other when first read. */
export class Diagnostics {
  private constructor(
    private text: string | undefined,
    private parsed: readonly Diagnostic[] | undefined,
    /** How many (known without parsing: one per finding). */
    readonly length: number,
  ) {}

  static json(text: string, length: number): Diagnostics {
    return new Diagnostics(text, undefined, length);
  }

  static of(list: readonly Diagnostic[]): Diagnostics {
    return new Diagnostics(undefined, list, list.length);
  }

  get json(): string {
    return (this.text ??= JSON.stringify(this.parsed));
  }

  get list(): readonly Diagnostic[] {
    return (this.parsed ??= JSON.parse(this.text!) as Diagnostic[]);
  }
}

/** `textDocument/publishDiagnostics` params whose diagnostics go out as the worker wrote them. */
export function publishParams(uri: string, version: number | undefined, diagnostics: Diagnostics): PublishDiagnosticsParams {
  const params: PublishDiagnosticsParams & Prewritten = {
    uri,
    ...(version === undefined ? {} : { version }),
    get diagnostics() {
      return diagnostics.list as Diagnostic[];
    },
    [JSON_TEXT]: () => `{"uri":${JSON.stringify(uri)}${version === undefined ? '' : `,"version":${version}`},"diagnostics":${diagnostics.json}}`,
  };
  return params;
}

/** A full `textDocument/diagnostic` report whose items go out as the worker wrote them. */
export function fullReport(resultId: string, diagnostics: Diagnostics): FullDocumentDiagnosticReport {
  const report: FullDocumentDiagnosticReport & Prewritten = {
    kind: 'full',
    resultId,
    get items() {
      return diagnostics.list as Diagnostic[];
    },
    [JSON_TEXT]: () => `{"kind":"full","resultId":${JSON.stringify(resultId)},"items":${diagnostics.json}}`,
  };
  return report;
}

function prewritten(value: unknown): (() => string) | undefined {
  return typeof value === 'object' && value !== null ? (value as Partial<Prewritten>)[JSON_TEXT] : undefined;
}

/** The JSON text of a message, splicing in the text of params or a result written beforehand. */
export function messageJson(message: Message): string {
  const { params, result, ...rest } = message as Message & { params?: unknown; result?: unknown };
  const member = prewritten(params) ? 'params' : prewritten(result) ? 'result' : undefined;
  if (member === undefined) return JSON.stringify(message);
  // `rest` always has jsonrpc (and a method or an id), so its text ends `…}` after a member.
  return `${JSON.stringify(rest).slice(0, -1)},"${member}":${prewritten(member === 'params' ? params : result)!()}}`;
}

/**
 * The connection for the transport named on the command line, as createConnection() makes it;
 * over --stdio its writer splices prewritten JSON text in (and console output goes to the
 * client's log, as createConnection() arranges for stdio, since stdout carries the protocol).
 */
export function createServerConnection(args: readonly string[]): Connection {
  if (!args.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const writer = new StreamMessageWriter(process.stdout, {
    charset: 'utf-8',
    contentTypeEncoder: { name: 'application/json', encode: (message, options) => Promise.resolve(Buffer.from(messageJson(message as Message), options.charset)) },
  });
  // A stream in (so createConnection() exits when the client closes stdin, as with --stdio) and a
  // writer out: it checks each on its own, though its overloads name only the pairs.
  const connection = createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, writer);
  const text = (values: unknown[]) => values.map((value) => (typeof value === 'string' ? value : inspect(value))).join(' ');
  console.log = console.info = console.debug = (...values: unknown[]) => connection.console.log(text(values));
  console.warn = (...values: unknown[]) => connection.console.warn(text(values));
  console.error = console.trace = (...values: unknown[]) => connection.console.error(text(values));
  return connection;
}
