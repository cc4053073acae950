/**
 * A small, strict XML 1.0 reader for tests: it refuses what is not well-formed (unbalanced or misnested
 * tags, unquoted or repeated attributes, a bare `<` or `&` in text, unknown entities, `--` inside a comment,
 * content outside the one root element, undeclared namespace prefixes) and returns the element tree.
 * No DTDs: a manifest has none, and refusing them keeps the reader small.
 */

export interface XmlElement {
  /** The qualified name as written, e.g. `bt:Image`. */
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own character data (entities decoded), children's text excluded. */
  readonly text: string;
  /** 1-based line of the start tag, for messages. */
  readonly line: number;
}

export class XmlSyntaxError extends Error {
  constructor(message: string, line: number) {
    super(`XML line ${line}: ${message}`);
    this.name = 'XmlSyntaxError';
  }
}

const NAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

interface Building {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
  namespaces: Map<string, string>;
}

export function parseXml(source: string): XmlElement {
  let pos = 0;
  let root: XmlElement | undefined;
  const stack: Building[] = [];
  const lineAt = (at: number): number => source.slice(0, at).split('\n').length;
  const fail = (message: string, at = pos): never => {
    throw new XmlSyntaxError(message, lineAt(at));
  };

  const decode = (raw: string, at: number): string => {
    if (raw.includes('<')) fail('"<" in character data or attribute value', at);
    return raw.replace(/&([^;]*);|&/g, (match: string, ref: string | undefined) => {
      if (ref === undefined) return fail('"&" not starting an entity reference', at);
      if (ref in ENTITIES) return ENTITIES[ref] as string;
      const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
      if (Number.isNaN(code) || code > 0x10ffff) return fail(`unknown entity "${match}"`, at);
      return String.fromCodePoint(code);
    });
  };

  const resolvePrefix = (qname: string, namespaces: Map<string, string>, at: number): void => {
    const colon = qname.indexOf(':');
    if (colon < 0) return;
    const prefix = qname.slice(0, colon);
    if (prefix !== 'xml' && prefix !== 'xmlns' && !namespaces.has(prefix)) fail(`namespace prefix "${prefix}" is not declared`, at);
  };

  if (source.charCodeAt(0) === 0xfeff) pos = 1;
  const declaration = /^<\?xml\s[^?]*\?>/.exec(source.slice(pos));
  if (declaration) pos += declaration[0].length;

  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt < 0 ? source.length : lt;
    const text = source.slice(pos, textEnd);
    if (text.length > 0) {
      const top = stack[stack.length - 1];
      if (top) top.text += decode(text, pos);
      else if (text.trim() !== '') fail('text outside the root element');
    }
    if (lt < 0) break;
    pos = lt;

    if (source.startsWith('<!--', pos)) {
      const end = source.indexOf('-->', pos + 4);
      if (end < 0) fail('unterminated comment');
      if (source.slice(pos + 4, end).includes('--')) fail('"--" inside a comment');
      pos = end + 3;
    } else if (source.startsWith('<![CDATA[', pos)) {
      const top = stack[stack.length - 1];
      if (!top) fail('CDATA outside the root element');
      const end = source.indexOf(']]>', pos);
      if (end < 0) fail('unterminated CDATA section');
      (top as Building).text += source.slice(pos + 9, end);
      pos = end + 3;
    } else if (source.startsWith('<?', pos)) {
      const end = source.indexOf('?>', pos);
      if (end < 0) fail('unterminated processing instruction');
      if (/^<\?xml[\s?]/i.test(source.slice(pos))) fail('XML declaration not at the start of the document');
      pos = end + 2;
    } else if (source.startsWith('<!', pos)) {
      fail('DOCTYPE and other declarations are not accepted');
    } else if (source.startsWith('</', pos)) {
      const m = /^<\/([^\s>]+)\s*>/.exec(source.slice(pos));
      if (!m) return fail('malformed end tag');
      const open = stack.pop();
      if (!open) return fail(`end tag </${m[1]}> with no open element`);
      if (open.name !== m[1]) fail(`end tag </${m[1]}> closes <${open.name}> (line ${open.line})`);
      attach(open);
      pos += m[0].length;
    } else {
      const start = pos;
      const m = /^<([^\s/>]+)/.exec(source.slice(pos));
      if (!m || !NAME.test(m[1] as string)) return fail('malformed start tag');
      const name = m[1] as string;
      pos += m[0].length;
      const attributes: Record<string, string> = {};
      for (;;) {
        const ws = /^\s*/.exec(source.slice(pos)) as RegExpExecArray;
        pos += ws[0].length;
        if (source.startsWith('/>', pos) || source.startsWith('>', pos)) break;
        if (ws[0].length === 0) fail(`attributes of <${name}> must be separated by white space`);
        const a = /^([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/.exec(source.slice(pos));
        if (!a || !NAME.test(a[1] as string)) return fail(`malformed attribute in <${name}>`);
        const attr = a[1] as string;
        if (attr in attributes) fail(`attribute "${attr}" repeated in <${name}>`);
        attributes[attr] = decode((a[3] ?? a[4]) as string, pos);
        pos += a[0].length;
      }
      if (stack.length === 0 && root) fail('a second root element');
      const parent = stack[stack.length - 1];
      const namespaces = new Map(parent ? parent.namespaces : []);
      for (const [attr, value] of Object.entries(attributes)) {
        if (attr.startsWith('xmlns:')) namespaces.set(attr.slice(6), value);
      }
      resolvePrefix(name, namespaces, start);
      for (const attr of Object.keys(attributes)) if (!attr.startsWith('xmlns')) resolvePrefix(attr, namespaces, start);
      const element: Building = { name, attributes, children: [], text: '', line: lineAt(start), namespaces };
      if (source.startsWith('/>', pos)) {
        pos += 2;
        attach(element);
      } else {
        pos += 1;
        stack.push(element);
      }
    }
  }
  if (stack.length > 0) fail(`<${(stack[stack.length - 1] as Building).name}> is never closed`);
  if (!root) return fail('no root element');
  return root;

  function attach(element: Building): void {
    const done: XmlElement = { name: element.name, attributes: element.attributes, children: element.children, text: element.text, line: element.line };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(done);
    else root = done;
  }
}

/** Every element below (and including) `from`, depth first, in document order. */
export function descendants(from: XmlElement): XmlElement[] {
  return [from, ...from.children.flatMap(descendants)];
}

/** Follows a path of element names from `from`; each step takes every child with that name. */
export function select(from: XmlElement, ...path: string[]): XmlElement[] {
  return path.reduce<XmlElement[]>((nodes, step) => nodes.flatMap((n) => n.children.filter((c) => c.name === step)), [from]);
}
