import * as assert from 'uvu/assert';
import { createHash, createPublicKey } from 'node:crypto';
import { ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
import { forEachTransport, rejects } from '../helpers/harness.js';

const DAY = 86400;

forEachTransport('cloudtrail public keys', (test, h) => {
  const list = (input: { StartTime?: Date; EndTime?: Date; NextToken?: string } = {}) =>
    h().trail.send(new ListPublicKeysCommand(input));

  test('the current key: DER PKCS#1 RSA 2048, MD5 fingerprint, valid for a day', async () => {
    const out = await list();
    assert.is(out.PublicKeyList!.length, 1);
    const key = out.PublicKeyList![0]!;
    assert.instance(key.Value, Uint8Array);
    const der = Buffer.from(key.Value!);
    const parsed = createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
    assert.is(parsed.asymmetricKeyType, 'rsa');
    assert.is(parsed.asymmetricKeyDetails!.modulusLength, 2048);
    assert.is(key.Fingerprint, createHash('md5').update(der).digest('hex'));
    assert.is((key.ValidityEndTime!.getTime() - key.ValidityStartTime!.getTime()) / 1000, DAY);
    const again = await list();
    assert.is(again.PublicKeyList![0]!.Fingerprint, key.Fingerprint);
    const elsewhere = await h().clients({ region: 'eu-west-1' }).trail.send(new ListPublicKeysCommand({}));
    assert.is.not(elsewhere.PublicKeyList![0]!.Fingerprint, key.Fingerprint);
  });

  test('keys rotate daily; old keys are listed for the range they were valid in', async () => {
    const first = (await list()).PublicKeyList![0]!;
    await h().admin('POST /_engine/clock', { advanceSeconds: DAY + 60 });
    const second = (await list()).PublicKeyList![0]!;
    assert.is.not(second.Fingerprint, first.Fingerprint);
    const both = await list({ StartTime: first.ValidityStartTime, EndTime: new Date(h().engine.now()) });
    assert.equal(both.PublicKeyList!.map((k) => k.Fingerprint), [first.Fingerprint, second.Fingerprint]);
    const past = await list({ StartTime: first.ValidityStartTime, EndTime: new Date(first.ValidityStartTime!.getTime() + 1000) });
    assert.equal(past.PublicKeyList!.map((k) => k.Fingerprint), [first.Fingerprint]);
  });

  test('errors: reversed time range, tokens', async () => {
    const now = h().engine.now();
    let e = await rejects(() => list({ StartTime: new Date(now), EndTime: new Date(now - 60_000) }));
    assert.is(e.name, 'InvalidTimeRangeException');
    assert.is(e.message, 'Start time must be before end time.');
    e = await rejects(() => list({ NextToken: 'anything' }));
    assert.is(e.name, 'InvalidTokenException');
  });
});
