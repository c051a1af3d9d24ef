import { childNodes, type NodeOf, type PhpNode } from './ast';

/**
 * php-parser ends the top expression of `expr;` after the `;` (the statement's end). Fixes that
 * wrap the expression need its own end, so it is moved back before the `;` and any blanks.
 * Only offsets are corrected; the core reads nothing else from `loc`. Done once per
 * statement by the parse step (names.ts's walk); idempotent.
 */
export function trimStatementExpression(statement: NodeOf<'expressionstatement'>, text: string): void {
  const statementEnd = statement.loc?.end.offset;
  if (statementEnd === undefined || text[statementEnd - 1] !== ';') return;
  for (let expression: PhpNode | undefined = statement.expression; expression?.loc && expression.loc.end.offset === statementEnd; ) {
    let end = statementEnd - 1;
    while (end > expression.loc.start.offset && /\s/.test(text[end - 1]!)) end--;
    expression.loc.end = { ...expression.loc.end, offset: end };
    const children = childNodes(expression);
    expression = children[children.length - 1];
  }
}
