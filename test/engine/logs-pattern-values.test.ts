import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileFilterPattern } from '../../src/engine/logs/pattern/index.js';

const APACHE = '127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
const SERVICE_ERROR = 'ERROR 09/25/2014 12:00:02 Failed to process request';

const values = suite('logs filter pattern: extracted values');

values('space-delimited fields are extracted by name, unnamed ones by position', () => {
  const match = compileFilterPattern('[..., request=*.html*, status_code=4*,]').match(APACHE)!;
  const expected = {
    $1: '127.0.0.1',
    $2: 'Prod',
    $3: 'frank',
    $4: '10/Oct/2000:13:25:15 -0700',
    $request: 'GET /index.html HTTP/1.0',
    $status_code: '404',
    $7: '1534',
  };
  assert.equal(match.extractedValues, expected);
  assert.equal(match.values, expected);
  assert.is(match.resolve('$status_code'), '404');
  assert.is(match.resolve('$5'), 'GET /index.html HTTP/1.0');
  assert.is(match.resolve('$7'), '1534');
  assert.is(match.resolve('$8'), undefined);
  assert.is(match.resolve('$nope'), undefined);
});

values('the last field of a pattern without ellipsis holds the rest of the line', () => {
  const match = compileFilterPattern('[w1=ERROR, w2]').match(SERVICE_ERROR)!;
  assert.equal(match.extractedValues, { $w1: 'ERROR', $w2: '09/25/2014 12:00:02 Failed to process request' });
  const quoted = compileFilterPattern('[a, b]').match('x "y z"  ')!;
  assert.equal(quoted.extractedValues, { $a: 'x', $b: 'y z' });
});

values('a JSON match offers the selectors it names, and resolves any other', () => {
  const match = compileFilterPattern('{ $.latency = * && $.user.id > 0 }').match('{"latency": 50.0, "user": {"id": 7, "name": "jo"}}')!;
  assert.equal(match.values, { '$.latency': '50.0', '$.user.id': '7' });
  assert.equal(match.extractedValues, {});
  assert.is(match.resolve('$.latency'), '50.0');
  assert.is(match.resolve('$.user.name'), 'jo');
  assert.is(match.resolve('$.user'), undefined);
  assert.is(match.resolve('$.missing'), undefined);
  assert.is(match.resolve('latency'), undefined);
});

values('unstructured and empty patterns extract nothing', () => {
  for (const pattern of ['ERROR', '']) {
    const match = compileFilterPattern(pattern).match('[ERROR 400] BAD REQUEST')!;
    assert.equal(match.values, {});
    assert.equal(match.extractedValues, {});
    assert.is(match.resolve('$1'), undefined);
  }
});

values('patterns tell their kind, their regex count and which references they can resolve', () => {
  const cases: [string, string, number][] = [
    ['', 'all', 0],
    ['ERROR -x', 'terms', 0],
    ['%a% ERROR', 'terms', 1],
    ['{ $.a = %x% || $.b = %y% }', 'json', 2],
    ['[a = %x%, b]', 'delimited', 1],
  ];
  for (const [source, kind, regexCount] of cases) {
    const pattern = compileFilterPattern(source);
    assert.is(pattern.kind, kind);
    assert.is(pattern.regexCount, regexCount);
  }
  const delimited = compileFilterPattern('[ip, , status]');
  assert.ok(delimited.canResolve('$status'));
  assert.ok(delimited.canResolve('$2'));
  assert.not.ok(delimited.canResolve('$bytes'));
  assert.not.ok(delimited.canResolve('status'));
  assert.not.ok(delimited.canResolve('$0'));
  const json = compileFilterPattern('{ $.a = 1 }');
  assert.ok(json.canResolve('$.b.c[0]'));
  assert.not.ok(json.canResolve('$b'));
  assert.not.ok(compileFilterPattern('ERROR').canResolve('$.a'));
});

values('compiled patterns are cached by source', () => {
  assert.is(compileFilterPattern('{ $.cached = 1 }'), compileFilterPattern('{ $.cached = 1 }'));
});

values.run();
