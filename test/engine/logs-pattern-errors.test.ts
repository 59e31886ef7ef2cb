import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AwsError } from '../../src/engine/errors.js';
import { compileFilterPattern, type PatternUsage } from '../../src/engine/logs/pattern/index.js';

const chars = (term: string) => `Invalid character(s) in term '${term}'`;
const METRIC = 'Invalid metric filter pattern';

/** [pattern, AWS's message when PutMetricFilter or TestMetricFilter is given it] */
const MALFORMED: [string, string][] = [
  // characters no token allows: AWS names them, with the token read so far
  ['email@domain.com', chars('@')],
  ['?Status: timeout', chars(':')],
  ['ERROR.log', chars('.')],
  ['ERR*', chars('*')],
  ['level\\":\\"error', chars('\\')],
  ['""', chars('""')],
  ['ERROR ""', chars('""')],
  ['{ $."sc-status" = 5* }', chars('$."')],
  ['{ $.a@b = 1 }', chars('$.a@')],
  ['{ $.a = x@y }', chars('x@')],
  ['{ $.a > "x" }', chars('"x"')],
  ['{ $.someInt >= someString }', chars('someString')],
  ['{ $.someString > "123" }', chars('"123"')],
  ['{ $.a <= 1* }', chars('1*')],
  ['{ $.a < %1% }', chars('%1%')],
  ['%something!%', chars('!')],
  ['%a(b)%', chars('(')],
  ['%café%', chars('é')],
  ['[ip@, b]', chars('@')],
  ['[timestamp=*Z && request_id=\u201c*-*\u201c, event]', chars('\u201c')],
  ['[a = x:y, b]', chars('x:')],
  // unbalanced braces and brackets
  ['{ $.a = 1', "If a filter pattern starts with '{' it must end with '}'"],
  ['{ $.a = 1 } x', "If a filter pattern starts with '{' it must end with '}'"],
  ['[a, b', "If a filter pattern starts with '[' it must end with ']'"],
  // structure
  ['{}', METRIC],
  ['{ $ = 1 }', METRIC],
  ['{ a = 1 }', METRIC],
  ['{ $.a = }', METRIC],
  ['{ $.a 1 }', METRIC],
  ['{ $.a = 1 && }', METRIC],
  ['{ ($.a = 1 }', METRIC],
  ['{ $.a = 1 }}', METRIC],
  ['{ $.a IS NOT NULL }', METRIC],
  ['{ $.a EXISTS }', METRIC],
  ['{ $.a IS }', METRIC],
  ['{ $.a[x] = 1 }', METRIC],
  ['{ $.a[0 = 1 }', chars('$.a[0 ')],
  ['{ $.a = "unterminated }', METRIC],
  ['{ $.a.*.b[*] = 1 }', METRIC],
  ['{ $.a.* = 1 || $.b.* = 1 || $.c[*] = 1 || $.d[*] = 1 }', METRIC],
  ['{ $.a = %a% || $.b = %b% || $.c = %c% }', METRIC],
  ['[a, a]', METRIC],
  ['[..., a, ...]', METRIC],
  ['[status_code = 4* && bytes > 1000]', METRIC],
  ['[a >]', METRIC],
  ['[a, b] c', "If a filter pattern starts with '[' it must end with ']'"],
  ['[a b]', METRIC],
  ['ERROR -', METRIC],
  ['?', METRIC],
  ['- -x', METRIC],
  ['"unterminated', METRIC],
  ['%%', METRIC],
  ['%abc', METRIC],
  ['%a{x}%', METRIC],
  ['%\\q%', METRIC],
  ['%[a%', METRIC],
  ['%a% %b% %c%', METRIC],
];

const errors = suite('logs filter pattern: malformed patterns');

const failure = (pattern: string, usage: PatternUsage) => {
  try {
    compileFilterPattern(pattern, usage);
  } catch (e) {
    assert.instance(e, AwsError);
    return e as AwsError;
  }
  throw new Error(`${pattern} compiled`);
};

for (const [pattern, message] of MALFORMED) {
  errors(`${JSON.stringify(pattern)} is rejected`, () => {
    const e = failure(pattern, 'PutMetricFilter');
    assert.is(e.code, 'InvalidParameterException');
    assert.is(e.message, message);
  });
}

errors('the generic message names the operation; the character message does not', () => {
  const expected: [PatternUsage, string, string][] = [
    ['PutMetricFilter', 'Invalid metric filter pattern', chars('@')],
    ['TestMetricFilter', 'Invalid metric filter pattern', chars('@')],
    ['PutSubscriptionFilter', 'Invalid subscription filter pattern', chars('@')],
    ['FilterLogEvents', 'Invalid filter pattern', chars('@')],
    ['StartLiveTail', 'Invalid filter pattern', `Invalid filter pattern: ${chars('@')}`],
  ];
  for (const [usage, generic, character] of expected) {
    assert.is(failure('{ $.a IS NOT NULL }', usage).message, generic);
    assert.is(failure('user@example', usage).message, character);
  }
  assert.is(failure('{}', undefined as unknown as PatternUsage).message, 'Invalid filter pattern');
});

errors.run();

