// Owns the error for "this is not a feed we can read", apart from the parser so that the main thread, which
// only parses through a worker, never loads the feed-parsing library.
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
}
