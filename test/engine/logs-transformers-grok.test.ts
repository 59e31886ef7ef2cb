import * as assert from 'uvu/assert';
import { TestTransformerCommand } from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects, type Harness } from '../helpers/harness.js';

/**
 * The grok processor against every example of "Supported grok patterns" (input, pattern, output),
 * the grok examples and the common log format examples of the processors page, and the grok rules.
 */

/** [pattern, input, expected fields] straight from the documented tables. */
const TABLE: [string, string, Record<string, string>][] = [
  ['%{USERNAME:name}', 'user123.name-TEST', { name: 'user123.name-TEST' }],
  ['%{USER:name}', 'user123.name-TEST', { name: 'user123.name-TEST' }],
  ['%{INT:num}', '-456', { num: '-456' }],
  ['%{BASE10NUM:num}', '-0.67', { num: '-0.67' }],
  ['%{BASE16NUM:num}', '+0xA1B2', { num: '+0xA1B2' }],
  ['%{POSINT:num}', '123', { num: '123' }],
  ['%{NONNEGINT:num}', '007', { num: '007' }],
  ['%{WORD:user}', 'user_123', { user: 'user_123' }],
  ['%{NOTSPACE:msg}', 'hello_world123', { msg: 'hello_world123' }],
  ['%{SPACE:extra}', ' ', { extra: ' ' }],
  ['%{DATA:x} %{DATA:y}', 'abc def ghi', { x: 'abc', y: 'def ghi' }],
  ['%{GREEDYDATA:x} %{GREEDYDATA:y}', 'abc def ghi', { x: 'abc def', y: 'ghi' }],
  ['%{GREEDYDATA_MULTILINE:data}', 'abc\ndef\nghi', { data: 'abc\ndef\nghi' }],
  ['%{QUOTEDSTRING:msg}', '"Hello, world!"', { msg: 'Hello, world!' }],
  ['%{UUID:id}', '550e8400-e29b-41d4-a716-446655440000', { id: '550e8400-e29b-41d4-a716-446655440000' }],
  ['%{URN:urn}', 'urn:isbn:0451450523', { urn: 'urn:isbn:0451450523' }],
  ['%{ARN:arn}', 'arn:aws:iam:us-east-1:123456789012:user/johndoe', { arn: 'arn:aws:iam:us-east-1:123456789012:user/johndoe' }],
  ['%{CISCOMAC:MacAddress}', '0123.4567.89AB', { MacAddress: '0123.4567.89AB' }],
  ['%{WINDOWSMAC:MacAddress}', '01-23-45-67-89-AB', { MacAddress: '01-23-45-67-89-AB' }],
  ['%{COMMONMAC:MacAddress}', '01:23:45:67:89:AB', { MacAddress: '01:23:45:67:89:AB' }],
  ['%{MAC:m1}', '01:23:45:67:89:AB', { m1: '01:23:45:67:89:AB' }],
  ['%{IPV6:ip}', '2001:db8:3333:4444:5555:6666:7777:8888', { ip: '2001:db8:3333:4444:5555:6666:7777:8888' }],
  ['%{IPV4:ip}', '192.168.0.1', { ip: '192.168.0.1' }],
  ['%{IP:ip}', '192.168.0.1', { ip: '192.168.0.1' }],
  ['%{HOST:host}', 'server-01.internal-network.local', { host: 'server-01.internal-network.local' }],
  ['%{IPORHOST:ip}', '2001:db8:3333:4444:5555:6666:7777:8888', { ip: '2001:db8:3333:4444:5555:6666:7777:8888' }],
  ['%{HOSTPORT:ip}', '192.168.1.1:8080', { ip: '192.168.1.1:8080', PORT: '8080' }],
  ['%{URIHOST:host} %{URIHOST:ip}', 'example.com:443 10.0.0.1', { host: 'example.com:443', port: '443', ip: '10.0.0.1' }],
  ['%{UNIXPATH:path}', '/search?q=regex', { path: '/search?q=regex' }],
  ['%{WINPATH:path}', 'C:\\Users\\John\\Documents\\file.txt', { path: 'C:\\Users\\John\\Documents\\file.txt' }],
  ['%{PATH:path}', '/search?q=regex', { path: '/search?q=regex' }],
  ['%{TTY:path}', '/dev/tty1', { path: '/dev/tty1' }],
  ['%{URIPROTO:protocol}', 'web+transformer', { protocol: 'web+transformer' }],
  ['%{URIPATH:path}', '/category/sub-category/product_name', { path: '/category/sub-category/product_name' }],
  ['%{URIPARAM:url}', '?param1=value1&param2=value2', { url: '?param1=value1&param2=value2' }],
  ['%{URIPATHPARAM:path}', '/category/sub-category/product?id=12345&color=red', { path: '/category/sub-category/product?id=12345&color=red' }],
  ['%{URI:uri}', 'https://user:password@example.com/path/to/resource?param1=value1&param2=value2', { uri: 'https://user:password@example.com/path/to/resource?param1=value1&param2=value2' }],
  ['%{MONTH:month}', 'Jan', { month: 'Jan' }],
  ['%{MONTH:month}', 'January', { month: 'January' }],
  ['%{MONTHNUM:month}', '5', { month: '5' }],
  ['%{MONTHNUM:month}', '05', { month: '05' }],
  ['%{MONTHNUM2:month}', '05', { month: '05' }],
  ['%{MONTHDAY:monthDay}', '31', { monthDay: '31' }],
  ['%{YEAR:year}', '2024', { year: '2024' }],
  ['%{YEAR:year}', '24', { year: '24' }],
  ['%{DAY:day}', 'Tuesday', { day: 'Tuesday' }],
  ['%{HOUR:hour}', '22', { hour: '22' }],
  ['%{MINUTE:min}', '59', { min: '59' }],
  ['%{SECOND:second}', '3', { second: '3' }],
  ['%{SECOND:minSec}', '30.5', { minSec: '30.5' }],
  ['%{SECOND:minSec}', '30:5', { minSec: '30:5' }],
  ['%{TIME:time}', '09:45:32', { time: '09:45:32' }],
  ['%{DATE_US:date}', '11/23/2024', { date: '11/23/2024' }],
  ['%{DATE_US:date}', '1-01-24', { date: '1-01-24' }],
  ['%{DATE_EU:date}', '23/11/2024', { date: '23/11/2024' }],
  ['%{DATE_EU:date}', '1.01.24', { date: '1.01.24' }],
  ['%{ISO8601_TIMEZONE:tz}', '+05:30', { tz: '+05:30' }],
  ['%{ISO8601_TIMEZONE:tz}', '-530', { tz: '-530' }],
  ['%{ISO8601_TIMEZONE:tz}', 'Z', { tz: 'Z' }],
  ['%{ISO8601_SECOND:second}', '60', { second: '60' }],
  ['%{TIMESTAMP_ISO8601:timestamp}', '2023-05-15T14:30:00+05:30', { timestamp: '2023-05-15T14:30:00+05:30' }],
  ['%{TIMESTAMP_ISO8601:timestamp}', '23-5-1T1:25+5:30', { timestamp: '23-5-1T1:25+5:30' }],
  ['%{TIMESTAMP_ISO8601:timestamp}', '23-5-1T1:25Z', { timestamp: '23-5-1T1:25Z' }],
  ['%{DATE:date}', '11/29/2024', { date: '11/29/2024' }],
  ['%{DATE:date}', '29.11.2024', { date: '29.11.2024' }],
  ['%{DATESTAMP:dateTime}', '29-11-2024 14:30:00', { dateTime: '29-11-2024 14:30:00' }],
  ['%{TZ:tz}', 'PDT', { tz: 'PDT' }],
  ['%{DATESTAMP_RFC822:dateTime}', 'Monday Jan 5 23 1:30:00 CDT', { dateTime: 'Monday Jan 5 23 1:30:00 CDT' }],
  ['%{DATESTAMP_RFC822:dateTime}', 'Mon January 15 2023 14:30:00 PST', { dateTime: 'Mon January 15 2023 14:30:00 PST' }],
  ['%{DATESTAMP_RFC2822:dateTime}', 'Mon, 15 May 2023 14:30:00 +0530', { dateTime: 'Mon, 15 May 2023 14:30:00 +0530' }],
  ['%{DATESTAMP_RFC2822:dateTime}', 'Monday, 15 Jan 23 14:30:00 Z', { dateTime: 'Monday, 15 Jan 23 14:30:00 Z' }],
  ['%{DATESTAMP_OTHER:dateTime}', 'Mon May 15 14:30:00 PST 2023', { dateTime: 'Mon May 15 14:30:00 PST 2023' }],
  ['%{DATESTAMP_EVENTLOG:dateTime}', '20230515143000', { dateTime: '20230515143000' }],
  ['%{LOGLEVEL:logLevel}', 'INFO', { logLevel: 'INFO' }],
  ['%{HTTPDATE:date}', '23/Nov/2024:14:30:00 +0640', { date: '23/Nov/2024:14:30:00 +0640' }],
  ['%{SYSLOGTIMESTAMP:dateTime}', 'Nov 29 14:30:00', { dateTime: 'Nov 29 14:30:00' }],
  ['%{PROG:program}', 'user.profile/settings-page', { program: 'user.profile/settings-page' }],
  ['%{SYSLOGPROG:programWithId}', 'user.profile/settings-page[1234]', { programWithId: 'user.profile/settings-page[1234]', program: 'user.profile/settings-page', pid: '1234' }],
  ['%{SYSLOGHOST:ip}', '2001:db8:3333:4444:5555:6666:7777:8888', { ip: '2001:db8:3333:4444:5555:6666:7777:8888' }],
  ['%{SYSLOGFACILITY:syslog}', '<13.6>', { syslog: '<13.6>', facility: '13', priority: '6' }],
];

