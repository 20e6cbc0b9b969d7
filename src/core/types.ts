/** AWS credentials. `expiration` is always the one STS returned, never "now + duration". */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** Same shape as the AWS SDK's credential providers. */
export type CredentialSource = () => Promise<AwsCredentials>;
