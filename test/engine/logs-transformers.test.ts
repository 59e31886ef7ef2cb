import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DeleteTransformerCommand,
  GetTransformerCommand,
  PutTransformerCommand,
  TestTransformerCommand,
  type Processor,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, harness, rejects, type Harness } from '../helpers/harness.js';

const ARN = (name: string, region = 'us-east-1') => `arn:aws:logs:${region}:123456789012:log-group:${name}`;
const JSON_PARSER: Processor = { parseJSON: {} };

async function group(h: Harness, name: string, logGroupClass?: 'STANDARD' | 'INFREQUENT_ACCESS' | 'DELIVERY') {
  await h.logs.send(new CreateLogGroupCommand({ logGroupName: name, logGroupClass }));
}

const put = (h: Harness, logGroupIdentifier: string, transformerConfig: Processor[]) =>
  h.logs.send(new PutTransformerCommand({ logGroupIdentifier, transformerConfig }));

forEachTransport('logs transformers: put, get, delete', (test, h) => {
  test('put then get by name returns the stored configuration and its times', async () => {
    await group(h(), 'app');
    const config: Processor[] = [JSON_PARSER, { addKeys: { entries: [{ key: 'env', value: 'prod' }] } }];
    const before = h().engine.now();
    await put(h(), 'app', config);
    const got = await h().logs.send(new GetTransformerCommand({ logGroupIdentifier: 'app' }));
    assert.is(got.logGroupIdentifier, 'app');
    assert.equal(got.transformerConfig, config);
    assert.ok(got.creationTime! >= before && got.creationTime === got.lastModifiedTime, `${got.creationTime} ${got.lastModifiedTime}`);
  });

  test('a replacing put keeps the creation time and moves the modification time', async () => {
    await group(h(), 'app');
    await put(h(), 'app', [JSON_PARSER]);
    const first = await h().logs.send(new GetTransformerCommand({ logGroupIdentifier: 'app' }));
    await h().admin('POST /_engine/clock', { advanceSeconds: 60 });
    await put(h(), ARN('app'), [{ csv: {} }]);
    const second = await h().logs.send(new GetTransformerCommand({ logGroupIdentifier: ARN('app') }));
    assert.is(second.logGroupIdentifier, ARN('app'));
    assert.is(second.creationTime, first.creationTime);
    assert.ok(second.lastModifiedTime! >= first.lastModifiedTime! + 60_000);
    // AWS reads a csv processor back with its default delimiter and quote character.
    assert.equal(second.transformerConfig, [{ csv: { delimiter: ',', quoteCharacter: '"' } }]);
  });

  test('delete removes the transformer; a second delete and a get find none', async () => {
    await group(h(), 'app');
    await put(h(), 'app', [JSON_PARSER]);
    await h().logs.send(new DeleteTransformerCommand({ logGroupIdentifier: ARN('app') }));
    for (const call of [
      () => h().logs.send(new GetTransformerCommand({ logGroupIdentifier: 'app' })),
      () => h().logs.send(new DeleteTransformerCommand({ logGroupIdentifier: 'app' })),
    ]) {
      const err = await rejects(call);
      assert.is(err.name, 'ResourceNotFoundException');
      assert.is(err.message, 'The specified log group does not have a transformer.');
    }
  });

  test('every operation on a missing log group is ResourceNotFoundException', async () => {
    await group(h(), 'app');
    for (const id of ['missing', ARN('app', 'eu-west-1'), 'constructor', '__proto__']) {
      for (const call of [
        () => put(h(), id, [JSON_PARSER]),
        () => h().logs.send(new GetTransformerCommand({ logGroupIdentifier: id })),
        () => h().logs.send(new DeleteTransformerCommand({ logGroupIdentifier: id })),
      ]) {
        const err = await rejects(call);
        assert.is(err.name, 'ResourceNotFoundException', id);
        assert.is(err.message, 'The specified log group does not exist.');
      }
    }
  });

  test('only Standard-class log groups can have a transformer', async () => {
    await group(h(), 'ia', 'INFREQUENT_ACCESS');
    const err = await rejects(() => put(h(), 'ia', [JSON_PARSER]));
    assert.is(err.name, 'InvalidOperationException');
    assert.is(err.message, 'Transformers are supported only for log groups in the STANDARD log class; this log group is in the INFREQUENT_ACCESS class.');
  });

  test('deleting the log group deletes its transformer', async () => {
    await group(h(), 'app');
    await put(h(), 'app', [JSON_PARSER]);
    await h().logs.send(new DeleteLogGroupCommand({ logGroupName: 'app' }));
    await group(h(), 'app');
    const err = await rejects(() => h().logs.send(new GetTransformerCommand({ logGroupIdentifier: 'app' })));
    assert.is(err.name, 'ResourceNotFoundException');
  });

  test('a rejected put leaves the stored transformer as it was', async () => {
    await group(h(), 'app');
    await put(h(), 'app', [JSON_PARSER]);
    await rejects(() => put(h(), 'app', [{ addKeys: { entries: [{ key: 'k', value: 'v' }] } }]));
    const got = await h().logs.send(new GetTransformerCommand({ logGroupIdentifier: 'app' }));
    assert.equal(got.transformerConfig, [JSON_PARSER]);
  });
});

