import * as assert from 'uvu/assert';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutAccountPolicyCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
  PutSubscriptionFilterCommand,
  PutTransformerCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { forEachTransport } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const LAMBDA = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:ship`;
const MINUTE = 60_000;
const KEY_VALUE = [{ parseKeyValue: { fieldDelimiter: ' ', keyValueDelimiter: '=' } }];

forEachTransport('logs: filters on transformed logs', (test, h) => {
  const setup = async (logGroupName = 'app') => {
    h().engine.registerExternals({ lambdaFunctions: [LAMBDA] });
    await h().logs.send(new CreateLogGroupCommand({ logGroupName }));
    await h().logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: 's' }));
  };
  const send = (messages: string[], t: number, logGroupName = 'app') =>
    h().logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: 's', logEvents: messages.map((message, i) => ({ timestamp: t + i, message })) }));
  const metricFilter = (filterName: string, applyOnTransformedLogs: boolean) =>
    h().logs.send(
      new PutMetricFilterCommand({
        logGroupName: 'app',
        filterName,
        filterPattern: '{ $.level = "error" }',
        applyOnTransformedLogs,
        metricTransformations: [{ metricName: filterName, metricNamespace: 'App', metricValue: '1' }],
      }),
    );
  const metrics = async () => (await h().admin('POST /_engine/metrics', {})).body.metrics as { metricName: string; value: number }[];
  const minuteStart = () => Math.floor((Date.now() - 10 * MINUTE) / MINUTE) * MINUTE;

  test("a filter with applyOnTransformedLogs matches the group's transformed events; one without sees them as ingested", async () => {
    await setup();
    await h().logs.send(new PutTransformerCommand({ logGroupIdentifier: 'app', transformerConfig: KEY_VALUE }));
    await metricFilter('transformed', true);
    await metricFilter('raw', false);
    await send(['level=error code=7', 'level=info code=1'], minuteStart());
    // as ingested these are no JSON events; transformed, key=value became fields
    assert.equal((await metrics()).map((m) => m.metricName), ['transformed']);
  });

  test('a subscription with applyOnTransformedLogs delivers the transformed messages', async () => {
    await setup();
    await h().logs.send(new PutTransformerCommand({ logGroupIdentifier: 'app', transformerConfig: KEY_VALUE }));
    await h().logs.send(new PutSubscriptionFilterCommand({ logGroupName: 'app', filterName: 'ship', filterPattern: '', destinationArn: LAMBDA, applyOnTransformedLogs: true }));
    await send(['level=warn user=ana'], minuteStart());
    const { deliveries } = (await h().admin('POST /_engine/deliveries', {})).body as { deliveries: { payload: { logEvents: { message: string }[] } }[] };
    assert.equal(deliveries.map((d) => d.payload.logEvents.map((e) => JSON.parse(e.message))), [[{ level: 'warn', user: 'ana' }]]);
  });

  test("an account TRANSFORMER_POLICY transforms for groups it selects that have no transformer of their own", async () => {
    await setup();
    await h().logs.send(
      new PutAccountPolicyCommand({ policyName: 'kv', policyType: 'TRANSFORMER_POLICY', policyDocument: JSON.stringify({ transformerConfig: KEY_VALUE }), selectionCriteria: 'LogGroupNamePrefix IN ["app"]' }),
    );
    await metricFilter('transformed', true);
    await send(['level=error'], minuteStart());
    assert.equal((await metrics()).map((m) => m.metricName), ['transformed']);
  });

  test("the account policy's processors are checked as PutTransformer checks them", async () => {
    const error = await h()
      .logs.send(new PutAccountPolicyCommand({ policyName: 'bad', policyType: 'TRANSFORMER_POLICY', policyDocument: JSON.stringify({ transformerConfig: [{ lowerCaseString: { withKeys: ['a'] } }] }) }))
      .then(() => undefined, (e: Error) => e);
    assert.is(error?.name, 'InvalidParameterException');
  });
});
