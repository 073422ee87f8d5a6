// Owns reading the learned classifier's log-odds as a probability: apart from the classifier, so the bars that
// compare with it (combine-suggestions.ts, learned-rulings.ts) load no NLP library at start.

/**
 * wink's `computeOdds` gives each label's log (base 2) odds against the rest together. Until session 15 the desk read
 * that figure as plain odds (odds / (1 + odds)): a guess 89% likely (log-odds 3) showed as 75% sure, one 99.8% likely
 * (log-odds 9) as 90%. The bars it is compared with moved with it (combine-suggestions.ts, learned-rulings.ts).
 */
export function probabilityOf(logOdds: number): number {
  return 1 / (1 + 2 ** -logOdds);
}
