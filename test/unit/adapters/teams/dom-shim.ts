// Owns the smallest DOM the `adaptivecards` renderer needs to render in Node: elements that hold children,
// styles, classes and attributes, and the HTML*Element classes it checks with instanceof. No layout.

type Style = Record<string, string> & { removeProperty(k: string): void; setProperty(k: string, v: string): void };

function style(): Style {
  const s = {} as Style;
  Object.defineProperty(s, 'removeProperty', { value: (k: string) => void delete s[k] });
  Object.defineProperty(s, 'setProperty', { value: (k: string, v: string) => void (s[k] = v) });
  return s;
}

class FakeNode {
  children: FakeNode[] = [];
  parentNode: FakeNode | null = null;
  get childNodes() { return this.children; }
  get firstChild(): FakeNode | null { return this.children[0] ?? null; }
  get lastChild(): FakeNode | null { return this.children.at(-1) ?? null; }
  get parentElement(): FakeNode | null { return this.parentNode; }
  appendChild<T extends FakeNode>(c: T): T {
    c.parentNode?.removeChild(c);
    this.children.push(c);
    c.parentNode = this;
    return c;
  }
  insertBefore<T extends FakeNode>(c: T, before: FakeNode | null): T {
    c.parentNode?.removeChild(c);
    const i = before ? this.children.indexOf(before) : -1;
    if (i < 0) this.children.push(c);
    else this.children.splice(i, 0, c);
    c.parentNode = this;
    return c;
  }
  removeChild<T extends FakeNode>(c: T): T {
    this.children = this.children.filter((x) => x !== c);
    c.parentNode = null;
    return c;
  }
  replaceChild<T extends FakeNode>(next: FakeNode, old: T): T {
    this.insertBefore(next, old);
    return this.removeChild(old);
  }
  addEventListener(): void {}
  removeEventListener(): void {}
}

class FakeElement extends FakeNode {
  readonly nodeType = 1;
  readonly style = style();
  readonly attributes: Record<string, string> = {};
  readonly dataset: Record<string, string> = {};
  readonly classList: { add(...c: string[]): void; remove(...c: string[]): void; contains(c: string): boolean; toggle(c: string): void };
  textContent = '';
  innerText = '';
  innerHTML = '';
  className = '';
  tabIndex = 0;
  constructor(readonly tagName: string) {
    super();
    const classes = new Set<string>();
    this.classList = {
      add: (...c) => c.forEach((x) => classes.add(x)),
      remove: (...c) => c.forEach((x) => classes.delete(x)),
      contains: (c) => classes.has(c),
      toggle: (c) => void (classes.has(c) ? classes.delete(c) : classes.add(c)),
    };
  }
  setAttribute(k: string, v: unknown): void { this.attributes[k] = String(v); }
  getAttribute(k: string): string | null { return this.attributes[k] ?? null; }
  removeAttribute(k: string): void { delete this.attributes[k]; }
  hasAttribute(k: string): boolean { return k in this.attributes; }
  focus(): void {}
  blur(): void {}
  click(): void {}
  querySelector(): null { return null; }
  querySelectorAll(): never[] { return []; }
  getElementsByTagName(): never[] { return []; }
  getBoundingClientRect() { return { top: 0, left: 0, width: 0, height: 0, right: 0, bottom: 0 }; }
  get offsetHeight() { return 0; }
  get offsetWidth() { return 0; }
  get scrollHeight() { return 0; }
  get clientHeight() { return 0; }
}

class HTMLElement extends FakeElement {}
class HTMLButtonElement extends HTMLElement {}
class HTMLInputElement extends HTMLElement {}
class HTMLTextAreaElement extends HTMLElement {}
class HTMLSelectElement extends HTMLElement { readonly options: unknown[] = []; }
class HTMLSlotElement extends HTMLElement {}

const BY_TAG: Record<string, new (tag: string) => HTMLElement> = {
  button: HTMLButtonElement, input: HTMLInputElement, textarea: HTMLTextAreaElement, select: HTMLSelectElement, slot: HTMLSlotElement,
};

const NAMES = ['HTMLElement', 'HTMLButtonElement', 'HTMLInputElement', 'HTMLTextAreaElement', 'HTMLSelectElement', 'HTMLSlotElement', 'document', 'window', 'getComputedStyle'];

/**
 * Runs `work` with the shim in place, then takes it away again: other code in the same process (PGlite,
 * in the end-to-end tests) decides it runs in a browser when it sees a `document`.
 */
export function withDomShim<T>(work: () => T): T {
  if ('document' in globalThis) return work();
  install();
  try {
    return work();
  } finally {
    for (const name of NAMES) delete (globalThis as Record<string, unknown>)[name];
  }
}

function install(): void {
  const create = (tag: string) => new (BY_TAG[tag.toLowerCase()] ?? HTMLElement)(tag.toUpperCase());
  const g = globalThis as Record<string, unknown>;
  Object.assign(g, { HTMLElement, HTMLButtonElement, HTMLInputElement, HTMLTextAreaElement, HTMLSelectElement, HTMLSlotElement });
  g['document'] = {
    createElement: create,
    createElementNS: (_ns: string, tag: string) => create(tag),
    createTextNode: (text: string) => Object.assign(new FakeNode(), { nodeType: 3, textContent: text }),
    createDocumentFragment: () => create('fragment'),
    body: create('body'),
    documentElement: create('html'),
    addEventListener() {},
    removeEventListener() {},
    querySelector: () => null,
    querySelectorAll: () => [],
    getElementById: () => null,
  };
  g['window'] = globalThis;
  g['getComputedStyle'] = () => style();
}
