import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import { formatAddress } from '../../src/model/address.js';
import { diffResources } from '../../src/plan/changes.js';
import { protectionRefusals, withProtection, type Protection } from '../../src/plan/protection.js';
import { group, owning, set } from './fixtures.js';

const test = suite('plan: log data protection');

/** Protection as the manifests (`declared`), state (`unprotected`) and the target (`bytes`) say it. */
const protection = (declared: Record<string, boolean>, unprotected: string[], bytes: Record<string, number>): Protection => ({
  declared: new Map(Object.entries(declared)),
  recordedUnprotected: (name) => unprotected.includes(name),
  storedBytes: (name) => bytes[name],
});

const observed = set({ logGroups: [group('/data'), group('/empty'), group('/ia')] });
const owned = owning('logGroup:/data', 'logGroup:/empty', 'logGroup:/ia');

test('deleting or replacing a group that holds data is refused unless it is unprotected; an empty one goes', () => {
  const desired = set({ logGroups: [group('/ia', { logGroupClass: 'INFREQUENT_ACCESS' })] });
  const changes = diffResources(desired, observed, owned);
  const refused = (p: Protection) => protectionRefusals(changes, p).map((r) => `${r.action} ${formatAddress(r.address)} ${r.storedBytes}`);
  assert.equal(refused(protection({}, [], { '/data': 5, '/ia': 7 })), ['replace logGroup "/ia" 7', 'delete logGroup "/data" 5']);
  // a replacement asks the declaration; a delete (no declaration left) asks state
  assert.equal(refused(protection({ '/ia': false }, ['/data'], { '/data': 5, '/ia': 7 })), []);
  assert.equal(refused(protection({}, ['/ia'], { '/data': 5, '/ia': 7 })), ['replace logGroup "/ia" 7', 'delete logGroup "/data" 5'], 'state does not unprotect a declared group');
  assert.equal(refused(protection({}, [], {})), [], 'nothing stored: nothing lost');
});

test('a declared group\'s protection changes in state where the declaration and the record differ', () => {
  const desired = set({ logGroups: [group('/data'), group('/empty'), group('/ia')] });
  const changes = withProtection(diffResources(desired, observed, owned), protection({ '/data': false, '/empty': true }, ['/empty', '/ia'], {}));
  assert.equal(changes.map((c) => [c.address.name, c.action, c.protection]), [['/data', 'no-op', 'off'], ['/empty', 'no-op', 'on'], ['/ia', 'no-op', 'on']]);
});

test.run();
