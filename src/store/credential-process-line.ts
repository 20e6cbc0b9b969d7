/**
 * Whether an AWS config `credential_process` line runs okta-bedrock's (`… credential-process
 * --profile X`, however okta-bedrock is invoked: on PATH, node + bin, setup-aws --command).
 */
export function isOurCredentialProcess(line: string | undefined): boolean {
  return line !== undefined && /\bcredential-process\b/.test(line);
}
