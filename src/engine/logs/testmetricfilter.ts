import type { Call } from '../call.js';
import type { Handler } from '../service.js';
import { compileFilterPattern } from './pattern/index.js';

/** TestMetricFilter's input, as the model validated it. */
interface TestMetricFilterInput {
  filterPattern: string;
  logEventMessages: string[];
}

/** One matching message, as AWS reports it: 1-based position, the message, and the extracted fields. */
interface MetricFilterMatchRecord {
  eventNumber: number;
  eventMessage: string;
  extractedValues: Record<string, string>;
}

/** Tests a filter pattern against sample messages; no state is read or written. */
function testMetricFilter(_call: Call, input: TestMetricFilterInput): { matches: MetricFilterMatchRecord[] } {
  const pattern = compileFilterPattern(input.filterPattern, 'TestMetricFilter');
  const matches: MetricFilterMatchRecord[] = [];
  input.logEventMessages.forEach((eventMessage, i) => {
    const match = pattern.match(eventMessage);
    if (match) matches.push({ eventNumber: i + 1, eventMessage, extractedValues: match.extractedValues });
  });
  return { matches };
}

export const testMetricFilterOperations: Record<string, Handler> = {
  TestMetricFilter: testMetricFilter,
};
