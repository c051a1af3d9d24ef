// sha256 in hex, with node:crypto loaded on first use: it is a tenth of the CLI's start-up
// (about 9 ms of 90), and most runs hash nothing (only --cache, SARIF and GitLab reports do).
import type * as Crypto from 'node:crypto';

let crypto: typeof Crypto | undefined;

export function sha256Hex(data: string | Uint8Array): string {
  crypto ??= require('node:crypto') as typeof Crypto;
  return crypto.createHash('sha256').update(data).digest('hex');
}
