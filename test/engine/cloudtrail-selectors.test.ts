import * as assert from 'uvu/assert';
import {
  CreateEventDataStoreCommand,
  CreateTrailCommand,
  GetEventSelectorsCommand,
  GetInsightSelectorsCommand,
  GetTrailCommand,
  PutEventSelectorsCommand,
  PutInsightSelectorsCommand,
  type AdvancedEventSelector,
  type AdvancedFieldSelector,
  type EventSelector,
  type PutEventSelectorsCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { forEachTransport, rejects } from '../helpers/harness.js';

const ACCOUNT = '123456789012';
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
const DEFAULT: EventSelector[] = [
  { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
];
const s3Data = (values: string[]): EventSelector => ({ DataResources: [{ Type: 'AWS::S3::Object', Values: values }] });

forEachTransport('cloudtrail selectors', (test, h) => {
  const put = (input: Omit<PutEventSelectorsCommandInput, 'TrailName'>, name = 'main') =>
    h().trail.send(new PutEventSelectorsCommand({ TrailName: name, ...input }));
  const get = () => h().trail.send(new GetEventSelectorsCommand({ TrailName: 'main' }));
  const invalid = async (input: Omit<PutEventSelectorsCommandInput, 'TrailName'>, message?: string) => {
    const e = await rejects(() => put(input));
    assert.is(e.name, 'InvalidEventSelectorsException', JSON.stringify(input));
    if (message !== undefined) assert.is(e.message, message);
  };

  test.before.each(async () => {
    await h().admin('POST /_engine/externals', { s3Buckets: ['trail-logs'] });
    await h().trail.send(new CreateTrailCommand({ Name: 'main', S3BucketName: 'trail-logs', IsMultiRegionTrail: true }));
  });

  test('a trail without custom selectors reports the default selector', async () => {
    const out = await get();
    assert.is(out.TrailARN, TRAIL_ARN);
    assert.equal(out.EventSelectors, DEFAULT);
    assert.is(out.AdvancedEventSelectors, undefined);
  });

  test('PutEventSelectors replaces the selectors, defaults filled in; advanced and basic replace each other', async () => {
    const out = await put({ EventSelectors: [{ ReadWriteType: 'WriteOnly' }, s3Data(['arn:aws:s3:::bucket-1/'])] });
    const expected = [
      { ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
      { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::bucket-1/'] }], ExcludeManagementEventSources: [] },
    ];
    assert.equal(out.EventSelectors, expected);
    assert.equal((await get()).EventSelectors, expected);
    assert.is((await h().trail.send(new GetTrailCommand({ Name: 'main' }))).Trail!.HasCustomEventSelectors, true);
    const advanced: AdvancedEventSelector[] = [{ Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }];
    await put({ AdvancedEventSelectors: advanced });
    const now = await get();
    assert.equal(now.AdvancedEventSelectors, advanced);
    assert.is(now.EventSelectors, undefined);
    await put({ EventSelectors: [{}] });
    assert.equal((await get()).EventSelectors, DEFAULT);
  });

  test('basic selector rules: count, types, value forms, sources, management or data', async () => {
    await invalid({ EventSelectors: [{}], AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] }] });
    await invalid({});
    await invalid({ EventSelectors: Array.from({ length: 6 }, () => ({})) }, 'Specify a valid number of event selectors (1 to 5) for a trail.');
    const values = Array.from({ length: 251 }, (_, i) => `arn:aws:s3:::bucket-${i}/`);
    await invalid({ EventSelectors: [s3Data(values)] }, 'Specify a valid number of DataResources.Values (0 to 250) for all your selectors');
    await invalid({ EventSelectors: [s3Data(['arn:aws:s3:::*'])] }, 'Value arn:aws:s3:::* for DataResources.Values is invalid.');
    await invalid({ EventSelectors: [s3Data(['arn:aws:s3:::bucket-1'])] }, 'Value arn:aws:s3:::bucket-1 for DataResources.Values is invalid.');
    await invalid(
      { EventSelectors: [{ DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda:*'] }] }] },
      'Value arn:aws:lambda:* for DataResources.Values is invalid.',
    );
    await invalid(
      { EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::AccessPoint', Values: ['arn:aws:s3'] }] }] },
      'Value AWS::S3::AccessPoint for DataResources.Type is invalid.',
    );
    await invalid({ EventSelectors: [{ ExcludeManagementEventSources: ['logs.amazonaws.com'] }] });
    await invalid(
      { EventSelectors: [{ IncludeManagementEvents: false }] },
      'Invalid combination of parameters in EventSelectors. When includeManagementEvents is false, DataResources must not be empty.',
    );
    const ok = await put({
      EventSelectors: [
        { IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }, { Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] },
        { ExcludeManagementEventSources: ['kms.amazonaws.com'], DataResources: [{ Type: 'AWS::DynamoDB::Table', Values: [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`] }] },
      ],
    });
    assert.is(ok.EventSelectors!.length, 2);
  });

  test('advanced selector rules: fields, operators, categories, resource ARNs, 500 values', async () => {
    const sel = (...fields: AdvancedFieldSelector[]) => ({ AdvancedEventSelectors: [{ FieldSelectors: fields }] });
    await invalid(sel({ Field: 'eventName', Equals: ['PutObject'] }));
    await invalid(sel({ Field: 'eventCategory', StartsWith: ['Data'] }));
    await invalid(sel({ Field: 'eventCategory', Equals: ['Data'] }));
    await invalid(sel({ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', NotEquals: ['AWS::S3::Object'] }));
    await invalid(sel({ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'color', Equals: ['blue'] }));
    await invalid(sel({ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', Equals: ['s3.amazonaws.com'] }));
    await invalid(sel({ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }));
    await invalid(sel(
      { Field: 'eventCategory', Equals: ['Data'] },
      { Field: 'resources.type', Equals: ['AWS::Lambda::Function'] },
      { Field: 'resources.ARN', Equals: ['arn:aws:s3:::bucket-1/'] },
    ));
    const many = Array.from({ length: 499 }, (_, i) => `Get${i}`);
    await invalid(
      sel({ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'eventName', Equals: many }),
      'Specify up to 500 values for all conditions in all advanced event selectors for a trail.',
    );
    const ok = await put(sel(
      { Field: 'eventCategory', Equals: ['Data'] },
      { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
      { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::bucket-1/'] },
      { Field: 'readOnly', Equals: ['false'] },
    ));
    assert.is(ok.AdvancedEventSelectors![0]!.FieldSelectors!.length, 4);
    await put(sel({ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }));
  });

  test('selectors change from the home region only; shadows read them by ARN', async () => {
    const eu = h().clients({ region: 'eu-west-1' }).trail;
    const e = await rejects(() => eu.send(new PutEventSelectorsCommand({ TrailName: 'main', EventSelectors: [{}] })));
    assert.is(e.name, 'InvalidHomeRegionException');
    const read = await eu.send(new GetEventSelectorsCommand({ TrailName: TRAIL_ARN }));
    assert.equal(read.EventSelectors, DEFAULT);
    const unknown = await rejects(() => put({ EventSelectors: [{}] }, 'other'));
    assert.is(unknown.name, 'TrailNotFoundException');
    assert.is(unknown.message, `Unknown trail: other for the user: ${ACCOUNT}`);
  });

  test('Insights: enable, read, need the right management events, turn off with an empty list', async () => {
    const getInsights = () => h().trail.send(new GetInsightSelectorsCommand({ TrailName: 'main' }));
    const none = await rejects(getInsights);
    assert.is(none.name, 'InsightNotEnabledException');
    const out = await h().trail.send(new PutInsightSelectorsCommand({ TrailName: 'main', InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }] }));
    assert.equal(out.InsightSelectors, [{ InsightType: 'ApiCallRateInsight' }]);
    assert.equal((await getInsights()).InsightSelectors, [{ InsightType: 'ApiCallRateInsight' }]);
    assert.is((await h().trail.send(new GetTrailCommand({ Name: 'main' }))).Trail!.HasInsightSelectors, true);
    const dup = await rejects(() => h().trail.send(new PutInsightSelectorsCommand({
      TrailName: 'main', InsightSelectors: [{ InsightType: 'ApiErrorRateInsight' }, { InsightType: 'ApiErrorRateInsight' }],
    })));
    assert.is(dup.name, 'InvalidInsightSelectorsException');
    await put({ EventSelectors: [{ ReadWriteType: 'ReadOnly' }] });
    const writes = await rejects(() => h().trail.send(new PutInsightSelectorsCommand({ TrailName: 'main', InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }] })));
    assert.is(writes.name, 'InvalidInsightSelectorsException');
    assert.is(writes.message, 'To log ApiCallRateInsight Insights on management events, the trail must log write management events.');
    const data = await rejects(() => h().trail.send(new PutInsightSelectorsCommand({
      TrailName: 'main', InsightSelectors: [{ InsightType: 'ApiErrorRateInsight', EventCategories: ['Data'] }],
    })));
    assert.is(data.name, 'InvalidInsightSelectorsException');
    await h().trail.send(new PutInsightSelectorsCommand({ TrailName: 'main', InsightSelectors: [{ InsightType: 'ApiErrorRateInsight' }] }));
    await h().trail.send(new PutInsightSelectorsCommand({ TrailName: 'main', InsightSelectors: [] }));
    assert.is((await rejects(getInsights)).name, 'InsightNotEnabledException');
    const both = await rejects(() => h().trail.send(new PutInsightSelectorsCommand({ TrailName: 'main', EventDataStore: 'x'.repeat(36), InsightSelectors: [] })));
    assert.is(both.name, 'InvalidParameterCombinationException');
  });

  test('Insights on an event data store go to an Insights destination store', async () => {
    const source = (await h().trail.send(new CreateEventDataStoreCommand({ Name: 'source' }))).EventDataStoreArn!;
    const destination = (await h().trail.send(new CreateEventDataStoreCommand({
      Name: 'insights', AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Insight'] }] }],
    }))).EventDataStoreArn!;
    const selectors = [{ InsightType: 'ApiCallRateInsight' as const }];
    const noDest = await rejects(() => h().trail.send(new PutInsightSelectorsCommand({ EventDataStore: source, InsightSelectors: selectors })));
    assert.is(noDest.name, 'InvalidParameterCombinationException');
    const wrongDest = await rejects(() => h().trail.send(new PutInsightSelectorsCommand({ EventDataStore: source, InsightsDestination: source, InsightSelectors: selectors })));
    assert.is(wrongDest.name, 'InvalidInsightSelectorsException');
    const out = await h().trail.send(new PutInsightSelectorsCommand({ EventDataStore: source, InsightsDestination: destination, InsightSelectors: selectors }));
    assert.is(out.InsightsDestination, destination);
    const read = await h().trail.send(new GetInsightSelectorsCommand({ EventDataStore: source }));
    assert.equal(read.InsightSelectors, selectors);
    assert.is(read.EventDataStoreArn, source);
  });
});
