import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { TestTransformerCommand } from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport } from '../helpers/harness.js';
import { Random } from '../plan/generate.js';
import { checkTransformerConfig, normalizeTransformerConfig, transformLogEvent, type Processor } from '../../src/engine/logs/transform/index.js';
import { AwsError } from '../../src/engine/errors.js';

/**
 * Property: whatever the messages and whatever valid-looking configuration, TestTransformer
 * answers with one record per message (numbered, echoed, transformed or not) or with an AWS
 * error, and transformLogEvent never throws. Seeded, so every run tries the same cases.
 */

const KEYS = ['a', 'b', 'msg', 'level', 'a.b', 'a.b.c', 'x.y', 'list', '10', '__proto__', 'constructor', 'toString', '@message'];
const GROKS = [
  '%{WORD:w} %{GREEDYDATA:rest}', '%{IP:client.ip} %{NUMBER:n}', '%{APACHE_ACCESS_LOG}', '%{SYSLOG5424}%{DATA:m}',
  '%{TIMESTAMP_ISO8601:t} %{LOGLEVEL:level} %{GREEDYDATA:msg}', '[%{DATA:a}] %{QUOTEDSTRING:q}', 'literal (text) only',
  '%{URI:uri}', '%{HOSTPORT:hp}', '%{MONTH:m} %{MONTHDAY:d}',
];
const REGEXES: [string, string][] = [['a+', 'b'], ['(\\w+)@(\\w+)', '$2 at $1'], ['(?P<x>\\d+)', '<${x}>'], ['\\s+$', ''], ['^', '>']];
const DATES = ["yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 'dd/MMM/yyyy:HH:mm:ss Z', 'MMM d HH:mm:ss', 'EEEE dd. MMMM yyyy', 'yyyyMMddHHmmss', 'h:mm a'];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', '+05:30', 'Asia/Kolkata'];

const key = (r: Random) => r.pick(KEYS);
const maybe = <T>(r: Random, v: () => T): T | undefined => (r.chance(0.5) ? v() : undefined);

function parser(r: Random, first: boolean): Processor {
  switch (r.int(first ? 9 : 5)) {
    case 0: return { parseJSON: { source: first ? undefined : maybe(r, () => key(r)), destination: maybe(r, () => key(r)) } };
    case 1: return { csv: { delimiter: maybe(r, () => r.pick([',', ';', '\\t', '\\s', ' '])), quoteCharacter: maybe(r, () => r.pick(['"', "'"])), columns: maybe(r, () => r.some(KEYS.filter((k) => k !== '@message'), 4)), source: maybe(r, () => key(r)) } };
    case 2: return { parseKeyValue: { fieldDelimiter: maybe(r, () => r.pick(['&', ' ', ', '])), keyValueDelimiter: maybe(r, () => r.pick(['=', ':'])), keyPrefix: maybe(r, () => 'p_'), nonMatchValue: maybe(r, () => 'none'), overwriteIfExists: maybe(r, () => r.chance(0.5)), destination: maybe(r, () => key(r)) } };
    case 3: return { grok: { match: r.pick(GROKS), source: maybe(r, () => key(r)) } };
    case 4: return { parseToOCSF: { eventSource: r.pick(['CloudTrail', 'Route53Resolver', 'VPCFlow', 'EKSAudit', 'AWSWAF'] as const), ocsfVersion: r.pick(['V1.1', 'V1.5'] as const) } };
    default: return r.pick<Processor>([{ parseVPC: {} }, { parseWAF: {} }, { parseCloudfront: {} }, { parseRoute53: {} }, { parsePostgres: {} }]);
  }
}

function mutator(r: Random): Processor {
  const keys = () => Array.from({ length: 1 + r.int(3) }, () => key(r));
  const overwrite = () => maybe(r, () => r.chance(0.5));
  switch (r.int(14)) {
    case 0: return { addKeys: { entries: [{ key: key(r), value: 'v', overwriteIfExists: overwrite() }] } };
    case 1: return { copyValue: { entries: [{ source: r.pick([...KEYS, '@logGroupName', '@accountId']), target: key(r), overwriteIfExists: overwrite() }] } };
    case 2: return { deleteKeys: { withKeys: keys() } };
    case 3: return { moveKeys: { entries: [{ source: key(r), target: key(r), overwriteIfExists: overwrite() }] } };
    case 4: return { renameKeys: { entries: [{ key: key(r), renameTo: key(r), overwriteIfExists: overwrite() }] } };
    case 5: return { listToMap: { source: r.pick(['list', 'a']), key: 'k', valueKey: maybe(r, () => 'v'), target: maybe(r, () => key(r)), flatten: true, flattenedElement: r.pick(['first', 'last'] as const) } };
    case 6: return { lowerCaseString: { withKeys: keys() } };
    case 7: return { upperCaseString: { withKeys: keys() } };
    case 8: return { trimString: { withKeys: keys() } };
    case 9: return { splitString: { entries: [{ source: key(r), delimiter: r.pick([',', ' ', '::']) }] } };
    case 10: {
      const [from, to] = r.pick(REGEXES);
      return { substituteString: { entries: [{ source: key(r), from, to }] } };
    }
    case 11: return { typeConverter: { entries: [{ key: key(r), type: r.pick(['boolean', 'integer', 'double', 'string'] as const) }] } };
    case 12: return { dateTimeConverter: { source: key(r), target: key(r), matchPatterns: r.some(DATES, 3).concat(DATES[0]!), sourceTimezone: maybe(r, () => r.pick(ZONES)), targetTimezone: maybe(r, () => r.pick(ZONES)), locale: maybe(r, () => r.pick(['en', 'de', 'fr-FR', 'ja'])), targetFormat: maybe(r, () => r.pick(DATES)) } };
    default: return parser(r, false);
  }
}

function config(r: Random): Processor[] {
  return [parser(r, true), ...Array.from({ length: r.int(8) }, () => mutator(r))];
}

const SAMPLES = [
  '2 123456789010 eni-abc123de 192.0.2.0 192.0.2.24 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK',
  '127.0.0.1 - - [03/Aug/2023:12:34:56 +0000] "GET /page.html HTTP/1.1" 200 1234',
  '1.0 2017-12-13T08:15:50.235Z Z123412341234 example.com AAAA NOERROR TCP IAD12 192.0.2.0 198.51.100.0/24',
  '2019-03-10 03:54:59 UTC:10.0.0.123(52834):postgres@logtestdb:[20175]:ERROR: oops',
  '<165>1 2003-10-11T22:14:15.003Z host app - ID47 [id@1 a="b"] message',
  'a=1&b=2&c', 'x,"y, z",3', '2024-05-01T12:00:00Z INFO started',
];
const CHARS = ['a', 'Z', '0', '9', ' ', '"', "'", '\\', '{', '}', '[', ']', ':', ',', '=', '&', '.', '\t', '\n', 'é', '日', '😀', '%', '$'];

function value(r: Random, depth: number): unknown {
  switch (r.int(depth > 2 ? 4 : 7)) {
    case 0: return r.int(1000) - 500;
    case 1: return r.pick([true, false, null, 1.5, -0.25, 1e21]);
    case 2: return r.pick(['2024-05-01T12:00:00.000+02:00', 'Jul 4 09:15:00', '42', 'TRUE', ' padded ', 'a,b::c', 'Samstag 05. Dezember 1998']);
    case 3: return text(r, 12);
    case 4: return Array.from({ length: r.int(4) }, () => ({ k: r.pick(['a', 'b', 1]), v: value(r, depth + 1) }));
    default: return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(['a', 'b', 'c', 'list', 'k', '__proto__']), value(r, depth + 1)]));
  }
}

