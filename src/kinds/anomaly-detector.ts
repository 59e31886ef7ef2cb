import { buildArn } from '../aws/arn.js';
import { isChanged, type Change } from '../model/change.js';
import type { Step } from '../model/calls.js';
import { canonicalTags, stripLogGroupArnStar } from '../model/normalize.js';
import type { Tags } from '../model/resources.js';
import { bool, str, tagsField } from '../model/schema.js';
import { declared, logs, logsResourceIn, logsTagSteps, ownTags, referenceByName } from './shared.js';
import type { KindSpec } from './types.js';

const FREQUENCIES = ['ONE_MIN', 'FIVE_MIN', 'TEN_MIN', 'FIFTEEN_MIN', 'THIRTY_MIN', 'ONE_HOUR'];

/** A log anomaly detector; AWS's defaults (FIVE_MIN, 21 days, enabled) are filled in. */
export interface AnomalyDetector {
  detectorName: string;
  /** Create-only; ARNs without `:*`. */
  logGroupArnList: string[];
  evaluationFrequency: string;
  /** Absent: every event ("" reads back as absent). */
  filterPattern?: string;
  anomalyVisibilityTime: number;
  /** Create-only. */
  kmsKeyId?: string;
  enabled: boolean;
  tags: Tags;
  /** AWS's generated ARN (read, never declared): updates, deletes and tags name it. */
  anomalyDetectorArn?: string;
}

interface AnomalyDetectorDeclaration {
  logGroupArnList: string[];
  evaluationFrequency?: string;
  filterPattern?: string;
  anomalyVisibilityTime?: number;
  kmsKeyId?: string;
  enabled?: boolean;
  tags?: Tags;
}

/**
 * Log anomaly detectors: `anomalyDetectors.<detectorName>`. AWS identifies a detector by a
 * generated ARN and lets several share a name; the manifest by its name, mapped to the ARN on
 * refresh (an unnamed detector reads as its ARN, so it shows as unmanaged; of two with one name,
 * refresh sees the one listed last). Its log group is a declared group's name or any group's ARN.
 */
