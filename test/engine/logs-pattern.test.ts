import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileFilterPattern } from '../../src/engine/logs/pattern/index.js';

/** AWS's own example events, from the filter pattern syntax guide. */
const LOG = {
  e400: '[ERROR 400] BAD REQUEST',
  e401: '[ERROR 401] UNAUTHORIZED REQUEST',
  e419: '[ERROR 419] MISSING ARGUMENTS',
  e500: '[ERROR 500] INTERNAL SERVER ERROR',
  info: '[INFO] REQUEST FAILED',
  ok200: '[SUCCESS 200] AUTHORIZED REQUEST',
};
const TRAIL = JSON.stringify({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [{ name: 'a', id: 1 }, { name: 'b', id: 2 }],
  SomeObject: null,
  'cluster.name': 'c',
  ThisFlag: true,
  OtherFlag: false,
  emptyString: '',
  someObject: {},
  someArray: [],
});
// Number texts matter (12.0 stays "12.0"), so this one is written by hand.
const NUMBERS = '{"someInt": 123, "someFloat": 12.34, "someFloat2": 12.0, "neg": -5, "big": 1e3, "someString": "111.111.111.111", "numText": "500"}';
const USERS =
  '{"user":{"id":1,"email":"John.Stiles@example.com"},"users":[{"id":2,"email":"John.Doe@example.com"},{"id":3,"email":"Jane.Doe@example.com"}],"actions":["GET","PUT","DELETE"],"coordinates":[[0,1,2],[4,5,6],[7,8,9]]}';
const APACHE = '127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
const SERVICE = {
  get: 'INFO 09/25/2014 12:00:00 GET /service/resource/67 1200',
  post: 'INFO 09/25/2014 12:00:01 POST /service/resource/67/part/111 1310',
  warn: 'WARNING 09/25/2014 12:00:02 Invalid user request',
  error: 'ERROR 09/25/2014 12:00:02 Failed to process request',
};

