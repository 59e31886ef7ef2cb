import * as assert from 'uvu/assert';
import { TestTransformerCommand, type Processor } from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, type Harness } from '../helpers/harness.js';

/**
 * Every processor through TestTransformer, with the documented examples of "Processors that you
 * can use" as golden cases: the example's log event in, the example's transformed event out
 * (as an exact string where the documented key order is the processor's own).
 */

async function transform(h: Harness, transformerConfig: Processor[], message: string): Promise<string | undefined> {
  const out = await h.logs.send(new TestTransformerCommand({ transformerConfig, logEventMessages: [message] }));
  return out.transformedLogs![0]!.transformedEventMessage;
}

const json = (v: unknown) => JSON.stringify(v);
const NESTED = json({ outer_key: { inner_key: 'inner_value' } });
const LIST = json({
  outer_key: [
    { inner_key: 'a', inner_value: 'val-a' }, { inner_key: 'b', inner_value: 'val-b1' },
    { inner_key: 'b', inner_value: 'val-b2' }, { inner_key: 'c', inner_value: 'val-c' },
  ],
});

forEachTransport('logs transformers: processors', (test, h) => {
  test('TestTransformer numbers the events from 1 and echoes them (the AWS CLI example)', async () => {
    const message = '293750 server-01.internal-network.local OK "[Thread-000] token generated"';
    const out = await h().logs.send(new TestTransformerCommand({
      transformerConfig: [
        { grok: { source: '@message', match: '%{NUMBER:version} %{HOSTNAME:hostname} %{NOTSPACE:status} %{QUOTEDSTRING:logMsg}' } },
        { addKeys: { entries: [{ key: 'environment', value: 'Prd-Application-01', overwriteIfExists: false }] } },
      ],
      logEventMessages: [message, 'not matching'],
    }));
    assert.equal(out.transformedLogs, [
      {
        eventNumber: 1,
        eventMessage: message,
        transformedEventMessage: '{"version":"293750","hostname":"server-01.internal-network.local","status":"OK","logMsg":"[Thread-000] token generated","environment":"Prd-Application-01"}',
      },
      { eventNumber: 2, eventMessage: 'not matching' },
    ]);
  });

  test('parseJSON: under a destination, or merged into the root', async () => {
    assert.is(await transform(h(), [{ parseJSON: { destination: 'new_key' } }], NESTED), '{"new_key":{"outer_key":{"inner_key":"inner_value"}}}');
    assert.is(await transform(h(), [{ parseJSON: {} }], '{"b":1,"a":[true,null,2.50,1e2],"10":"x"}'), '{"b":1,"a":[true,null,2.5,100.0],"10":"x"}');
    assert.is(await transform(h(), [{ parseJSON: {} }], 'not json'), undefined);
    assert.is(await transform(h(), [{ parseJSON: {} }], '[1,2]'), undefined);
  });

  test('parseJSON of a field parsed before', async () => {
    const out = await transform(h(), [{ parseJSON: {} }, { parseJSON: { source: 'inner', destination: 'parsed' } }], json({ inner: '{"x":1}' }));
    assert.is(out, '{"inner":"{\\"x\\":1}","parsed":{"x":1}}');
  });

  test('csv: the documented example, named columns, a destination, and \\t', async () => {
    assert.is(await transform(h(), [{ csv: { delimiter: ':', quoteCharacter: "'" } }], "'Akua Mansa':28:'New York: USA'"), '{"column_1":"Akua Mansa","column_2":"28","column_3":"New York: USA"}');
    assert.is(await transform(h(), [{ csv: { columns: ['name', 'age'], destination: 'person' } }], '"Doe, ""JD"" Jane",41,extra'), '{"person":{"name":"Doe, \\"JD\\" Jane","age":"41","column_3":"extra"}}');
    assert.is(await transform(h(), [{ csv: { delimiter: '\\t' } }], 'a\tb c'), '{"column_1":"a","column_2":"b c"}');
    assert.is(await transform(h(), [{ csv: { delimiter: '\\s' } }], 'a b'), '{"column_1":"a","column_2":"b"}');
    assert.is(await transform(h(), [{ csv: { columns: ['name.first', 'name.last'] } }], 'Akua,Mansa'), '{"name":{"first":"Akua","last":"Mansa"}}');
  });

  test('parseKeyValue: the documented example; defaults & and =; a pair without = is null', async () => {
    const config: Processor[] = [{ parseKeyValue: { destination: 'new_key', fieldDelimiter: '!', keyValueDelimiter: ':', nonMatchValue: 'defaultValue', keyPrefix: 'parsed_' } }];
    assert.is(await transform(h(), config, 'key1:value1!key2:value2!key3:value3!key4'), '{"new_key":{"parsed_key1":"value1","parsed_key2":"value2","parsed_key3":"value3","parsed_key4":"defaultValue"}}');
    assert.is(await transform(h(), [{ parseKeyValue: {} }], 'a=1&b=x=y&flag&a=2'), '{"a":["1","2"],"b":"x=y","flag":null}');
  });

  test('parseKeyValue keeps existing keys unless overwriteIfExists', async () => {
    const message = json({ a: 'old', kv: 'a=new' });
    assert.is(await transform(h(), [{ parseJSON: {} }, { parseKeyValue: { source: 'kv' } }], message), '{"a":"old","kv":"a=new"}');
    assert.is(await transform(h(), [{ parseJSON: {} }, { parseKeyValue: { source: 'kv', overwriteIfExists: true } }], message), '{"a":"new","kv":"a=new"}');
  });

  test('parseWAF: headers and labels become objects, as documented', async () => {
    const log = {
      timestamp: 1576280412771, formatVersion: 1,
      webaclId: 'arn:aws:wafv2:ap-southeast-2:111122223333:regional/webacl/STMTest/1EXAMPLE-2ARN-3ARN-4ARN-123456EXAMPLE',
      terminatingRuleId: 'STMTest_SQLi_XSS', terminatingRuleType: 'REGULAR', action: 'BLOCK',
      terminatingRuleMatchDetails: [{ conditionType: 'SQL_INJECTION', sensitivityLevel: 'HIGH', location: 'HEADER', matchedData: ['10', 'AND', '1'] }],
      httpSourceName: '-', httpSourceId: '-', ruleGroupList: [], rateBasedRuleList: [], nonTerminatingMatchingRules: [],
      httpRequest: {
        clientIp: '1.1.1.1', country: 'AU',
        headers: [{ name: 'Host', value: 'localhost:1989' }, { name: 'User-Agent', value: 'curl/7.61.1' }, { name: 'Accept', value: '*/*' }, { name: 'x-stm-test', value: '10 AND 1=1' }],
        uri: '/myUri', args: '', httpVersion: 'HTTP/1.1', httpMethod: 'GET', requestId: 'rid',
      },
      labels: [{ name: 'value' }],
    };
    const { httpRequest, labels, ...rest } = log;
    const { headers, ...request } = httpRequest;
    const expected = {
      httpRequest: { headers: Object.fromEntries(headers.map((x) => [x.name, x.value])), ...request },
      labels: { name: 'value' },
      ...rest,
    };
    assert.is(await transform(h(), [{ parseWAF: {} }], json(log)), json(expected));
  });

  test('parsePostgres', async () => {
    const line = '2019-03-10 03:54:59 UTC:10.0.0.123(52834):postgres@logtestdb:[20175]:ERROR: column "wrong_column_name" does not exist at character 8';
    assert.is(await transform(h(), [{ parsePostgres: {} }], line), '{"logTime":"2019-03-10 03:54:59 UTC","srcIp":"10.0.0.123(52834)","userName":"postgres","dbName":"logtestdb","processId":"20175","logLevel":"ERROR"}');
  });

  test('parseCloudfront: decoded values, integers and doubles as numbers', async () => {
    const line = '2019-12-04  21:02:31   LAX1   392    192.0.2.24    GET    d111111abcdef8.cloudfront.net  /index.html    200    -  Mozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)%20Chrome/78.0.3904.108%20Safari/537.36  -  -  Hit    SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==   d111111abcdef8.cloudfront.net  https  23 0.001  -  TLSv1.2    ECDHE-RSA-AES128-GCM-SHA256    Hit    HTTP/2.0   -  -  11040  0.001  Hit    text/html  78 -  -';
    assert.is(await transform(h(), [{ parseCloudfront: {} }], line), json({
      date: '2019-12-04', time: '21:02:31', 'x-edge-location': 'LAX1', 'sc-bytes': 392, 'c-ip': '192.0.2.24', 'cs-method': 'GET',
      'cs(Host)': 'd111111abcdef8.cloudfront.net', 'cs-uri-stem': '/index.html', 'sc-status': 200, 'cs(Referer)': '-',
      'cs(User-Agent)': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Safari/537.36',
      'cs-uri-query': '-', 'cs(Cookie)': '-', 'x-edge-result-type': 'Hit', 'x-edge-request-id': 'SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==',
      'x-host-header': 'd111111abcdef8.cloudfront.net', 'cs-protocol': 'https', 'cs-bytes': 23, 'time-taken': 0.001, 'x-forwarded-for': '-',
      'ssl-protocol': 'TLSv1.2', 'ssl-cipher': 'ECDHE-RSA-AES128-GCM-SHA256', 'x-edge-response-result-type': 'Hit', 'cs-protocol-version': 'HTTP/2.0',
      'fle-status': '-', 'fle-encrypted-fields': '-', 'c-port': 11040, 'time-to-first-byte': 0.001, 'x-edge-detailed-result-type': 'Hit',
      'sc-content-type': 'text/html', 'sc-content-len': 78, 'sc-range-start': '-', 'sc-range-end': '-',
    }));
  });

  test('parseRoute53: the version stays a decimal (1.0)', async () => {
    const line = '1.0 2017-12-13T08:15:50.235Z Z123412341234 example.com AAAA NOERROR TCP IAD12 192.0.2.0 198.51.100.0/24';
    assert.is(await transform(h(), [{ parseRoute53: {} }], line), '{"version":1.0,"queryTimestamp":"2017-12-13T08:15:50.235Z","hostZoneId":"Z123412341234","queryName":"example.com","queryType":"AAAA","responseCode":"NOERROR","protocol":"TCP","edgeLocation":"IAD12","resolverIp":"192.0.2.0","ednsClientSubnet":"198.51.100.0/24"}');
  });

  test('parseVPC', async () => {
    const line = '2 123456789010 eni-abc123de 192.0.2.0 192.0.2.24 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK';
    assert.is(await transform(h(), [{ parseVPC: {} }], line), '{"version":2,"accountId":"123456789010","interfaceId":"eni-abc123de","srcAddr":"192.0.2.0","dstAddr":"192.0.2.24","srcPort":20641,"dstPort":22,"protocol":6,"packets":20,"bytes":4249,"start":1418530010,"end":1418530070,"action":"ACCEPT","logStatus":"OK"}');
    assert.is(await transform(h(), [{ parseVPC: {} }], 'not a flow log'), undefined);
  });

  test('lowerCaseString, upperCaseString, trimString', async () => {
    assert.is(await transform(h(), [{ parseJSON: {} }, { lowerCaseString: { withKeys: ['outer_key.inner_key'] } }], json({ outer_key: { inner_key: 'INNER_VALUE' } })), NESTED);
    assert.is(await transform(h(), [{ parseJSON: {} }, { upperCaseString: { withKeys: ['outer_key.inner_key'] } }], NESTED), '{"outer_key":{"inner_key":"INNER_VALUE"}}');
    assert.is(await transform(h(), [{ parseJSON: {} }, { trimString: { withKeys: ['outer_key.inner_key'] } }], json({ outer_key: { inner_key: '   inner_value  ' } })), NESTED);
  });

  test('splitString: one character, or several', async () => {
    assert.is(await transform(h(), [{ parseJSON: {} }, { splitString: { entries: [{ source: 'outer_key.inner_key', delimiter: '_' }] } }], NESTED), '{"outer_key":{"inner_key":["inner","value"]}}');
    const items = json({ outer_key: { inner_key: 'item1, item2, item3' } });
    assert.is(await transform(h(), [{ parseJSON: {} }, { splitString: { entries: [{ source: 'outer_key.inner_key', delimiter: ', ' }] } }], items), '{"outer_key":{"inner_key":["item1","item2","item3"]}}');
  });

  test('substituteString: both documented examples (escapes, numbered and named groups)', async () => {
    const one = json({ outer_key: { inner_key1: '[]', inner_key2: '123-345-567', inner_key3: 'A cat takes a catnap.' } });
    assert.is(await transform(h(), [{ parseJSON: {} }, {
      substituteString: { entries: [
        { source: 'outer_key.inner_key1', from: '\\[\\]', to: 'value1' },
        { source: 'outer_key.inner_key2', from: '[0-9]{3}-[0-9]{3}-[0-9]{3}', to: 'xxx-xxx-xxx' },
        { source: 'outer_key.inner_key3', from: 'cat', to: 'dog' },
      ] },
    }], one), '{"outer_key":{"inner_key1":"value1","inner_key2":"xxx-xxx-xxx","inner_key3":"A dog takes a dognap."}}');
    const two = json({ outer_key: { inner_key1: 'Tom, Dick, and Harry', inner_key2: 'arn:aws:sts::123456789012:assumed-role/MyImportantRole/MySession' } });
    assert.is(await transform(h(), [{ parseJSON: {} }, {
      substituteString: { entries: [
        { source: 'outer_key.inner_key1', from: '(\\w+), (\\w+), and (\\w+)', to: '$1 and $3' },
        { source: 'outer_key.inner_key2', from: '^arn:aws:sts::(?P<account_id>\\d{12}):assumed-role/(?P<role_name>[\\w+=,.@-]+)/(?P<role_session_name>[\\w+=,.@-]+)$', to: '${account_id}:${role_name}:${role_session_name}' },
      ] },
    }], two), '{"outer_key":{"inner_key1":"Tom and Harry","inner_key2":"123456789012:MyImportantRole:MySession"}}');
  });

  test('addKeys, deleteKeys', async () => {
    assert.is(await transform(h(), [{ parseJSON: {} }, { addKeys: { entries: [{ key: 'outer_key.new_key', value: 'new_value' }] } }], NESTED), '{"outer_key":{"inner_key":"inner_value","new_key":"new_value"}}');
    assert.is(await transform(h(), [{ parseJSON: {} }, { addKeys: { entries: [{ key: 'outer_key.inner_key', value: 'x' }] } }], NESTED), NESTED);
    assert.is(await transform(h(), [{ parseJSON: {} }, { addKeys: { entries: [{ key: 'outer_key.inner_key', value: 'x', overwriteIfExists: true }] } }], NESTED), '{"outer_key":{"inner_key":"x"}}');
    assert.is(await transform(h(), [{ parseJSON: {} }, { deleteKeys: { withKeys: ['outer_key.inner_key'] } }], NESTED), '{"outer_key":{}}');
  });

  test('moveKeys into an existing object; renameKeys', async () => {
    const two = json({ outer_key1: { inner_key1: 'inner_value1' }, outer_key2: { inner_key2: 'inner_value2' } });
    assert.is(await transform(h(), [{ parseJSON: {} }, { moveKeys: { entries: [{ source: 'outer_key1.inner_key1', target: 'outer_key2' }] } }], two), '{"outer_key1":{},"outer_key2":{"inner_key2":"inner_value2","inner_key1":"inner_value1"}}');
    assert.is(await transform(h(), [{ parseJSON: {} }, { renameKeys: { entries: [{ key: 'outer_key', renameTo: 'new_key' }] } }], NESTED), '{"new_key":{"inner_key":"inner_value"}}');
    assert.is(await transform(h(), [{ parseJSON: {} }, { renameKeys: { entries: [{ key: 'a', renameTo: 'b' }] } }], '{"a":1,"b":2}'), '{"a":1,"b":2}');
    assert.is(await transform(h(), [{ parseJSON: {} }, { renameKeys: { entries: [{ key: 'a', renameTo: 'b', overwriteIfExists: true }] } }], '{"a":1,"b":2}'), '{"b":1}');
  });

  test('copyValue: fields, and the metadata keys TestTransformer knows (account and Region)', async () => {
    const out = await transform(h(), [{ parseJSON: {} }, {
      copyValue: { entries: [
        { source: 'outer_key.inner_key', target: 'new_key' }, { source: '@logGroupName', target: 'log_group_name' },
        { source: '@accountId', target: 'account_id' }, { source: '@regionName', target: 'region_name' },
      ] },
    }], NESTED);
    // No log group or stream in a test: those metadata keys have nothing to copy.
    assert.is(out, '{"outer_key":{"inner_key":"inner_value"},"new_key":"inner_value","account_id":"123456789012","region_name":"us-east-1"}');
  });

  test('listToMap: the three documented use cases', async () => {
    const map = (flatten: boolean, flattenedElement?: 'first' | 'last') => transform(h(), [{ parseJSON: {} }, { listToMap: { source: 'outer_key', key: 'inner_key', valueKey: 'inner_value', flatten, flattenedElement } }], LIST);
    const list = LIST.slice(0, -1);
    assert.is(await map(false), `${list},"a":["val-a"],"b":["val-b1","val-b2"],"c":["val-c"]}`);
    assert.is(await map(true, 'first'), `${list},"a":"val-a","b":"val-b1","c":"val-c"}`);
    assert.is(await map(true, 'last'), `${list},"a":"val-a","b":"val-b2","c":"val-c"}`);
    const objects = await transform(h(), [{ parseJSON: {} }, { listToMap: { source: 'outer_key', key: 'inner_key', target: 'by_key', flatten: true, flattenedElement: 'first' } }], LIST);
    assert.equal(JSON.parse(objects!).by_key.b, { inner_key: 'b', inner_value: 'val-b1' });
  });

  test('typeConverter: the documented example, and every type', async () => {
    assert.is(await transform(h(), [{ parseJSON: {} }, { typeConverter: { entries: [{ key: 'status', type: 'integer' }] } }], '{"name":"value","status":"200"}'), '{"name":"value","status":200}');
    const all = await transform(h(), [{ parseJSON: {} }, {
      typeConverter: { entries: [{ key: 'i', type: 'double' }, { key: 'd', type: 'integer' }, { key: 'b', type: 'boolean' }, { key: 's', type: 'string' }, { key: 'n', type: 'string' }] },
    }], '{"i":"2","d":3.9,"b":"TRUE","s":1.0,"n":7}');
    assert.is(all, '{"i":2.0,"d":3,"b":true,"s":"1.0","n":"7"}');
    assert.is(await transform(h(), [{ parseJSON: {} }, { typeConverter: { entries: [{ key: 'x', type: 'integer' }] } }], '{"x":"12a"}'), undefined);
  });

  test('dateTimeConverter: the documented German example converts between the zones', async () => {
    const out = await transform(h(), [{ parseJSON: {} }, {
      dateTimeConverter: {
        source: 'german_datetime', target: 'target_1', locale: 'de', matchPatterns: ['EEEE dd. MMMM yyyy HH:mm:ss'],
        sourceTimezone: 'Europe/Berlin', targetTimezone: 'America/New_York', targetFormat: "yyyy-MM-dd'T'HH:mm:ss",
      },
    }], '{"german_datetime": "Samstag 05. Dezember 1998 11:00:00"}');
    // The guide shows 17:00 MEZ, which is 11:00 New York time in Berlin: its zones are swapped.
    // 11:00 in Berlin (UTC+1) is 05:00 in New York (UTC-5).
    assert.is(out, '{"german_datetime":"Samstag 05. Dezember 1998 11:00:00","target_1":"1998-12-05T05:00:00"}');
  });

  test('dateTimeConverter: defaults, the first matching pattern, offsets in the text, a missing year', async () => {
    const convert = (config: object, message: string) => transform(h(), [{ parseJSON: {} }, { dateTimeConverter: { source: 't', target: 'out', ...config } as never }], message);
    assert.is(await convert({ matchPatterns: ['dd/MM/yyyy', "yyyy-MM-dd'T'HH:mm:ssXXX"] }, '{"t":"2024-02-29T23:30:00+02:00"}'), '{"t":"2024-02-29T23:30:00+02:00","out":"2024-02-29T21:30:00.000Z"}');
    const yearBefore = new Date(h().engine.now()).getUTCFullYear();
    const noYear = await convert({ matchPatterns: ['MMM d HH:mm:ss.SSS'], sourceTimezone: 'America/Chicago', targetFormat: 'yyyy/MM/dd hh:mm:ss a xxx', targetTimezone: 'Asia/Kolkata' }, '{"t":"Jul 4 09:15:00.250"}');
    const years = new Set([yearBefore, new Date(h().engine.now()).getUTCFullYear()]);
    assert.ok([...years].some((y) => noYear === `{"t":"Jul 4 09:15:00.250","out":"${y}/07/04 07:45:00 PM +05:30"}`), noYear);
    assert.is(await convert({ matchPatterns: ['yyyy-MM-dd'] }, '{"t":"2024-02-30"}'), undefined);
  });
});
