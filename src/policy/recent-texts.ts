// Owns keeping what was worked out about the last few texts read: one reading asks the same question of the same
// text (and of the post it answers) from several detectors in a row, and intake reads mention after mention.

/** The answers for the last `size` texts asked about; older ones are forgotten first. */
export class RecentTexts<T> {
  private readonly kept = new Map<string, T>();

  constructor(private readonly size = 8) {}

  /** The kept answer for `text` when `current` accepts it, else `make`'s (then kept). */
  answer(text: string, make: (text: string) => T, current: (kept: T) => boolean = () => true): T {
    const kept = this.kept.get(text);
    if (kept !== undefined && current(kept)) return kept;
    const made = make(text);
    this.kept.delete(text);
    if (this.kept.size >= this.size) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(text, made);
    return made;
  }
}
