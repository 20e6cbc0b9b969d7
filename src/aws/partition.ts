/**
 * AWS partitions (aws, aws-us-gov, aws-cn): every rule that tells one from another — by region,
 * by the SAML sign-in URL, by ARN — and each partition's hosts, in one table.
 */
export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn';

interface PartitionInfo {
  /** DNS suffix of the regional service endpoints (sts.cn-north-1.amazonaws.com.cn). */
  dnsSuffix: string;
  signin: string;
  consoleHost: string;
  /** The region STS is called in when the configured region belongs to another partition. */
  defaultRegion: string;
}

const PARTITIONS: Record<Partition, PartitionInfo> = {
  aws: { dnsSuffix: 'amazonaws.com', signin: 'https://signin.aws.amazon.com', consoleHost: 'console.aws.amazon.com', defaultRegion: 'us-east-1' },
  'aws-us-gov': {
    dnsSuffix: 'amazonaws.com',
    signin: 'https://signin.amazonaws-us-gov.com',
    consoleHost: 'console.amazonaws-us-gov.com',
    defaultRegion: 'us-gov-west-1',
  },
  'aws-cn': { dnsSuffix: 'amazonaws.com.cn', signin: 'https://signin.amazonaws.cn', consoleHost: 'console.amazonaws.cn', defaultRegion: 'cn-north-1' },
};

/** The `arn:<partition>` alternatives, for ARN patterns. */
export const ARN_PARTITION = '(aws|aws-us-gov|aws-cn)';

export function partitionInfo(partition: Partition): PartitionInfo {
  return PARTITIONS[partition];
}

/** A region name tells the partition when nothing better is known. */
export function partitionOfRegion(region: string | undefined): Partition {
  return region?.startsWith('us-gov-') ? 'aws-us-gov' : region?.startsWith('cn-') ? 'aws-cn' : 'aws';
}

/** AWS's SAML sign-in (ACS) URL names the partition. */
export function partitionOfSignin(destination: string | undefined): Partition {
  if (!destination) return 'aws';
  if (destination.includes('amazonaws-us-gov.com')) return 'aws-us-gov';
  if (destination.includes('amazonaws.cn')) return 'aws-cn';
  return 'aws';
}

/** The DNS suffix of a region's partition. */
export function dnsSuffix(region: string): string {
  return PARTITIONS[partitionOfRegion(region)].dnsSuffix;
}

/** A region in the SAML assertion's partition (STS of another partition rejects the assertion). */
export function stsRegionFor(partition: Partition, region: string): string {
  return partitionOfRegion(region) === partition ? region : PARTITIONS[partition].defaultRegion;
}