/** [pattern, event, matches] */
const MATCHES: [string, string, boolean][] = [
  // empty and match-everything
  ['', 'anything at all', true],
  ['" "', LOG.e400, true],
  ['   ', LOG.e400, true],
  // single and multiple terms: case-sensitive, anywhere in the message
  ['ERROR', LOG.e400, true],
  ['ERROR', LOG.info, false],
  ['error', LOG.e400, false],
  ['ERR', LOG.e400, true],
  ['ERROR ARGUMENTS', LOG.e419, true],
  ['ERROR ARGUMENTS', LOG.e400, false],
  ['Failed to process the request', '[WARN] the request: Failed to process', true],
  // optional terms; ignored when combined with other terms
  ['?ERROR ?ARGUMENTS', LOG.e400, true],
  ['?ERROR ?ARGUMENTS', LOG.info, false],
  ['?ERROR ?ARGUMENTS REQUEST', LOG.info, true],
  ['?ERROR ?ARGUMENTS REQUEST', LOG.e419, false],
  ['?ERROR -REQUEST', LOG.e419, true],
  // exact phrases
  ['"INTERNAL SERVER ERROR"', LOG.e500, true],
  ['"SERVER INTERNAL"', LOG.e500, false],
  ['"ERROR 419" ARGUMENTS', LOG.e419, true],
  ['"a \\"quoted\\" word"', 'has a "quoted" word', true],
  // exclusion, with or without a space after the minus, and inside a word
  ['ERROR -ARGUMENTS', LOG.e400, true],
  ['ERROR -ARGUMENTS', LOG.e419, false],
  ['"ERROR" - "MISSING"', LOG.e419, false],
  ['-ERROR', LOG.info, true],
  ['-ERROR', LOG.e400, false],
  ['request-id', 'request-id-123', false],
  ['request-id', 'request-abc', true],
  // regex terms
  ['%AUTHORIZED%', LOG.e401, true],
  ['%AUTHORIZED%', LOG.ok200, true],
  ['%^[hc]at%', 'hat on', true],
  ['%^[hc]at%', 'the cat', false],
  ['%[hc]at$%', 'the cat', true],
  ['%colou?r%', 'color', true],
  ['%a{3,5}%', 'xaaay', true],
  ['%a{3,5}%', 'xaay', false],
  ['%ab{,1}c%', 'ac', true],
  ['%gra|ey%', 'grey', true],
  ['%^starting|^initializing|^shutting down%', 'shutting down now', true],
  ['%^starting|^initializing|^shutting down%', 'skipping initializing', false],
  ['%\\[.\\]%', 'x[7]y', true],
  ['%10\\.10\\.0\\.1%', '10010,051', false],
  ['%10.10.0.1%', '10010,051', true],
  ['%\\d{3}%', 'code 404', true],
  ['%\\D%', '1234', false],
  ['%\\s\\S%', 'a b', true],
  ['%\\w+@\\w+%', 'mail x@y', true],
  ['%\\x3A%', 'a:b', true],
  ['%\\x28%', 'f(x)', true],
  ['%[{}]x%', 'a{x', true],
  ['%[a-c]{2}%', 'xbcx', true],
  ['ERROR -%ARGU%', LOG.e419, false],
  // JSON: strings, wildcards, arrays, null, booleans, existence, regex
  ['{ $.eventType = "UpdateTrail" }', TRAIL, true],
  ['{ $.eventType = UpdateTrail }', TRAIL, true],
  ['{$.eventType="UpdateTrail"}', TRAIL, true],
  ['{ $.eventType != "NoTrail" }', TRAIL, true],
  ['{ $.eventType = "updatetrail" }', TRAIL, false],
  ['{ $.sourceIPAddress != 123.123.* }', TRAIL, true],
  ['{ $.sourceIPAddress = 111.111.* }', TRAIL, true],
  ['{ $.sourceIPAddress = "*111*" }', TRAIL, true],
  ['{ $.sourceIPAddress = "*.111.111.111" }', TRAIL, true],
  // AWS looks for the text after a wildcard at its first occurrence only
  ['{ $.sourceIPAddress = "*111.111.111" }', TRAIL, false],
  ['{ $.sourceIPAddress != 111*111 }', TRAIL, true],
  ['{ $.eventType = *Trail }', TRAIL, true],
  ['{ $.eventType = Update* }', TRAIL, true],
  ['{ $.eventType = * }', TRAIL, true],
  ['{ $.emptyString = "*" }', TRAIL, true],
  ['{ $.arrayKey[0] = "value" }', TRAIL, true],
  ['{ $.arrayKey[1] = "value" }', TRAIL, false],
  ['{ $.arrayKey[5] = "value" }', TRAIL, false],
  ['{ $.arrayKey[*] = "another value" }', TRAIL, true],
  ['{ $.objectList[1].id = 2 }', TRAIL, true],
  ['{ $.objectList[1].number = 2 }', TRAIL, false],
  ['{ $.objectList[*].name = "b" }', TRAIL, true],
  ['{ $.ThisFlag[0] = "value" }', TRAIL, false],
  ["{ $.['cluster.name'] = \"c\" }", TRAIL, true],
  ['{ $.SomeObject IS NULL }', TRAIL, true],
  ['{ $.eventType IS NULL }', TRAIL, false],
  ['{ $.Missing IS NULL }', TRAIL, false],
  ['{ $.ThisFlag IS TRUE }', TRAIL, true],
  ['{ $.ThisFlag IS FALSE }', TRAIL, false],
  ['{ $.OtherFlag IS FALSE }', TRAIL, true],
  ['{ $.SomeOtherObject NOT EXISTS }', TRAIL, true],
  ['{ $.eventType NOT EXISTS }', TRAIL, false],
  ['{ $.SomeObject NOT EXISTS }', TRAIL, false],
  ['{ $.eventType = %Trail% }', TRAIL, true],
  ['{ $.eventType != %Trail% }', TRAIL, false],
  ['{ $.arrayKey[*] = %val.{2}% }', TRAIL, true],
  ['{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }', TRAIL, true],
  // only strings and numbers are value nodes: objects, arrays, null, booleans and absent
  // properties satisfy neither = nor !=
  ['{ $.someObject != "x" }', TRAIL, false],
  ['{ $.someArray = "x" }', TRAIL, false],
  ['{ $.arrayKey != "x" }', TRAIL, false],
  ['{ $.SomeObject != "x" }', TRAIL, false],
  ['{ $.ThisFlag != "x" }', TRAIL, false],
  ['{ $.Missing != "x" }', TRAIL, false],
  // JSON numbers: unquoted compares numerically, quoted compares with the text as written
  ['{ $.someInt = 123 }', NUMBERS, true],
  ['{ $.someInt = 123.0 }', NUMBERS, true],
  ['{ $.someInt = "123" }', NUMBERS, true],
  ['{ $.someInt = "123.0" }', NUMBERS, false],
  ['{ $.someFloat2 = 12 }', NUMBERS, true],
  ['{ $.someFloat2 = "12" }', NUMBERS, false],
  ['{ $.someFloat2 = "12.0" }', NUMBERS, true],
  ['{ $.someInt != 111 }', NUMBERS, true],
  ['{ $.someInt != 123 }', NUMBERS, false],
  ['{ $.someInt = 1* }', NUMBERS, true],
  ['{ $.someInt = *23 }', NUMBERS, true],
  ['{ $.someInt != 3* }', NUMBERS, true],
  ['{ $.someInt != 1*3 }', NUMBERS, false],
  ['{ $.someFloat = 12.* }', NUMBERS, true],
  ['{ $.someFloat = "*.34" }', NUMBERS, true],
  ['{ $.someInt > 1 }', NUMBERS, true],
  ['{ $.someInt >= 123 }', NUMBERS, true],
  ['{ $.someInt > 123 }', NUMBERS, false],
  ['{ $.someInt < 1000 }', NUMBERS, true],
  ['{ $.someInt <= 122 }', NUMBERS, false],
  ['{ $.someFloat   >= 1.0 }', NUMBERS, true],
  ['{ $.someFloat < 10e3 }', NUMBERS, true],
  ['{ $.someFloat < 10e-3 }', NUMBERS, false],
  ['{ $.neg < -4 }', NUMBERS, true],
  ['{ $.neg = -5 }', NUMBERS, true],
  ['{ $.big = 1e+3 }', NUMBERS, true],
  ['{ $.big != 1e-3 }', NUMBERS, true],
  ['{ $.big > +999 }', NUMBERS, true],
  // a string is no number, even one that reads like a number
  ['{ $.someString > 123 }', NUMBERS, false],
  ['{ $.numText > 100 }', NUMBERS, false],
  ['{ $.numText = 500 }', NUMBERS, true],
  ['{ $.someString = 123 }', NUMBERS, false],
  ['{ $.someString != 111 }', NUMBERS, true],
  // compound expressions, AWS's examples: () > && > ||
  ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', USERS, true],
  ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', USERS, false],
  ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }', USERS, true],
  ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }', USERS, false],
  ['{ $.coordinates[2][0] = 7 }', USERS, true],
  ['{ (($.user.id = 1)) }', USERS, true],
  // non-JSON events never match a JSON pattern
  ['{ $.eventType = * }', 'eventType UpdateTrail', false],
  ['{ $.eventType NOT EXISTS }', 'not json', false],
  ['{ $.eventType NOT EXISTS }', '{"unterminated": ', false],
  ['{ $.a NOT EXISTS }', '"just a string"', false],
  ['{ $.a = 1 }', '  {"a": 1}\n', true],
  ['{ $[1] = 2 }', '[1, 2]', true],
  // space-delimited: the guide's Apache line, fields in brackets and quotes are one field
  ['[ip, user, username, timestamp, request, status_code, bytes]', APACHE, true],
  ['[ip, user, username, timestamp, request = *.html*, status_code = 4*, bytes]', APACHE, true],
  ['[ip=%127\\.0\\.0\\.[1-9]%, user, username, timestamp, request =*.html*, status_code = 4*, bytes]', APACHE, true],
  ['[ip=%127\\.0\\.0\\.[2-9]%, user, username, timestamp, request, status_code, bytes]', APACHE, false],
  ['[ip, user, username, timestamp, request, status_code = 200, bytes]', APACHE, false],
  ['[ip, user, username, timestamp, request, status_code = 404, bytes > 1000]', APACHE, true],
  ['[ip, user, username, timestamp, request, status_code, bytes > 2000]', APACHE, false],
  ['[ip, user, username, timestamp, request, status_code = 404 || status_code = 410, bytes]', APACHE, true],
  ['[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]', APACHE, true],
  ['[ip, user, username, timestamp, request, status_code = 4* && status_code != 404, bytes]', APACHE, false],
  ['[ip, user, username, timestamp, request, (status_code = 403 || status_code = 404) && status_code < 500, bytes]', APACHE, true],
  ['[ip, user, username, timestamp = "10/Oct/2000:13:25:15 -0700", request, status_code, bytes]', APACHE, true],
  // ellipsis anywhere, possibly standing for no field
  ['[..., status_code = 404, bytes]', APACHE, true],
  ['[ip, user, ..., status_code, bytes]', APACHE, true],
  ['[ip = 127.0.0.1, user = Prod, ...]', APACHE, true],
  ['[..., a, b, c, d, e, f, g]', APACHE, true],
  ['[..., a, b, c, d, e, f, g, h]', APACHE, false],
  // without an ellipsis the last field takes the rest of the line
  ['[w1=ERROR, w2]', SERVICE.error, true],
  ['[w1=ERROR, w2]', SERVICE.warn, false],
  ['[w1=ERROR || w1=WARNING, w2]', SERVICE.warn, true],
  ['[w1!=ERROR && w1!=WARNING, w2]', SERVICE.get, true],
  ['[w1!=ERROR && w1!=WARNING, w2]', SERVICE.error, false],
  ['[w1]', SERVICE.get, true],
  ['[w1, w2, w3]', 'one two', false],
  ['[logLevel, date, time, method, url=%/service/resource/[0-9]+$%, response_time]', SERVICE.get, true],
  ['[logLevel, date, time, method, url=%/service/resource/[0-9]+$%, response_time]', SERVICE.post, false],
  ['[logLevel, date, time, method, url=%/service/resource/[0-9]+/part/[0-9]+$%, response_time]', SERVICE.post, true],
  // AWS Lambda's preset: the event takes the rest of the line
  ['[timestamp=*Z, request_id="*-*", event]', '2017-09-19T10:00:00.000Z\tabcd-1234\tINFO\tsome message', true],
  ['[timestamp=*Z, request_id="*-*", event]', 'START RequestId: abcd-1234 Version: $LATEST', false],
  // numeric fields compare as numbers, text fields as text
  ['[a = 200, b]', '200.0 x', true],
  ['[a != 5, b]', 'abc x', true],
  ['[a > 5, b]', 'abc x', false],
  ['[a >= -1.5, b]', '-1 x', true],
];

const test = suite('logs filter pattern: matching');

for (const [pattern, event, expected] of MATCHES) {
  test(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(event).slice(0, 60)}`, () => {
    assert.is(compileFilterPattern(pattern).match(event) !== undefined, expected);
  });
}

test.run();

