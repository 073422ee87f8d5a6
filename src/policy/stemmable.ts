// Owns which words are worth stemming. The Porter stemmers run a dozen regular expressions that backtrack over the
// whole word, so their cost grows with the square of its length: one 100,000-character "word" in a hostile post
// ("a'a'a'…", which the tokenisers keep whole) held the event loop for 40 s. No English word is near this long, and
// a word this long has no stem worth finding, so it is used as it is.
const LONGEST_STEMMED = 40;

export function stemmable(word: string): boolean {
  return word.length <= LONGEST_STEMMED;
}
