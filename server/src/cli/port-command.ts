// Placeholder until the PHP → TypeScript port lands; the port's author replaces this file.
export async function runPortCommand(_argv: string[]): Promise<number> {
  process.stderr.write('port: not available yet\n');
  return 2;
}
