// What the PHP 8 rules claim, shown by the real PHP CLI.
import { describe, expect, it } from 'vitest';
import { falseBlindness, phpCompare, type ComparisonOperator } from '../../server/src/core/model/compare';
import { phpEval } from '../support/php';

const OPERATORS: ComparisonOperator[] = ['==', '!=', '<>', '===', '!==', '<', '<=', '>', '>='];
const INTEGERS = [-2, -1, 0, 1, 2];

describe('comparisons of false with integers (impossible-false-check)', () => {
  it('match the real php for every operator, both orders', async () => {
    const cases = OPERATORS.flatMap((op) => INTEGERS.flatMap((n) => [`false ${op} ${n}`, `${n} ${op} false`, `-1 ${op} ${n}`, `${n} ${op} -1`]));
    const php = cases.map((expr) => `'${expr}' => ${expr}`).join(', ');
    const actual = JSON.parse(await phpEval(`echo json_encode([${php}]);`)) as Record<string, boolean>;
    const ours: Record<string, boolean> = {};
    for (const op of OPERATORS) {
      for (const n of INTEGERS) {
        ours[`false ${op} ${n}`] = phpCompare(op, false, n);
        ours[`${n} ${op} false`] = phpCompare(op, n, false);
        ours[`-1 ${op} ${n}`] = phpCompare(op, -1, n);
        ours[`${n} ${op} -1`] = phpCompare(op, n, -1);
      }
    }
    expect(ours).toEqual(actual);
  });

  it('flags exactly the C-style tests that miss false', () => {
    expect(falseBlindness('<', 0, true)).toBe('error-test');
    expect(falseBlindness('==', -1, true)).toBe('error-test');
    expect(falseBlindness('===', -1, false)).toBe('error-test');
    expect(falseBlindness('>=', 0, true)).toBe('success-test');
    for (const [op, n] of [['<', 1], ['<=', 0], ['==', 0], ['<=', -1], ['>', 0], ['>', -1]] as const) {
      expect(falseBlindness(op, n, true), `${op} ${n}`).toBeUndefined();
    }
  });

  it('false < 0 and false == -1 are false in PHP 8', async () => {
    expect(await phpEval('var_export([false < 0, false == -1, false <= -1, false < 1]);')).toBe(
      'array (\n  0 => false,\n  1 => false,\n  2 => true,\n  3 => true,\n)',
    );
  });
});

describe('sockets are objects in PHP 8 (socket-is-resource)', () => {
  it('is_resource() is false for a working socket; instanceof \\Socket is true', async () => {
    const out = await phpEval(
      '$s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); echo json_encode([is_resource($s), $s instanceof \\Socket, gettype($s), get_debug_type($s)]);',
    );
    expect(JSON.parse(out)).toEqual([false, true, 'object', 'Socket']);
  });

  it('get_resource_type() throws a TypeError for a socket', async () => {
    const out = await phpEval('$s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP); try { get_resource_type($s); echo "no error"; } catch (TypeError $e) { echo "TypeError"; }');
    expect(out).toBe('TypeError');
  });
});