async function grok(h: Harness, match: string, messages: string[], source?: string) {
  const out = await h.logs.send(new TestTransformerCommand({ transformerConfig: [{ grok: { match, source } }], logEventMessages: messages }));
  return out.transformedLogs!.map((r) => r.transformedEventMessage);
}

forEachTransport('logs transformers: grok', (test, h) => {
  test('every example of the supported grok patterns table', async () => {
    for (const [match, input, expected] of TABLE) {
      const [out] = await grok(h(), match, [input]);
      assert.equal(out === undefined ? undefined : JSON.parse(out), expected, `${match} on ${JSON.stringify(input)}`);
    }
  });

  test('example 1: fields from unstructured logs, in pattern order', async () => {
    const [a] = await grok(h(), '%{NUMBER:version} %{HOSTNAME:hostname} %{NOTSPACE:status} %{QUOTEDSTRING:logMsg}', ['293750 server-01.internal-network.local OK "[Thread-000] token generated"']);
    assert.is(a, '{"version":"293750","hostname":"server-01.internal-network.local","status":"OK","logMsg":"[Thread-000] token generated"}');
    const [b] = await grok(h(), '%{HTTPDATE:timestamp} %{IPORHOST:clientip} %{NUMBER:response_status}', ['23/Nov/2024:10:25:15 -0900 172.16.0.1 200']);
    assert.is(b, '{"timestamp":"23/Nov/2024:10:25:15 -0900","clientip":"172.16.0.1","response_status":"200"}');
  });

  test('example 2: grok after parseJSON reads a field', async () => {
    const out = await h().logs.send(new TestTransformerCommand({
      transformerConfig: [{ parseJSON: {} }, { grok: { source: 'logMsg', match: '%{WORD:http_method} %{NOTSPACE:request} HTTP/%{NUMBER:http_version}' } }],
      logEventMessages: [JSON.stringify({ timestamp: '2024-11-23T16:03:12Z', level: 'ERROR', logMsg: 'GET /page.html HTTP/1.1' })],
    }));
    assert.is(out.transformedLogs![0]!.transformedEventMessage, '{"timestamp":"2024-11-23T16:03:12Z","level":"ERROR","logMsg":"GET /page.html HTTP/1.1","http_method":"GET","request":"/page.html","http_version":"1.1"}');
  });

  test('example 3: dotted field names make nested objects', async () => {
    const [out] = await grok(h(), '%{IP:client.ip} %{WORD:method} %{URIPATHPARAM:request.uri} %{NUMBER:response.status} %{NUMBER:response.bytes}', ['192.168.1.1 GET /index.html?param=value 200 1234']);
    assert.is(out, '{"client":{"ip":"192.168.1.1"},"method":"GET","request":{"uri":"/index.html?param=value"},"response":{"status":"200","bytes":"1234"}}');
  });

  test('literal text between patterns is literal (the Redis slow log example)', async () => {
    const [out] = await grok(h(), '%{NUMBER:timestamp} [%{NUMBER:db} %{IP:client_ip}:%{NUMBER:client_port}] %{GREEDYDATA:data}', ['1629860738.123456 [0 127.0.0.1:6379] "SET" "key1" "value1"']);
    assert.equal(JSON.parse(out!), { timestamp: '1629860738.123456', db: '0', client_ip: '127.0.0.1', client_port: '6379', data: '"SET" "key1" "value1"' });
  });

  test('a pattern without a field name matches but is dropped; no match leaves no transformed message', async () => {
    const [kept, none] = await grok(h(), '%{WORD} %{INT:n}', ['abc 12', 'abc def']);
    assert.is(kept, '{"n":"12"}');
    assert.is(none, undefined);
  });

  test("the match may end before a final line terminator, as Java's $ allows", async () => {
    assert.equal(await grok(h(), '%{WORD:w} %{INT:n}', ['abc 12\n', 'abc 12\r\n', 'abc 12\n\n']), ['{"w":"abc","n":"12"}', '{"w":"abc","n":"12"}', undefined]);
  });

  test('APACHE_ACCESS_LOG', async () => {
    const [out] = await grok(h(), '%{APACHE_ACCESS_LOG}', ['127.0.0.1 - - [03/Aug/2023:12:34:56 +0000] "GET /page.html HTTP/1.1" 200 1234']);
    assert.equal(JSON.parse(out!), { request: '/page.html', http_method: 'GET', status_code: 200, http_version: '1.1', response_size: 1234, remote_host: '127.0.0.1', timestamp: '2023-08-03T12:34:56Z' });
  });

  test('NGINX_ACCESS_LOG', async () => {
    const agent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/92.0.4515.131 Safari/537.36';
    const [out] = await grok(h(), '%{NGINX_ACCESS_LOG}', [`192.168.1.100 - Foo [03/Aug/2023:12:34:56 +0000] "GET /account/login.html HTTP/1.1" 200 42 "https://www.amazon.com/" "${agent}"`]);
    assert.equal(JSON.parse(out!), {
      request: '/account/login.html', referrer: 'https://www.amazon.com/', agent, http_method: 'GET', status_code: 200,
      auth_user: 'Foo', http_version: '1.1', response_size: 42, remote_host: '192.168.1.100', timestamp: '2023-08-03T12:34:56Z',
    });
  });

  test('SYSLOG5424, and a common log pattern followed by GREEDYDATA', async () => {
    const line = '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource= "Application" eventID="1011"][examplePriority@32473 class="high"]';
    const [out] = await grok(h(), '%{SYSLOG5424}', [line]);
    assert.equal(JSON.parse(out!), {
      pri: 165, version: 1, timestamp: '2003-10-11T22:14:15.003Z', hostname: 'mymachine.example.com', app: 'evntslog', msg_id: 'ID47',
      structured_data: 'exampleSDID@32473 iut="3" eventSource= "Application" eventID="1011"', message: '[examplePriority@32473 class="high"]',
    });
    const [apache] = await grok(h(), '%{APACHE_ACCESS_LOG} %{GREEDYDATA:logMsg}', ['127.0.0.1 - - [03/Aug/2023:14:34:56 +0200] "GET / HTTP/1.1" 404 - trailing words']);
    assert.equal(JSON.parse(apache!), { remote_host: '127.0.0.1', timestamp: '2023-08-03T12:34:56Z', http_method: 'GET', request: '/', http_version: '1.1', status_code: 404, logMsg: 'trailing words' });
  });

  const RULES: [string, string][] = [
    ['%{NGINX_ACCESS_LOG} %{NUMBER:num}', 'The common log format pattern NGINX_ACCESS_LOG can be followed only by exactly one DATA, GREEDYDATA or GREEDYDATA_MULTILINE pattern.'],
    ['%{APACHE_ACCESS_LOG} %{SYSLOG5424}', 'A grok match can contain only one common log format pattern.'],
    ['%{GREEDYDATA:logMsg} %{SYSLOG5424}', 'The common log format pattern SYSLOG5424 must be the first pattern in a grok match.'],
    ['%{SYSLOG5424} %{DATA:a} %{DATA:b}', 'The common log format pattern SYSLOG5424 can be followed only by exactly one DATA, GREEDYDATA or GREEDYDATA_MULTILINE pattern.'],
    ['%{NUMBER:num:int}', "Grok patterns don't support type conversions: %{NUMBER:num:int}. Use a typeConverter processor instead."],
    ['%{MYPATTERN:x}', 'Unsupported grok pattern: MYPATTERN. Only the predefined grok patterns are supported.'],
    ['%{GREEDYDATA_MULTILINE:a}%{GREEDYDATA_MULTILINE:b}', 'The grok pattern GREEDYDATA_MULTILINE can be used at most 1 times in a grok match.'],
    [Array(6).fill('%{IP:a}').join(' '), 'The grok pattern IP can be used at most 5 times in a grok match.'],
    ['%{DATA:a} %{DATA:b} %{SPACE:c} %{URI:d} %{URIPARAM:e} %{GREEDYDATA:f}', 'The grok patterns URI, URIPARAM, URIPATHPARAM, SPACE, DATA, GREEDYDATA, GREEDYDATA_MULTILINE can be used at most 5 times in total in a grok match.'],
    [Array(21).fill('%{INT:n}').join(' '), 'A grok match can contain at most 20 patterns.'],
  ];

  test('the documented grok rules are enforced with InvalidParameterException', async () => {
    for (const [match, message] of RULES) {
      const err = await rejects(() => grok(h(), match, ['x']));
      assert.is(err.name, 'InvalidParameterException', match);
      assert.is(err.message, message, match);
    }
  });

  test('the documented valid common log combinations are accepted', async () => {
    for (const match of ['%{NGINX_ACCESS_LOG} %{DATA}', '%{SYSLOG5424}%{DATA:logMsg}', '%{APACHE_ACCESS_LOG} %{GREEDYDATA:logMsg}', 'pattern']) {
      await grok(h(), match, ['x']);
    }
  });
});
