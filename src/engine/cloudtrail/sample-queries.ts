import { createHash } from 'node:crypto';
import type { Call } from '../call.js';
import { AwsError } from '../errors.js';
import type { Handler } from '../service.js';
import { decodeToken, encodeToken } from '../tokens.js';
import { SAMPLE_QUERIES, type SampleQuery } from './sample-query-table.js';

const STOPWORDS = new Set(
  'a an the of to in on for by with and or is are was were be all any my me i show find list get give what which who how many much from that this there do does did'.split(' '),
);

/** Words of a text, lower-cased, stop words dropped, crudely stemmed (`calls` → `call`, `denied` → `deni`). */
function terms(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? [])
    .filter((w) => !STOPWORDS.has(w))
    .map((w) => w.replace(/(ies|ied)$/, 'i').replace(/(ing|ed|es|s)$/, '') || w);
}

const frequencies = (words: string[]): Map<string, number> => {
  const tf = new Map<string, number>();
  for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
  return tf;
};

/** Each sample's terms: its name counts twice, its description once. */
const DOCUMENTS = SAMPLE_QUERIES.map((s) => frequencies([...terms(s.Name), ...terms(s.Name), ...terms(s.Description)]));

/** Inverse document frequency: rare words weigh more. */
const IDF = (() => {
  const df = new Map<string, number>();
  for (const doc of DOCUMENTS) for (const w of doc.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  return (w: string) => Math.log(1 + DOCUMENTS.length / (df.get(w) ?? DOCUMENTS.length));
})();

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    const wa = x * IDF(w);
    na += wa * wa;
    const y = b.get(w);
    if (y !== undefined) dot += wa * y * IDF(w);
  }
  for (const [w, y] of b) nb += (y * IDF(w)) ** 2;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** The samples that share words with the phrase, most relevant first (ties in table order). */
function rankSamples(phrase: string): (SampleQuery & { Relevance: number })[] {
  const query = frequencies(terms(phrase));
  return SAMPLE_QUERIES.map((s, i) => ({ ...s, Relevance: Math.round(cosine(query, DOCUMENTS[i]!) * 1e4) / 1e4 }))
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.Relevance > 0)
    .sort((a, b) => b.r.Relevance - a.r.Relevance || a.i - b.i)
    .map(({ r }) => r);
}

const badToken = (): AwsError => new AwsError('InvalidParameterException', 'The NextToken is not valid.');

/** SearchSampleQueries: ranked by relevance to the phrase, ten a page unless MaxResults says otherwise. */
function searchSampleQueries(_call: Call, input: { SearchPhrase: string; MaxResults?: number; NextToken?: string }): unknown {
  const phrase = createHash('sha256').update(input.SearchPhrase).digest('base64url').slice(0, 16);
  let offset = 0;
  if (input.NextToken !== undefined) {
    // A token continues only the search that made it.
    const cursor = decodeToken<{ p: string; o: number }>(input.NextToken, 'InvalidParameterException', 'The NextToken is not valid.');
    if (cursor.p !== phrase || !Number.isInteger(cursor.o) || cursor.o < 0) throw badToken();
    offset = cursor.o;
  }
  const ranked = rankSamples(input.SearchPhrase);
  const page = ranked.slice(offset, offset + (input.MaxResults ?? 10));
  const next = offset + page.length;
  return {
    SearchResults: page,
    ...(next < ranked.length ? { NextToken: encodeToken({ p: phrase, o: next }) } : {}),
  };
}

export const sampleQueryOperations: Record<string, Handler> = { SearchSampleQueries: searchSampleQueries };
