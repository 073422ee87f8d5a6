// Types for the wink packages the reader model and the learned suggestions use (none ships its own).
declare module 'wink-naive-bayes-text-classifier' {
  interface NaiveBayesTextClassifier {
    definePrepTasks(tasks: ReadonlyArray<(input: string) => string[]>): number;
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    learn(input: string, label: string): boolean;
    consolidate(): boolean;
    computeOdds(input: string): Array<[string, number]>;
    exportJSON(): string;
  }
  const create: () => NaiveBayesTextClassifier;
  export default create;
}

declare module 'wink-nlp-utils' {
  const nlp: {
    string: { tokenize0(s: string): string[]; stem(s: string): string };
    tokens: { removeWords(t: string[]): string[] };
  };
  export default nlp;
}

declare module 'wink-porter2-stemmer' {
  /** The Porter2 stemmer wink-nlp-utils uses as string.stem, loaded alone (the reader model needs only this). */
  const stem: (word: string) => string;
  export default stem;
}
