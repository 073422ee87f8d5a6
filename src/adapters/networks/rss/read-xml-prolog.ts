// Owns what comes before a feed's root element: the DOCTYPE cut out (never read), the root's name, and whether it is closed.
export interface XmlProlog {
  /** The document without its DOCTYPE: no DTD is handed to the parser, so no entity is ever declared or expanded. */
  readonly xml: string;
  /** The root element's name as written ("rss", "feed", "rdf:RDF"), or null when there is no element at all. */
  readonly root: string | null;
  /** The document ends with the root's end tag (then only comments and whitespace): a cut-off download does not. */
  readonly complete: boolean;
}

const NAME = /^[A-Za-z_][\w.:-]*/;

/** Linear in the document's length: every scan moves forward and never returns. */
export function readXmlProlog(text: string): XmlProlog {
  let i = 0;
  let doctype: [number, number] | null = null;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) i = after(text, '?>', i);
    else if (text.startsWith('<!--', i)) i = after(text, '-->', i);
    else if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) {
      const end = doctypeEnd(text, i);
      doctype = [i, end];
      i = end;
    } else break;
  }
  const root = text[i] === '<' ? (NAME.exec(text.slice(i + 1, i + 200))?.[0] ?? null) : null;
  const xml = doctype ? text.slice(0, doctype[0]) + text.slice(doctype[1]) : text;
  return { xml, root, complete: root !== null && endsWithEndTag(xml, root) };
}

function after(text: string, close: string, from: number): number {
  const at = text.indexOf(close, from);
  return at < 0 ? text.length : at + close.length;
}

/** `<!DOCTYPE name [ internal subset ]>`: quoted strings and comments in the subset may hold `]` or `>`. */
function doctypeEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from + 9; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i = after(text, c, i + 1) - 1;
    else if (text.startsWith('<!--', i)) i = after(text, '-->', i) - 1;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  return text.length;
}

function endsWithEndTag(xml: string, root: string): boolean {
  let end = xml.length;
  for (;;) {
    while (end > 0 && /\s/.test(xml[end - 1]!)) end--;
    if (!xml.endsWith('-->', end)) break;
    const open = xml.lastIndexOf('<!--', end - 3);
    if (open < 0) return false;
    end = open;
  }
  return new RegExp(`</${root.replace(/[.]/g, '\\.')}\\s*>$`).test(xml.slice(Math.max(0, end - root.length - 20), end));
}