/** [what, configuration, AWS's error message]: each rule of "Create and manage log transformers" and the processors' own. */
const REJECTED: [string, Processor[], string][] = [
  ['an empty processor', [{}], 'Processor 1 of the transformer must specify exactly one processor type.'],
  ['a processor of two types', [JSON_PARSER, { parseJSON: {}, csv: {} }], 'Processor 2 of the transformer must specify exactly one processor type.'],
  ['no parser first', [{ addKeys: { entries: [{ key: 'k', value: 'v' }] } }, JSON_PARSER], 'The first processor in a transformer must be a parser; addKeys is not a parser.'],
  ['six parsers', [JSON_PARSER, JSON_PARSER, { csv: {} }, { parseKeyValue: {} }, JSON_PARSER, { grok: { match: '%{WORD:w}' } }], 'A transformer can include at most 5 parser-type processors; this one has 6.'],
  ['a vended parser after another parser', [JSON_PARSER, { parseVPC: {} }], 'The parseVPC processor must be the first processor in the transformer.'],
  ['two vended parsers', [{ parseWAF: {} }, { parseCloudfront: {} }], 'The parseCloudfront processor must be the first processor in the transformer.'],
  ['two grok processors', [{ grok: { match: '%{WORD:a}' } }, { grok: { match: '%{WORD:b}' } }], 'A transformer can include only one grok processor.'],
  ['two addKeys', [JSON_PARSER, { addKeys: { entries: [{ key: 'a', value: '1' }] } }, { addKeys: { entries: [{ key: 'b', value: '2' }] } }], 'A transformer can include only one addKeys processor.'],
  ['two copyValue', [JSON_PARSER, { copyValue: { entries: [{ source: 'a', target: 'b' }] } }, { copyValue: { entries: [{ source: 'a', target: 'c' }] } }], 'A transformer can include only one copyValue processor.'],
  ['two parseToOCSF', [{ parseToOCSF: { eventSource: 'CloudTrail', ocsfVersion: 'V1.1' } }, { parseToOCSF: { eventSource: 'AWSWAF', ocsfVersion: 'V1.1' } }], 'A transformer can include only one parseToOCSF processor.'],
  ['a vended parser reading a field', [{ parseRoute53: { source: 'field' } }], "Invalid source 'field': parsers of AWS vended logs accept only @message as the source."],
  ['parseJSON first reading a field', [{ parseJSON: { source: 'body' } }], 'When parseJSON is the first processor in a transformer, its source must be @message.'],
  ['a two-character csv delimiter', [{ csv: { delimiter: ';;' } }], "Invalid csv delimiter ';;': the delimiter must be a single character, \\t or \\s."],
  ['a key four levels deep', [JSON_PARSER, { addKeys: { entries: [{ key: 'a.b.c.d', value: 'v' }] } }], "The key 'a.b.c.d' in the addKeys processor is nested more than 3 levels deep."],
  ['a csv column four levels deep', [{ csv: { columns: ['ok', 'a.b.c.d'] } }], "The key 'a.b.c.d' in the csv processor is nested more than 3 levels deep."],
  ['flatten without flattenedElement', [JSON_PARSER, { listToMap: { source: 's', key: 'k', flatten: true } }], 'flattenedElement must be specified when flatten is true.'],
  ['a backreference to a missing group', [JSON_PARSER, { substituteString: { entries: [{ source: 's', from: '(a)', to: '$2' }] } }], "Invalid substituteString entry for source 's': No group 2."],
  ['a backreference to a missing named group', [JSON_PARSER, { substituteString: { entries: [{ source: 's', from: '(?P<x>a)', to: '${y}' }] } }], "Invalid substituteString entry for source 's': No group with name {y}."],
  ['a bare $ in the replacement', [JSON_PARSER, { substituteString: { entries: [{ source: 's', from: 'a', to: 'cost: $' }] } }], "Invalid substituteString entry for source 's': Illegal group reference."],
  ['eleven backreferences', [JSON_PARSER, { substituteString: { entries: [{ source: 's', from: '(a)(b)(c)(d)(e)(f)', to: '$1$2$3$4$5$6$1$2$3$4$5' }] } }], "Invalid substituteString entry for source 's': at most 10 backreferences are allowed."],
  ['a group referenced three times', [JSON_PARSER, { substituteString: { entries: [{ source: 's', from: '(a)', to: '$1$1$1' }] } }], "Invalid substituteString entry for source 's': a group can be referenced at most 2 times."],
  ['an unknown datetime pattern letter', [JSON_PARSER, { dateTimeConverter: { source: 's', target: 't', matchPatterns: ['yyyy-bb'] } }], "Invalid datetime pattern 'yyyy-bb': Unsupported pattern letter: b"],
  ['too many month letters', [JSON_PARSER, { dateTimeConverter: { source: 's', target: 't', matchPatterns: ['dd'], targetFormat: 'MMMMMM' } }], "Invalid datetime pattern 'MMMMMM': Too many pattern letters: M"],
  ['an unterminated literal', [JSON_PARSER, { dateTimeConverter: { source: 's', target: 't', matchPatterns: ["yyyy'T"] } }], "Invalid datetime pattern 'yyyy'T': Pattern ends with an incomplete string literal: yyyy'T"],
  ['an unknown time zone', [JSON_PARSER, { dateTimeConverter: { source: 's', target: 't', matchPatterns: ['yyyy'], sourceTimezone: 'Mars/Olympus' } }], "Invalid sourceTimezone 'Mars/Olympus': not a supported time zone ID."],
  ['an invalid locale', [JSON_PARSER, { dateTimeConverter: { source: 's', target: 't', matchPatterns: ['yyyy'], locale: 'not a locale' } }], "Invalid locale 'not a locale'."],
  ['a mapping version with OCSF 1.1', [{ parseToOCSF: { eventSource: 'VPCFlow', ocsfVersion: 'V1.1', mappingVersion: '1.5.0' } }], 'mappingVersion is not supported when ocsfVersion is V1.1.'],
  ['an unknown mapping version', [{ parseToOCSF: { eventSource: 'VPCFlow', ocsfVersion: 'V1.5', mappingVersion: '9.9' } }], "Unsupported mappingVersion '9.9' for ocsfVersion V1.5. Supported versions: 1.5.0."],
];