const CLOUDFRONT = '2019-12-04 21:02:31 LAX1 392 192.0.2.24 GET d1.cloudfront.net /index.html 200 - Mozilla/5.0%20(X11) - - Hit id== d1.cloudfront.net https 23 0.001 - TLSv1.2 ECDHE Hit HTTP/2.0 - - 11040 0.001 Hit text/html 78 - -';

/** A message of the kind the first processor parses (most of the time), so that the rest of the transformer runs. */
function fitting(r: Random, first: Processor): string {
  if (!r.chance(0.7)) return message(r);
  if (first.parseVPC || first.parseToOCSF?.eventSource === 'VPCFlow') return SAMPLES[0]!;
  if (first.parseRoute53) return SAMPLES[2]!;
  if (first.parsePostgres) return SAMPLES[3]!;
  if (first.parseCloudfront) return CLOUDFRONT;
  if (first.grok || first.csv || first.parseKeyValue) return r.pick(SAMPLES);
  return JSON.stringify(Object.fromEntries(KEYS.filter(() => r.chance(0.5)).map((k) => [k, value(r, 0)])));
}

const text = (r: Random, max: number) => Array.from({ length: 1 + r.int(max) }, () => r.pick(CHARS)).join('');

function message(r: Random): string {
  switch (r.int(4)) {
    case 0: return JSON.stringify(Object.fromEntries(KEYS.filter(() => r.chance(0.4)).map((k) => [k, value(r, 0)])));
    case 1: return r.pick(SAMPLES);
    case 2: {
      const chars = [...r.pick([...SAMPLES, JSON.stringify({ a: { b: 'c' }, list: [{ k: 'a', v: 1 }] })])];
      for (let n = 0; n < 3; n++) chars.splice(r.int(chars.length), r.int(2), r.pick(CHARS));
      return chars.join('') || 'x';
    }
    default: return text(r, 40);
  }
}

