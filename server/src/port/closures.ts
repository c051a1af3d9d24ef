// Closures and arrow functions: `fn($x) => $x * 2`, `function ($a, $b) use ($c) { … }`.
// JavaScript closures capture variables by reference, which is PHP's `use (&$c)`; a closure that
// assigns a by-value capture is not ported (the change would leak out).
import { childNodes } from '../core/ast';
import { type LooseNode } from './loose-node';
import { expr, PREC, wrap, type Expr } from './code';
import { value } from './expressions';
import { kinds, tsType, tsTypeNames } from './php-types';
import { functionBody } from './statements';
import type { Translator } from './translator';

export function closure(t: Translator, node: LooseNode): Expr {
  const info = t.analysis.closures.get(node);
  if (!info) return t.unportedExpr(node, 'this closure is not ported');
  if ((node.arguments ?? []).some((param: LooseNode) => param.byref)) return t.unportedExpr(node, 'closures with by-reference parameters are not ported');
  const assignsCapture = (node.uses ?? []).some((use: LooseNode) => !use.byref && capturedAndAssigned(node, String(use.name)));
  if (assignsCapture) return t.unportedExpr(node, 'a closure that assigns a by-value `use` variable is not ported');
  return t.inScope(info, () => {
    const params = info.params.map((name) => {
      const param = info.vars.get(name)!;
      for (const name of tsTypeNames(param.type)) t.use(name);
      return `${param.ts}: ${tsType(param.type)}`;
    });
    // A closure that waits on sockets is async; the program's calls of callables then await (expressions.ts).
    const async = info.isAsync ? 'async ' : '';
    if (node.kind === 'arrowfunc') {
      const body = value(t, node.body);
      return expr(`${async}(${params.join(', ')}) => ${body.code.startsWith('{') ? `(${body.code})` : wrap(body, PREC.assignment)}`, kinds('callable'), PREC.assignment);
    }
    return expr(`${async}(${params.join(', ')}) => {\n${functionBody(t, info)}\n}`, kinds('callable'), PREC.assignment);
  });
}

function capturedAndAssigned(node: LooseNode, name: string): boolean {
  const assigns = (current: LooseNode): boolean =>
    (current.kind === 'assign' && current.left?.kind === 'variable' && current.left.name === name) ||
    ((current.kind === 'post' || current.kind === 'pre') && current.what?.kind === 'variable' && current.what.name === name) ||
    childNodes(current).some(assigns);
  return assigns(node.body);
}