export const anomalyDetectorKind: KindSpec<AnomalyDetector> = {
  section: 'anomalyDetectors',
  noun: 'anomaly detector',
  doc: 'Log anomaly detectors by name.',
  fields: {
    kind: 'object',
    doc: 'A log anomaly detector; the key is its name.',
    fields: {
      logGroupArnList: {
        kind: 'list',
        doc: 'The one log group it watches: a name declared under logGroups, or an ARN. Create-only.',
        items: str(''),
        minItems: 1,
        maxItems: 1,
        required: true,
      },
      evaluationFrequency: str('How often it looks for anomalies (default FIVE_MIN).', { enum: FREQUENCIES }),
      filterPattern: str('Only events matching this pattern are analyzed; absent: all.', { allowEmpty: true }),
      anomalyVisibilityTime: { kind: 'integer', doc: 'Days an anomaly stays visible (7 to 90, default 21).', min: 7, max: 90 },
      kmsKeyId: str('ARN of the KMS key that encrypts what it finds. Create-only.'),
      enabled: bool('Whether it analyzes (default true); false pauses it.'),
      tags: tagsField,
    },
  },
  phase: 4,
  createOnly: ['logGroupArnList', 'kmsKeyId'],
  computed: ['anomalyDetectorArn'],
  refersTo: ['logGroup'],

  resolve(decl, ctx) {
    const spec = decl.spec as AnomalyDetectorDeclaration;
    const logGroupArnList = spec.logGroupArnList.map((group, i) => {
      if (group.startsWith('arn:')) return stripLogGroupArnStar(group);
      if (!ctx.isDeclared('logGroup', group)) {
        ctx.fail(`anomaly detector '${decl.name}' watches log group '${group}', which is not declared under logGroups (give an unmanaged group's ARN)`, ['logGroupArnList', i]);
      }
      return buildArn(ctx, 'logs', `log-group:${group}`);
    });
    const d: AnomalyDetector = {
      detectorName: decl.name,
      logGroupArnList,
      evaluationFrequency: spec.evaluationFrequency ?? 'FIVE_MIN',
      anomalyVisibilityTime: spec.anomalyVisibilityTime ?? 21,
      enabled: spec.enabled ?? true,
      tags: canonicalTags({ ...ctx.defaultTags, ...spec.tags }),
    };
    if (spec.filterPattern !== undefined && spec.filterPattern !== '') d.filterPattern = spec.filterPattern;
    if (spec.kmsKeyId !== undefined) d.kmsKeyId = spec.kmsKeyId;
    return d;
  },

  declare(d, ctx) {
    if (d.detectorName === d.anomalyDetectorArn) return ctx.leaveOut('it has no name (the manifests name detectors)');
    return declared({
      // a group of its own account and region by name when declared (resolve builds that ARN back)
      logGroupArnList: d.logGroupArnList.map((arn) => {
        const group = referenceByName(ctx, arn, 'logGroup', 'log-group');
        return group && !group.account ? group.name : arn;
      }),
      evaluationFrequency: d.evaluationFrequency === 'FIVE_MIN' ? undefined : d.evaluationFrequency,
      filterPattern: d.filterPattern,
      anomalyVisibilityTime: d.anomalyVisibilityTime === 21 ? undefined : d.anomalyVisibilityTime,
      kmsKeyId: d.kmsKeyId,
      enabled: d.enabled ? undefined : false,
      tags: ownTags(d.tags, ctx.defaultTags),
    });
  },

  read: {
    list: { from: 'account', requests: [logs('ListLogAnomalyDetectors', { limit: 50 })], items: 'anomalyDetectors', paging: 'nextToken' },
    name: (d) => d.detectorName ?? d.anomalyDetectorArn,
    details: { tags: { each: (d) => logs('ListTagsForResource', { resourceArn: d.anomalyDetectorArn }) } },
    observe(d, details) {
      const out: AnomalyDetector = {
        detectorName: d.detectorName ?? d.anomalyDetectorArn,
        logGroupArnList: ((d.logGroupArnList ?? []) as string[]).map(stripLogGroupArnStar),
        evaluationFrequency: d.evaluationFrequency,
        anomalyVisibilityTime: d.anomalyVisibilityTime,
        enabled: d.anomalyDetectorStatus !== 'PAUSED',
        tags: canonicalTags(details.tags?.tags),
        anomalyDetectorArn: d.anomalyDetectorArn,
      };
      if (d.filterPattern) out.filterPattern = d.filterPattern;
      if (d.kmsKeyId) out.kmsKeyId = d.kmsKeyId;
      return out;
    },
  },

  references: (d, scope) => d.logGroupArnList.flatMap((arn) => logsResourceIn(scope, arn, 'logGroup', 'log-group') ?? []),
  externals: (d) => ({ kmsKeys: d.kmsKeyId ? [{ arn: d.kmsKeyId, enabled: true }] : [] }),
  steps: (change) => (change.action === 'delete' ? [logs('DeleteLogAnomalyDetector', { anomalyDetectorArn: change.before!.anomalyDetectorArn })] : writeSteps(change)),
};

/** UpdateLogAnomalyDetector takes the settings it can change and `enabled`, always. */
const update = (d: AnomalyDetector, anomalyDetectorArn?: string) =>
  logs('UpdateLogAnomalyDetector', { anomalyDetectorArn, evaluationFrequency: d.evaluationFrequency, filterPattern: d.filterPattern ?? '', anomalyVisibilityTime: d.anomalyVisibilityTime, enabled: d.enabled });

function writeSteps(change: Change<AnomalyDetector>): Step[] {
  const after = change.after!;
  if (change.action === 'create' || change.action === 'replace') {
    const { detectorName, logGroupArnList, evaluationFrequency, filterPattern, kmsKeyId, anomalyVisibilityTime } = after;
    const tags = Object.keys(after.tags).length ? after.tags : undefined;
    const create: Step = { ...logs('CreateLogAnomalyDetector', { logGroupArnList, detectorName, evaluationFrequency, filterPattern, kmsKeyId, anomalyVisibilityTime, tags }), creates: true };
    return [
      ...(change.action === 'replace' ? [logs('DeleteLogAnomalyDetector', { anomalyDetectorArn: change.before!.anomalyDetectorArn })] : []),
      create,
      // a detector starts enabled: pausing it needs the ARN the creation returns
      ...(after.enabled ? [] : [{ ...update(after), fromCreation: { anomalyDetectorArn: 'anomalyDetectorArn' } }]),
    ];
  }
  const arn = change.before!.anomalyDetectorArn!;
  const settings = ['evaluationFrequency', 'filterPattern', 'anomalyVisibilityTime', 'enabled'] as const;
  const steps: Step[] = settings.some((s) => isChanged(change, s)) ? [update(after, arn)] : [];
  if (isChanged(change, 'tags')) steps.push(...logsTagSteps(arn, change.before!.tags, after.tags));
  return steps;
}