forEachTransport('logs transformers: TestTransformer never fails but with an AWS error', (test, h) => {
  test('150 seeded configurations, up to 5 messages each', async () => {
    const r = new Random(20250601);
    for (let n = 0; n < 150; n++) {
      const transformerConfig = config(r);
      const logEventMessages = Array.from({ length: 1 + r.int(5) }, () => fitting(r, transformerConfig[0]!));
      const what = JSON.stringify({ transformerConfig, logEventMessages });
      try {
        const out = await h().logs.send(new TestTransformerCommand({ transformerConfig, logEventMessages }));
        assert.is(out.transformedLogs!.length, logEventMessages.length, what);
        out.transformedLogs!.forEach((record, i) => {
          assert.is(record.eventNumber, i + 1, what);
          assert.is(record.eventMessage, logEventMessages[i], what);
          if (record.transformedEventMessage !== undefined) JSON.parse(record.transformedEventMessage);
        });
      } catch (e) {
        assert.is((e as Error).name, 'InvalidParameterException', `${(e as Error).message} for ${what}`);
      }
    }
  });
});

const pure = suite('logs transformers: transformLogEvent never throws');

pure('3000 seeded configurations and messages, with lone surrogates and oversized inputs', () => {
  const r = new Random(7);
  const context = { accountId: '123456789012', region: 'us-east-1', now: Date.UTC(2025, 0, 1), logGroupName: 'g', logStreamName: 's' };
  for (let n = 0; n < 3000; n++) {
    const generated = config(r);
    const normalized = normalizeTransformerConfig(generated);
    try {
      checkTransformerConfig(normalized);
    } catch (e) {
      assert.instance(e, AwsError);
      continue;
    }
    const msg = r.chance(0.05) ? `${message(r)}\ud800${'x'.repeat(r.int(3) * 300_000)}` : fitting(r, generated[0]!);
    const out = transformLogEvent(normalized, msg, context);
    assert.ok(out.transformed === undefined || out.error === undefined);
    if (out.transformed !== undefined) JSON.parse(out.transformed);
  }
});

pure.run();
