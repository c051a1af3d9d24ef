// partial-write's suggestion, as the rule tests expect it: the title and the loop it puts in the
// call's place.
export const LOOP = 'Write all of the data in a loop';

/**
 * The suggested loop: `call` writes `data` from offset `$written`; `keepsResult` when the original
 * tested the count (the loop's `$written` takes its place, false when the rest was not written).
 */
export function loop(call: string, data: string, { keepsResult = false, indentation = '', unit = '    ', written = '$written', n = '$n' } = {}): string {
  const lines = [
    `${written} = 0;`,
    `while (${written} < strlen(${data})) {`,
    `${unit}${n} = ${call.replace('REST', `substr(${data}, ${written})`)};`,
    `${unit}if (!${n}) {`,
    ...(keepsResult ? [`${unit}${unit}${written} = false;`] : []),
    `${unit}${unit}break;`,
    `${unit}}`,
    `${unit}${written} += ${n};`,
    '}',
  ];
  return lines.join('\n' + indentation);
}
