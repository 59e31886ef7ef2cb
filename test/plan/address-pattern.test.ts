import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { matchesAddress, parseAddressPattern, parseIgnoreFile, type AddressPattern } from '../../src/plan/address-pattern.js';

const test = suite('plan: address patterns (--only, --ignore, .driftignore)');

const pattern = (text: string) => parseAddressPattern(text) as AddressPattern;
const G = (name: string) => ({ kind: 'logGroup', name });

test('an address as reports print it, globs in kind and name; or a bare name glob for every kind', () => {
  assert.equal(pattern('logGroup "/aws/lambda/*"'), { text: 'logGroup "/aws/lambda/*"', kind: 'logGroup', name: '/aws/lambda/*' });
  assert.ok(matchesAddress(pattern('logGroup "/aws/lambda/*"'), G('/aws/lambda/a/b')));
  assert.not.ok(matchesAddress(pattern('trail "/aws/lambda/*"'), G('/aws/lambda/a')));
  assert.ok(matchesAddress(pattern('*Filter "/app/api/*"'), { kind: 'metricFilter', name: '/app/api/errors' }));
  assert.ok(matchesAddress(pattern('/tmp/*'), { kind: 'trail', name: '/tmp/x' }));
  assert.ok(matchesAddress(pattern('queryDefinition "ops/errors by service"'), { kind: 'queryDefinition', name: 'ops/errors by service' }));
});

test('what is no pattern says why', () => {
  assert.equal(parseAddressPattern('logGrup "/a"'), { error: "'logGrup' is not a kind of resource; did you mean 'logGroup'? (kinds: logGroup, metricFilter, subscriptionFilter, dataProtectionPolicy, indexPolicy, transformer, destination, resourcePolicy, trail, accountPolicy, deliverySource, deliveryDestination, delivery, queryDefinition, anomalyDetector)" });
  assert.equal(parseAddressPattern('logGroup "/a'), { error: `'logGroup "/a' is neither an address (KIND "NAME") nor a name glob` });
  assert.equal(parseAddressPattern('  '), { error: 'an empty pattern matches nothing' });
});

test('an ignore file: a pattern a line, comments and blank lines skipped, a # later in a line kept', () => {
  const { patterns, diagnostics } = parseIgnoreFile('# by hand\n\n/by-hand/*\n  logGroup "/app/#1"\nlogGrup "x"\n', '.driftignore');
  assert.equal(patterns.map((p) => p.text), ['/by-hand/*', 'logGroup "/app/#1"']);
  assert.equal(diagnostics.map((d) => [d.source, d.summary.slice(0, 40)]), [[{ file: '.driftignore', line: 5, col: 1 }, "ignore pattern: 'logGrup' is not a kind "]]);
});

test.run();
