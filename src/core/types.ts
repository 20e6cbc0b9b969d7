/** AWS credentials. `expiration` is always the one STS returned, never "now + duration". */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}
