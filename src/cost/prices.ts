/**
 * CloudWatch Logs list prices per region, in micro-USD (1 USD = 1,000,000), so that sums stay exact:
 * ingestion ("Collect (Data Ingestion)") per GB for the Standard and the Infrequent Access class,
 * and storage ("Store (Archival)") per GB-month, the same for both classes. A GB is 2^30 bytes.
 *
 * Source: https://aws.amazon.com/cloudwatch/pricing/ (the Logs tab, custom logs), which the AWS
 * Price List API publishes as AmazonCloudWatch usage types <REGION>-DataProcessing-Bytes,
 * <REGION>-DataProcessingIA-Bytes and <REGION>-TimedStorage-ByteHrs. Infrequent Access ingests at
 * half the Standard price in every region. Read on the date below; prices change — compare with
 * the page before quoting a figure. A region missing here is not priced (the plan says so).
 */
export const PRICES_AS_OF = '2025-10-28';
export const PRICES_SOURCE = 'https://aws.amazon.com/cloudwatch/pricing/';

/** One region's CloudWatch Logs prices (micro-USD). */
export interface RegionPrices {
  ingestionPerGb: { STANDARD: number; INFREQUENT_ACCESS: number };
  storagePerGbMonth: number;
}

const region = (standard: number, storage: number): RegionPrices => ({
  ingestionPerGb: { STANDARD: standard, INFREQUENT_ACCESS: standard / 2 },
  storagePerGbMonth: storage,
});

/** The common regions (own-property table: the region comes from the command line). */
const PRICES: ReadonlyMap<string, RegionPrices> = new Map([
  ['us-east-1', region(500_000, 30_000)],
  ['us-east-2', region(500_000, 30_000)],
  ['us-west-2', region(500_000, 30_000)],
  ['ca-central-1', region(550_000, 33_000)],
  ['eu-west-1', region(570_000, 30_000)],
  ['eu-west-2', region(598_500, 31_500)],
  ['eu-central-1', region(630_000, 32_400)],
  ['ap-northeast-1', region(760_000, 33_000)],
  ['ap-southeast-1', region(700_000, 33_000)],
  ['ap-southeast-2', region(700_000, 33_000)],
  ['sa-east-1', region(900_000, 40_800)],
]);

/** A region's prices; undefined for a region this table does not hold. */
export const pricesOf = (regionName: string): RegionPrices | undefined => PRICES.get(regionName);

/** Bytes per GB as AWS bills CloudWatch Logs data. */
export const GB = 2 ** 30;

/** A month of storage as AWS prorates it: 730 hours. */
export const DAYS_PER_MONTH = 730 / 24;
