import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  DeleteDataProtectionPolicyCommand,
  DescribeLogGroupsCommand,
  GetDataProtectionPolicyCommand,
  PutDataProtectionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport, rejects } from '../helpers/harness.js';

const EMAIL = 'arn:aws:dataprotection::aws:data-identifier/EmailAddress';
const CARD = 'arn:aws:dataprotection::aws:data-identifier/CreditCardNumber';

type Policy = Record<string, unknown>;

/** The seed's example shape: an Audit statement, then a Deidentify statement over the same identifiers. */
function policy(findings: unknown = {}, identifiers: unknown[] = [EMAIL]): Policy {
  return {
    Name: 'data-protection-policy',
    Description: '',
    Version: '2021-06-01',
    Statement: [
      { Sid: 'audit-policy', DataIdentifier: identifiers, Operation: { Audit: { FindingsDestination: findings } } },
      { Sid: 'redact-policy', DataIdentifier: identifiers, Operation: { Deidentify: { MaskConfig: {} } } },
    ],
  };
}

/** `policy()` with one part changed. */
function edit(change: (p: Policy & { Statement: any[] }) => void): string {
  const p = policy() as Policy & { Statement: any[] };
  change(p);
  return JSON.stringify(p);
}

const BROKEN: [string, string, string][] = [
  ['not JSON', '{"Statement": [', 'The data protection policy document is not valid JSON.'],
  ['a JSON array', '[]', 'The data protection policy document must be a JSON object.'],
  ['too long', JSON.stringify({ ...policy(), Description: 'x'.repeat(30_720) }), 'The data protection policy document must be at most 30720 characters long.'],
  [
    'an unknown top-level field',
    edit((p) => (p.Extra = 1)),
    'The data protection policy document contains an unsupported field "Extra"; only Name, Description, Version, Configuration and Statement are allowed.',
  ],
  ['a Name that is not a string', edit((p) => (p.Name = 7)), 'The Name of the data protection policy must be a string.'],
  ['another Version', edit((p) => (p.Version = '2012-10-17')), 'The Version of the data protection policy must be "2021-06-01".'],
  [
    'one statement',
    edit((p) => p.Statement.pop()),
    'The data protection policy must contain exactly two statements: an Audit statement followed by a Deidentify statement.',
  ],
  [
    'three statements',
    edit((p) => p.Statement.push(p.Statement[1])),
    'The data protection policy must contain exactly two statements: an Audit statement followed by a Deidentify statement.',
  ],
  [
    'no Statement',
    edit((p) => delete (p as Policy).Statement),
    'The data protection policy must contain exactly two statements: an Audit statement followed by a Deidentify statement.',
  ],
  ['a statement that is not an object', edit((p) => (p.Statement[1] = 'x')), 'The second statement of the data protection policy must be a JSON object.'],
  [
    'an unknown statement field',
    edit((p) => (p.Statement[0].Effect = 'Allow')),
    'The first statement of the data protection policy contains an unsupported field "Effect"; only Sid, DataIdentifier and Operation are allowed.',
  ],
  ['a Sid that is not a string', edit((p) => (p.Statement[1].Sid = 1)), 'The Sid of the second statement of the data protection policy must be a string.'],
  ['no DataIdentifier', edit((p) => delete p.Statement[0].DataIdentifier), 'The first statement of the data protection policy must contain a non-empty DataIdentifier array.'],
  ['an empty DataIdentifier', edit((p) => (p.Statement[1].DataIdentifier = [])), 'The second statement of the data protection policy must contain a non-empty DataIdentifier array.'],
  [
    'a bare identifier name',
    edit((p) => (p.Statement[0].DataIdentifier = ['EmailAddress'])),
    'Invalid data identifier "EmailAddress": use the ARN of a managed data identifier (arn:aws:dataprotection::aws:data-identifier/NAME) or the Name of a custom data identifier defined in Configuration.',
  ],
  [
    'an identifier ARN of another service',
    edit((p) => (p.Statement[0].DataIdentifier = ['arn:aws:macie::aws:data-identifier/EmailAddress'])),
    'Invalid data identifier "arn:aws:macie::aws:data-identifier/EmailAddress": use the ARN of a managed data identifier (arn:aws:dataprotection::aws:data-identifier/NAME) or the Name of a custom data identifier defined in Configuration.',
  ],
  [
    'an identifier that is not a string',
    edit((p) => (p.Statement[0].DataIdentifier = [3])),
    'Invalid data identifier 3: use the ARN of a managed data identifier (arn:aws:dataprotection::aws:data-identifier/NAME) or the Name of a custom data identifier defined in Configuration.',
  ],
  ['no Operation', edit((p) => delete p.Statement[0].Operation), 'The first statement of the data protection policy must contain an Operation with exactly one Audit action.'],
  [
    'Deidentify in the first statement',
    edit((p) => (p.Statement[0].Operation = { Deidentify: { MaskConfig: {} } })),
    'The first statement of the data protection policy must contain an Operation with exactly one Audit action.',
  ],
  [
    'both actions in one statement',
    edit((p) => (p.Statement[0].Operation.Deidentify = { MaskConfig: {} })),
    'The first statement of the data protection policy must contain an Operation with exactly one Audit action.',
  ],
  [
    'statements in the wrong order',
    edit((p) => p.Statement.reverse()),
    'The first statement of the data protection policy must contain an Operation with exactly one Audit action.',
  ],
  ['Audit without FindingsDestination', edit((p) => (p.Statement[0].Operation.Audit = {})), 'The Audit operation must contain a FindingsDestination object.'],
  ['a FindingsDestination list', edit((p) => (p.Statement[0].Operation.Audit.FindingsDestination = [])), 'The Audit operation must contain a FindingsDestination object.'],
  [
    'an unknown Audit field',
    edit((p) => (p.Statement[0].Operation.Audit.SampleRate = 99)),
    'The Audit operation contains an unsupported field "SampleRate"; only FindingsDestination is allowed.',
  ],
  [
    'Audit in the second statement',
    edit((p) => (p.Statement[1].Operation = { Audit: { FindingsDestination: {} } })),
    'The second statement of the data protection policy must contain an Operation with exactly one Deidentify action.',
  ],
  ['Deidentify without MaskConfig', edit((p) => (p.Statement[1].Operation.Deidentify = {})), 'The Deidentify operation must contain an empty MaskConfig object ("MaskConfig": {}).'],
  [
    'a non-empty MaskConfig',
    edit((p) => (p.Statement[1].Operation.Deidentify.MaskConfig = { MaskWithCharacter: '#' })),
    'The Deidentify operation must contain an empty MaskConfig object ("MaskConfig": {}).',
  ],
  [
    'an unknown Deidentify field',
    edit((p) => (p.Statement[1].Operation.Deidentify.Redact = {})),
    'The Deidentify operation contains an unsupported field "Redact"; only MaskConfig is allowed.',
  ],
  [
    'different identifiers',
    edit((p) => (p.Statement[1].DataIdentifier = [CARD])),
    'The DataIdentifier array of the Deidentify statement must exactly match the DataIdentifier array of the Audit statement.',
  ],
  [
    'the same identifiers in another order',
    edit((p) => {
      p.Statement[0].DataIdentifier = [EMAIL, CARD];
      p.Statement[1].DataIdentifier = [CARD, EMAIL];
    }),
    'The DataIdentifier array of the Deidentify statement must exactly match the DataIdentifier array of the Audit statement.',
  ],
  [
    'an unknown destination kind',
    JSON.stringify(policy({ Kinesis: { Stream: 's' } })),
    'Unsupported findings destination "Kinesis"; use CloudWatchLogs, Firehose or S3.',
  ],
  [
    'a destination without its name',
    JSON.stringify(policy({ CloudWatchLogs: {} })),
    'The CloudWatchLogs findings destination must contain exactly a non-empty LogGroup.',
  ],
  ['a missing audit log group', JSON.stringify(policy({ CloudWatchLogs: { LogGroup: 'nope' } })), 'The findings destination log group "nope" does not exist.'],
  [
    'a missing Firehose stream',
    JSON.stringify(policy({ Firehose: { DeliveryStream: 'nope' } })),
    'The findings destination Firehose delivery stream "nope" does not exist.',
  ],
  ['a missing S3 bucket', JSON.stringify(policy({ S3: { Bucket: 'nope' } })), 'The findings destination S3 bucket "nope" does not exist.'],
  [
    'a malformed Configuration',
    edit((p) => (p.Configuration = { CustomDataIdentifier: {} })),
    'The Configuration of the data protection policy must contain only a CustomDataIdentifier array.',
  ],
  [
    'a custom identifier without Regex',
    edit((p) => (p.Configuration = { CustomDataIdentifier: [{ Name: 'EmployeeId' }] })),
    'Each custom data identifier must have exactly a non-empty Name and a non-empty Regex.',
  ],
  [
    'a custom identifier defined twice',
    edit((p) => (p.Configuration = { CustomDataIdentifier: [{ Name: 'E', Regex: 'a' }, { Name: 'E', Regex: 'b' }] })),
    'The custom data identifier "E" is defined more than once.',
  ],
  [
    'eleven custom identifiers',
    edit((p) => (p.Configuration = { CustomDataIdentifier: Array.from({ length: 11 }, (_, i) => ({ Name: `c${i}`, Regex: 'x' })) })),
    'A data protection policy can define at most 10 custom data identifiers.',
  ],
];

