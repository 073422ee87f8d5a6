// Owns counting a reply the way its network will: X's weighted count (its own twitter-text), else Unicode characters.
import twitterText from 'twitter-text';

export interface ReplyLength {
  readonly length: number;
  /** How the network counts, for people: null where every character counts one. */
  readonly rule: string | null;
}

// X's rule, not the council's: a link counts 23 whatever its length, an emoji or a CJK character 2
// (twitter-text's default configuration, version 3, the one X uses for posts). Direct messages are not weighted.
const X_RULE = 'X counts a link as 23 characters and an emoji or a Chinese, Japanese or Korean character as 2';

export function replyLength(network: string, text: string, privately: boolean): ReplyLength {
  if (network === 'x' && !privately) return { length: twitterText.parseTweet(text).weightedLength, rule: X_RULE };
  return { length: [...text].length, rule: null };
}

/** How the network counts a public reply, for the reply form's hint; null where every character counts one. */
export function countingRule(network: string): string | null {
  return replyLength(network, '', false).rule;
}
