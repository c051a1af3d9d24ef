// A strict reader for the XML our checkstyle report uses (a declaration, elements with
// attributes, whitespace between them). It throws on anything not well-formed XML 1.0:
// unescaped `<` or `&`, unknown entities, characters XML forbids, mismatched tags.
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
}

const NAME = /[A-Za-z_][\w.-]*/y;
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeAttribute(raw: string, at: number): string {
  if (raw.includes('<')) throw new Error(`raw "<" in an attribute near ${at}`);
  // Attribute-value normalisation: literal tab, CR and LF become spaces.
  return raw.replace(/[\t\r\n]/g, ' ').replace(/&([^;]*);|&/g, (whole, entity: string | undefined) => {
    if (entity === undefined) throw new Error(`bare "&" near ${at}`);
    if (entity in ENTITIES) return ENTITIES[entity]!;
    const code = /^#x([0-9a-fA-F]+)$/.exec(entity)?.[1] ?? /^#(\d+)$/.exec(entity)?.[1];
    if (code === undefined) throw new Error(`unknown entity &${entity}; near ${at}`);
    const char = String.fromCodePoint(entity.startsWith('#x') ? parseInt(code, 16) : Number(code));
    if (FORBIDDEN.test(char)) throw new Error(`character reference to a forbidden character near ${at}`);
    return char;
  });
}

export function parseXml(text: string): XmlElement {
  if (FORBIDDEN.test(text)) throw new Error('the document holds a character XML 1.0 forbids');
  let position = 0;
  const skipSpace = () => {
    while (/\s/.test(text[position] ?? '')) position++;
  };
  const expect = (literal: string) => {
    if (!text.startsWith(literal, position)) throw new Error(`expected ${JSON.stringify(literal)} at ${position}: ${JSON.stringify(text.slice(position, position + 30))}`);
    position += literal.length;
  };
  const name = () => {
    NAME.lastIndex = position;
    const match = NAME.exec(text);
    if (!match) throw new Error(`expected a name at ${position}`);
    position += match[0].length;
    return match[0];
  };
  const element = (): XmlElement => {
    expect('<');
    const node: XmlElement = { name: name(), attributes: {}, children: [] };
    for (;;) {
      skipSpace();
      if (text.startsWith('/>', position)) {
        position += 2;
        return node;
      }
      if (text[position] === '>') break;
      const attribute = name();
      if (attribute in node.attributes) throw new Error(`duplicate attribute ${attribute}`);
      skipSpace();
      expect('=');
      skipSpace();
      const quote = text[position];
      if (quote !== '"' && quote !== "'") throw new Error(`expected a quoted value at ${position}`);
      const end = text.indexOf(quote, position + 1);
      if (end === -1) throw new Error('unterminated attribute value');
      node.attributes[attribute] = decodeAttribute(text.slice(position + 1, end), position);
      position = end + 1;
    }
    position++;
    for (;;) {
      skipSpace();
      if (text.startsWith('</', position)) {
        position += 2;
        if (name() !== node.name) throw new Error(`mismatched closing tag for <${node.name}>`);
        skipSpace();
        expect('>');
        return node;
      }
      node.children.push(element());
    }
  };
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end === -1) throw new Error('unterminated XML declaration');
    position = end + 2;
  }
  skipSpace();
  const root = element();
  skipSpace();
  if (position !== text.length) throw new Error(`content after the root element at ${position}`);
  return root;
}