forEachTransport('logs data protection policies', (test, h) => {
  const group = async (name = 'app') => h().logs.send(new CreateLogGroupCommand({ logGroupName: name }));

  test('Put stores the document as sent; Get returns it with the identifier as given', async () => {
    await group();
    const document = JSON.stringify(policy(), null, 2);
    const put = await h().logs.send(new PutDataProtectionPolicyCommand({ logGroupIdentifier: 'app', policyDocument: document }));
    assert.is(put.logGroupIdentifier, 'app');
    assert.is(put.policyDocument, document);
    assert.type(put.lastUpdatedTime, 'number');
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:app';
    const got = await h().logs.send(new GetDataProtectionPolicyCommand({ logGroupIdentifier: arn }));
    assert.is(got.logGroupIdentifier, arn);
    assert.is(got.policyDocument, document);
    assert.is(got.lastUpdatedTime, put.lastUpdatedTime);
    const described = await h().logs.send(new DescribeLogGroupsCommand({}));
    assert.is(described.logGroups?.[0].dataProtectionStatus, 'ACTIVATED');
  });

  test('Put replaces the policy', async () => {
    await group();
    await h().logs.send(new PutDataProtectionPolicyCommand({ logGroupIdentifier: 'app', policyDocument: JSON.stringify(policy()) }));
    await h().admin('POST /_engine/clock', { advanceSeconds: 5 });
    const second = JSON.stringify(policy({}, [CARD]));
    const put = await h().logs.send(new PutDataProtectionPolicyCommand({ logGroupIdentifier: 'app', policyDocument: second }));
    const got = await h().logs.send(new GetDataProtectionPolicyCommand({ logGroupIdentifier: 'app' }));
    assert.is(got.policyDocument, second);
    assert.is(got.lastUpdatedTime, put.lastUpdatedTime);
  });

  test('Get on a group without a policy returns only the identifier; Delete then is ResourceNotFoundException', async () => {
    await group();
    const got = await h().logs.send(new GetDataProtectionPolicyCommand({ logGroupIdentifier: 'app' }));
    assert.is(got.logGroupIdentifier, 'app');
    assert.is(got.policyDocument, undefined);
    assert.is(got.lastUpdatedTime, undefined);
    const e = await rejects(() => h().logs.send(new DeleteDataProtectionPolicyCommand({ logGroupIdentifier: 'app' })));
    assert.is(e.name, 'ResourceNotFoundException');
    assert.is(e.message, 'The specified log group does not have a data protection policy.');
  });

  test('Delete removes the policy', async () => {
    await group();
    await h().logs.send(new PutDataProtectionPolicyCommand({ logGroupIdentifier: 'app', policyDocument: JSON.stringify(policy()) }));
    await h().logs.send(new DeleteDataProtectionPolicyCommand({ logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:app' }));
    const got = await h().logs.send(new GetDataProtectionPolicyCommand({ logGroupIdentifier: 'app' }));
    assert.is(got.policyDocument, undefined);
  });

  test('a missing group, or an ARN of another region or account, is ResourceNotFoundException for all three', async () => {
    await group();
    const document = JSON.stringify(policy());
    for (const id of ['nope', 'arn:aws:logs:eu-west-1:123456789012:log-group:app', 'arn:aws:logs:us-east-1:111122223333:log-group:app']) {
      for (const send of [
        () => h().logs.send(new PutDataProtectionPolicyCommand({ logGroupIdentifier: id, policyDocument: document })),
        () => h().logs.send(new GetDataProtectionPolicyCommand({ logGroupIdentifier: id })),
        () => h().logs.send(new DeleteDataProtectionPolicyCommand({ logGroupIdentifier: id })),
      ]) {
        const e = await rejects(send);
        assert.is(e.name, 'ResourceNotFoundException', id);
        assert.is(e.message, 'The specified log group does not exist.', id);
      }
    }
  });

  test('the ARN with a trailing :* fails the identifier pattern', async () => {
    await group();
    const id = 'arn:aws:logs:us-east-1:123456789012:log-group:app:*';
    const e = await rejects(() => h().logs.send(new GetDataProtectionPolicyCommand({ logGroupIdentifier: id })));
    assert.is(
      e.message,
      `1 validation error detected: Value at 'logGroupIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w#+=/:,.@-]*`,
    );
  });

  test('findings destinations that exist are accepted: a log group here, registered Firehose streams and S3 buckets', async () => {
    await group();
    await group('audit');
    await h().admin('POST /_engine/externals', {
      s3Buckets: ['findings'],
      firehoseStreams: ['arn:aws:firehose:us-east-1:123456789012:deliverystream/findings'],
    });
    const findings = { CloudWatchLogs: { LogGroup: 'audit' }, Firehose: { DeliveryStream: 'findings' }, S3: { Bucket: 'findings' } };
    await h().logs.send(new PutDataProtectionPolicyCommand({ logGroupIdentifier: 'app', policyDocument: JSON.stringify(policy(findings)) }));
  });

  test('custom data identifiers declared in Configuration may be named beside managed ones', async () => {
    await group();
    const document = edit((p) => {
      p.Configuration = { CustomDataIdentifier: [{ Name: 'EmployeeId', Regex: 'EmployeeId-\\d{9}' }] };
      p.Statement[0].DataIdentifier = ['EmployeeId', EMAIL];
      p.Statement[1].DataIdentifier = ['EmployeeId', EMAIL];
    });
    await h().logs.send(new PutDataProtectionPolicyCommand({ logGroupIdentifier: 'app', policyDocument: document }));
    const minimal = JSON.stringify({ Statement: policy().Statement });
    await h().logs.send(new PutDataProtectionPolicyCommand({ logGroupIdentifier: 'app', policyDocument: minimal }));
  });

  test('every broken policy is refused with a message that says what is wrong, and nothing is stored', async () => {
    await group();
    for (const [what, policyDocument, message] of BROKEN) {
      const e = await rejects(() => h().logs.send(new PutDataProtectionPolicyCommand({ logGroupIdentifier: 'app', policyDocument })));
      assert.is(e.name, 'InvalidParameterException', what);
      assert.is(e.message, message, what);
    }
    const got = await h().logs.send(new GetDataProtectionPolicyCommand({ logGroupIdentifier: 'app' }));
    assert.is(got.policyDocument, undefined);
  });
});
