/** A trail as the engine keeps it (home region only; other regions see multi-region ones as shadows). */
export interface TrailRecord {
  name: string;
  arn: string;
  homeRegion: string;
  tags: Record<string, string>;
}
