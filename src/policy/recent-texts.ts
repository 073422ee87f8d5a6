// Owns keeping what was worked out about the last few texts read: one reading asks the same question of the same
// text (and of the post it answers) from several detectors in a row, and intake reads mention after mention.

/** The answers for the last `size` texts asked about; older ones are forgotten first. */
export class RecentTexts<T> {
  private readonly kept = new Map<string, T>();
  /** The text last asked about and its answer: most questions come in runs about one text, answered without the map. */
  private lastText: string | null = null;
  private lastAnswer: T | undefined;

  constructor(private readonly size = 8) {}

  /** The kept answer for `text` when `current` accepts it, else `make`'s (then kept). */
  answer(text: string, make: (text: string) => T, current: (kept: T) => boolean = () => true): T {
    const kept = text === this.lastText ? this.lastAnswer : this.kept.get(text);
    if (kept !== undefined && current(kept)) return this.remembered(text, kept);
    const made = make(text);
    this.kept.delete(text);
    if (this.kept.size >= this.size) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(text, made);
    return this.remembered(text, made);
  }

  private remembered(text: string, answer: T): T {
    this.lastText = text;
    this.lastAnswer = answer;
    return answer;
  }
}
