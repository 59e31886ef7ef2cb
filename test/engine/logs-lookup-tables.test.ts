import * as assert from 'uvu/assert';
import {
  CreateLookupTableCommand,
  DeleteLookupTableCommand,
  DescribeLookupTablesCommand,
  GetLookupTableCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateLookupTableCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const tableArn = (name: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:lookup-table:${name}`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const USERS = 'id,name,team\n1,ana,payments\n2,"bo, jr","says ""hi"""\n';

forEachTransport('logs: lookup tables', (test, h) => {
  const create = (lookupTableName: string, tableBody = USERS, extra: Record<string, unknown> = {}) =>
    h().logs.send(new CreateLookupTableCommand({ lookupTableName, tableBody, ...extra }));
  const expectError = async (p: () => Promise<unknown>, name: string, message: string) => {
    const e = await rejects(p);
    assert.is(e.name, name);
    assert.is(e.message, message);
    assert.is(e.$metadata.httpStatusCode, 400);
  };

  test('create reports the ARN and creation time; Get returns the body and metadata', async () => {
    const before = h().engine.now();
    const out = await create('users', USERS, { description: 'who is who', tags: { team: 'sec' } });
    assert.is(out.lookupTableArn, tableArn('users'));
    assert.ok(out.createdAt! >= before);
    const got = await h().logs.send(new GetLookupTableCommand({ lookupTableArn: tableArn('users') }));
    assert.equal(
      { ...got, $metadata: undefined },
      {
        $metadata: undefined,
        lookupTableArn: tableArn('users'),
        lookupTableName: 'users',
        description: 'who is who',
        tableBody: USERS,
        sizeBytes: Buffer.byteLength(USERS),
        lastUpdatedTime: out.createdAt,
      },
    );
  });

  test('Describe lists metadata: header fields, record count (quoted commas and line ends honoured)', async () => {
    await create('users', 'id,note\r\n1,"two\nlines"\r\n2,plain');
    const { lookupTables } = await h().logs.send(new DescribeLookupTablesCommand({}));
    assert.is(lookupTables!.length, 1);
    const t = lookupTables![0]!;
    assert.equal(Object.keys(t), ['lookupTableArn', 'lookupTableName', 'tableFields', 'recordsCount', 'sizeBytes', 'lastUpdatedTime']);
    assert.equal(t.tableFields, ['id', 'note']);
    assert.is(t.recordsCount, 2);
  });

  test('names are unique; the CSV needs a header and rows of its width', async () => {
    await create('users');
    await expectError(() => create('users'), 'ResourceAlreadyExistsException', 'The specified lookup table already exists.');
    await expectError(
      () => create('ragged', 'a,b\n1,2\n3\n'),
      'InvalidParameterException',
      'Invalid CSV content in tableBody: row 3 has 1 fields, but the header row has 2.',
    );
    await expectError(
      () => create('dup', 'a,a\n1,2\n'),
      'InvalidParameterException',
      "Invalid CSV content in tableBody: the header row names column 'a' more than once.",
    );
    await expectError(
      () => create('blank', 'a,,c\n'),
      'InvalidParameterException',
      'Invalid CSV content in tableBody: every column of the header row needs a name.',
    );
    await expectError(
      () => create('open', 'a\n"unclosed\n'),
      'InvalidParameterException',
      'Invalid CSV content in tableBody: a quoted field is not closed.',
    );
  });

  test('the model refuses names outside [a-zA-Z0-9_]', async () => {
    const e = await rejects(() => create('bad-name'));
    assert.is(e.name, 'InvalidParameterException');
    assert.match(e.message, /^1 validation error detected: Value at 'lookupTableName' failed to satisfy constraint/);
  });

  test('a header-only table has no records; a 10 MB body over the byte limit is refused', async () => {
    await create('empty', 'only,header');
    const [t] = (await h().logs.send(new DescribeLookupTablesCommand({}))).lookupTables!;
    assert.is(t!.recordsCount, 0);
    const big = `h\n${'é'.repeat(5 * 1024 * 1024 + 1)}\n`;
    await expectError(() => create('big', big), 'InvalidParameterException', 'The tableBody must not exceed 10485760 bytes.');
  });

  test('a KMS key must be registered and enabled; Update can replace or remove it', async () => {
    await expectError(() => create('t', USERS, { kmsKeyId: KEY }), 'InvalidParameterException', 'The specified KMS Key Id could not be found.');
    await h().admin('POST /_engine/externals', { kmsKeys: [{ arn: KEY }] });
    await create('t', USERS, { kmsKeyId: KEY });
    assert.is((await h().logs.send(new GetLookupTableCommand({ lookupTableArn: tableArn('t') }))).kmsKeyId, KEY);
    await h().logs.send(new UpdateLookupTableCommand({ lookupTableArn: tableArn('t'), tableBody: USERS, kmsKeyId: '' }));
    assert.is((await h().logs.send(new GetLookupTableCommand({ lookupTableArn: tableArn('t') }))).kmsKeyId, undefined);
  });

  test('Update replaces the body, keeps an omitted description, and moves lastUpdatedTime', async () => {
    await create('t', USERS, { description: 'd' });
    await h().admin('POST /_engine/clock', { advanceSeconds: 10 });
    const out = await h().logs.send(new UpdateLookupTableCommand({ lookupTableArn: tableArn('t'), tableBody: 'x\n1\n2\n3\n' }));
    assert.is(out.lookupTableArn, tableArn('t'));
    const [t] = (await h().logs.send(new DescribeLookupTablesCommand({}))).lookupTables!;
    assert.equal(t!.tableFields, ['x']);
    assert.is(t!.recordsCount, 3);
    assert.is(t!.description, 'd');
    assert.is(t!.lastUpdatedTime, out.lastUpdatedTime);
    await expectError(
      () => h().logs.send(new UpdateLookupTableCommand({ lookupTableArn: tableArn('t'), tableBody: 'a,b\n1\n' })),
      'InvalidParameterException',
      'Invalid CSV content in tableBody: row 2 has 1 fields, but the header row has 2.',
    );
    assert.is((await h().logs.send(new GetLookupTableCommand({ lookupTableArn: tableArn('t') }))).tableBody, 'x\n1\n2\n3\n');
  });

  test('unknown, foreign and prototype-named ARNs are not found; Delete removes the table', async () => {
    await create('t');
    for (const arn of [tableArn('nope'), `arn:aws:logs:eu-west-1:${ACCOUNT}:lookup-table:t`, tableArn('constructor'), 't']) {
      await expectError(() => h().logs.send(new GetLookupTableCommand({ lookupTableArn: arn })), 'ResourceNotFoundException', 'The specified lookup table does not exist.');
    }
    await h().logs.send(new DeleteLookupTableCommand({ lookupTableArn: tableArn('t') }));
    await expectError(() => h().logs.send(new DeleteLookupTableCommand({ lookupTableArn: tableArn('t') })), 'ResourceNotFoundException', 'The specified lookup table does not exist.');
  });

  test('Describe sorts by name, filters by prefix and pages', async () => {
    for (const name of ['c_t', 'a_t', 'b_t', 'a_u']) await create(name);
    const prefixed = await h().logs.send(new DescribeLookupTablesCommand({ lookupTableNamePrefix: 'a_' }));
    assert.equal(prefixed.lookupTables!.map((t) => t.lookupTableName), ['a_t', 'a_u']);
    const first = await h().logs.send(new DescribeLookupTablesCommand({ maxResults: 3 }));
    assert.equal(first.lookupTables!.map((t) => t.lookupTableName), ['a_t', 'a_u', 'b_t']);
    const second = await h().logs.send(new DescribeLookupTablesCommand({ maxResults: 3, nextToken: first.nextToken }));
    assert.equal(second.lookupTables!.map((t) => t.lookupTableName), ['c_t']);
    assert.is(second.nextToken, undefined);
    await expectError(() => h().logs.send(new DescribeLookupTablesCommand({ nextToken: 'forged' })), 'InvalidParameterException', 'The specified nextToken is invalid.');
  });

  test('lookup tables are taggable by ARN', async () => {
    await create('t', USERS, { tags: { a: '1' } });
    await h().logs.send(new TagResourceCommand({ resourceArn: tableArn('t'), tags: { b: '2' } }));
    assert.equal((await h().logs.send(new ListTagsForResourceCommand({ resourceArn: tableArn('t') }))).tags, { a: '1', b: '2' });
    await expectError(
      () => h().logs.send(new ListTagsForResourceCommand({ resourceArn: tableArn('gone') })),
      'ResourceNotFoundException',
      'The specified lookup table does not exist.',
    );
  });

  test('at most 100 tables per Region', async () => {
    for (let i = 0; i < 100; i++) await create(`t${i}`, 'a\n1');
    await expectError(() => create('one_more', 'a\n1'), 'LimitExceededException', 'Resource limit exceeded.');
  });
});
