// Owns a small, forgiving XML reader for feeds: elements, attributes, text, CDATA; no DTDs, no external entities.
export interface XmlElement {
  /** Qualified name as written, lower-cased ("item", "dc:date", "content:encoded"). */
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Text and CDATA directly inside, entities decoded. */
  text: string;
}

export class XmlError extends Error {
  override readonly name = 'XmlError';
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character and the five XML entities (plus nbsp, common in feeds); unknown ones are left as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[e.toLowerCase()] ?? whole;
  });
}

/**
 * Parses a document into its root element. Forgiving the way feed readers must be: a stray end
 * tag is skipped, an unclosed element ends with its parent. A DOCTYPE is skipped, never expanded,
 * so entity tricks (billion laughs, external entities) have nothing to work with.
 */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const top = stack[stack.length - 1]!;
    if (lt < 0) {
      top.text += decodeEntities(xml.slice(i));
      break;
    }
    if (lt > i) top.text += decodeEntities(xml.slice(i, lt));
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end < 0) throw new XmlError('unterminated CDATA section');
      top.text += xml.slice(lt + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      i = end < 0 ? xml.length : end + 3;
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      i = end < 0 ? xml.length : end + 2;
    } else if (xml.startsWith('<!', lt)) {
      i = skipDeclaration(xml, lt);
    } else if (xml[lt + 1] === '/') {
      const end = xml.indexOf('>', lt);
      if (end < 0) throw new XmlError('unterminated end tag');
      const name = xml.slice(lt + 2, end).trim().toLowerCase();
      const at = stack.map((e) => e.name).lastIndexOf(name);
      if (at > 0) stack.length = at;
      i = end + 1;
    } else {
      const end = tagEnd(xml, lt);
      const raw = xml.slice(lt + 1, end);
      const selfClosing = raw.endsWith('/');
      const body = selfClosing ? raw.slice(0, -1) : raw;
      const name = (/^[^\s/>]+/.exec(body)?.[0] ?? '').toLowerCase();
      if (!name) throw new XmlError(`malformed tag at ${lt}`);
      const el: XmlElement = { name, attrs: attributes(body.slice(name.length)), children: [], text: '' };
      top.children.push(el);
      if (!selfClosing) stack.push(el);
      i = end + 1;
    }
  }
  const first = root.children[0];
  if (!first) throw new XmlError('no root element');
  return first;
}

/** The end of a start tag: the first '>' outside a quoted attribute value. */
function tagEnd(xml: string, from: number): number {
  let quote: string | null = null;
  for (let j = from + 1; j < xml.length; j++) {
    const c = xml[j];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  throw new XmlError('unterminated start tag');
}

function skipDeclaration(xml: string, from: number): number {
  // <!DOCTYPE …> may hold an internal subset in [ … ]: skip it whole.
  let depth = 0;
  for (let j = from + 2; j < xml.length; j++) {
    if (xml[j] === '[') depth++;
    else if (xml[j] === ']') depth--;
    else if (xml[j] === '>' && depth <= 0) return j + 1;
  }
  return xml.length;
}

function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]!.toLowerCase()] = decodeEntities(m[3] ?? m[4] ?? '');
  return out;
}

export function child(el: XmlElement, ...names: string[]): XmlElement | undefined {
  for (const n of names) {
    const found = el.children.find((c) => c.name === n);
    if (found) return found;
  }
  return undefined;
}

export function childText(el: XmlElement, ...names: string[]): string | null {
  const c = child(el, ...names);
  const t = c?.text.trim();
  return t ? t : null;
}
