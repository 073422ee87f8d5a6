// Owns what the service model reads of a comment: its own words, then the words of the council post it answers.

/**
 * A comment's service is often its parent's ("when are you fixing it?" under a post about potholes): the service
 * model reads the parent post's words after the comment's, in training and in reading alike. Measured on the
 * corpus by leave-one-part-out (`npm run eval:triage -- --cross`): service +1.2 to +1.4 points on unseen text;
 * the kind model reading them lost 0.6 (a comment's kind is its own, not its parent's), so only the service reads them.
 */
export function withParentWords(text: string, parent: string | undefined): string {
  return parent ? `${text}\n${parent}` : text;
}