forEachTransport('logs transformers: configuration rules', (test, h) => {
  test('PutTransformer and TestTransformer reject each rule with InvalidParameterException', async () => {
    await group(h(), 'app');
    for (const [what, config, message] of REJECTED) {
      for (const call of [() => put(h(), 'app', config), () => h().logs.send(new TestTransformerCommand({ transformerConfig: config, logEventMessages: ['x'] }))]) {
        const err = await rejects(call);
        assert.is(err.name, 'InvalidParameterException', what);
        assert.is(err.message, message, what);
      }
    }
  });

  test('an invalid regular expression is InvalidParameterException naming the entry', async () => {
    await group(h(), 'app');
    const err = await rejects(() => put(h(), 'app', [JSON_PARSER, { substituteString: { entries: [{ source: 's', from: '(unclosed', to: 'x' }] } }]));
    assert.is(err.name, 'InvalidParameterException');
    assert.match(err.message, /^Invalid substituteString entry for source 's': Invalid regular expression/);
  });

  test('the model limits are validated before any rule: 21 processors, 51 messages', async () => {
    await group(h(), 'app');
    const tooMany = await rejects(() => put(h(), 'app', Array(21).fill(JSON_PARSER)));
    assert.is(tooMany.name, 'InvalidParameterException');
    assert.match(tooMany.message, /^1 validation error detected: Value .* at 'transformerConfig' failed to satisfy constraint: Member must have length less than or equal to 20$/);
    const messages = await rejects(() => h().logs.send(new TestTransformerCommand({ transformerConfig: [JSON_PARSER], logEventMessages: Array(51).fill('x') })));
    assert.match(messages.message, /at 'logEventMessages' failed to satisfy constraint: Member must have length less than or equal to 50$/);
  });

  test('what Terraform acceptance tests showed AWS to accept is accepted', async () => {
    await group(h(), 'app');
    const accepted: Processor[][] = [
      [{ grok: { match: 'pattern', source: 'source1' } }],
      [{ csv: {} }, { csv: { columns: ['example1', 'example2'], delimiter: ';', quoteCharacter: "'", source: 'source1' } }],
      [JSON_PARSER, { parseJSON: { destination: 'destination1', source: 'source1' } }],
      [{ parseKeyValue: {} }, { parseKeyValue: { destination: 'd', fieldDelimiter: ';', keyPrefix: 'p', keyValueDelimiter: ':', nonMatchValue: 'n', overwriteIfExists: true, source: 's' } }],
      [{ parseCloudfront: { source: '@message' } }],
      [{ parseToOCSF: { eventSource: 'Route53Resolver', ocsfVersion: 'V1.1', source: '@message' } }],
      [JSON_PARSER, { dateTimeConverter: { matchPatterns: ["yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"], source: 'source2', target: 'target2', locale: 'en', sourceTimezone: 'Europe/Paris', targetFormat: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", targetTimezone: 'America/Chicago' } }],
      [JSON_PARSER, { listToMap: { key: 'key1', source: 'source1' } }, { listToMap: { key: 'key2', source: 'source2', flatten: true, flattenedElement: 'first', target: 'target1', valueKey: 'valueKey1' } }],
    ];
    for (const config of accepted) await put(h(), 'app', config);
  });
});

const persisted = suite('logs transformers: persistence');
for (const transport of ['in-process', 'http'] as const) {
  persisted(`a transformer survives an engine restart on the same state dir [${transport}]`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-transformers-'));
    try {
      const config: Processor[] = [{ grok: { match: '%{IP:ip} %{GREEDYDATA:rest}' } }, { typeConverter: { entries: [{ key: 'n', type: 'integer' }] } }];
      let h = await harness(transport, { stateDir: dir });
      await group(h, 'kept');
      await put(h, 'kept', config);
      const before = await h.logs.send(new GetTransformerCommand({ logGroupIdentifier: 'kept' }));
      await h.close();
      h = await harness(transport, { stateDir: dir });
      const after = await h.logs.send(new GetTransformerCommand({ logGroupIdentifier: 'kept' }));
      assert.equal(after.transformerConfig, config);
      assert.is(after.creationTime, before.creationTime);
      assert.is(after.lastModifiedTime, before.lastModifiedTime);
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
persisted.run();
