// Owns turning a feed's bytes into text in the right charset: byte-order mark, then HTTP charset, then the XML declaration.
export class FeedCharsetError extends Error {
  override readonly name = 'FeedCharsetError';
}

const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

/**
 * RFC 7303 order: a byte-order mark wins, then the Content-Type charset, then `<?xml encoding="…"?>`,
 * else UTF-8. Labels are the WHATWG ones Node's TextDecoder knows (ISO-8859-1 reads as windows-1252,
 * its superset, as browsers do): no extra dependency for the charsets feeds use.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null = null): string {
  const bom = BOMS.find(([mark]) => mark.every((b, i) => bytes[i] === b));
  const label = bom?.[1] ?? charsetOf(contentType) ?? declaredEncoding(bytes) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw new FeedCharsetError(`unknown character encoding "${label}"`);
  }
  // TextDecoder drops the BOM itself; malformed bytes become U+FFFD rather than losing the feed.
  return decoder.decode(bytes);
}

function charsetOf(contentType: string | null): string | null {
  const m = contentType ? /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType) : null;
  return m ? m[1]!.toLowerCase() : null;
}

/** The declaration is ASCII whatever the encoding (for the ASCII-compatible ones feeds use). */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const m = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}
