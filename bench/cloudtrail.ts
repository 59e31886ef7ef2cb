import { CloudTrailClient, CreateTrailCommand, DescribeTrailsCommand, GetTrailStatusCommand, LookupEventsCommand, PutEventSelectorsCommand } from '@aws-sdk/client-cloudtrail';
import { Engine } from '../src/engine/engine.js';
import { EngineRequestHandler } from '../src/engine/protocol/sdk-handler.js';
import { throughput, type Figure } from './engine.js';

/** CloudTrail per-call cost in process, through the real SDK client. */
export async function benchCloudTrail(seconds: number): Promise<Figure[]> {
  const engine = new Engine();
  engine.registerExternals({ region: 'us-east-1', s3Buckets: ['bench-trail-logs'] });
  const client = new CloudTrailClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'secret' },
    endpoint: 'http://engine.local',
    requestHandler: new EngineRequestHandler(engine),
    maxAttempts: 1,
  });
  for (let i = 0; i < 5; i++) await client.send(new CreateTrailCommand({ Name: `bench-${i}`, S3BucketName: 'bench-trail-logs' }));
  const selectors = [{ ReadWriteType: 'All' as const, IncludeManagementEvents: true, DataResources: [] }];
  const cases: [string, () => Promise<unknown>][] = [
    ['DescribeTrails (5 trails)', () => client.send(new DescribeTrailsCommand({}))],
    ['GetTrailStatus', () => client.send(new GetTrailStatusCommand({ Name: 'bench-1' }))],
    ['PutEventSelectors', () => client.send(new PutEventSelectorsCommand({ TrailName: 'bench-2', EventSelectors: selectors }))],
    ['LookupEvents (50 of the engine trail)', () => client.send(new LookupEventsCommand({ MaxResults: 50 }))],
  ];
  const figures: Figure[] = [];
  for (const [name, send] of cases) {
    const rate = await throughput(seconds * 1000, 1, async () => {
      await send();
    });
    figures.push({ name: `in-process SDK ${name}`, value: 1000 / rate, unit: 'ms/call', target: '≤ 1 ms' });
  }
  client.destroy();
  return figures;
}
