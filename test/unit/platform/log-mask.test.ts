import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/log.js';

const logger = () => {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: 'debug', write: (l) => lines.push(l) }) };
};

describe('masking keeps ARNs and account ids whole (they are not secrets)', () => {
  it('an MFA code that occurs inside an account id does not mask its digits', () => {
    const { lines, log } = logger();
    log.addSecret('123456'); // the code just typed
    log.addSecret('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    log.info('Assuming role arn:aws:iam::123456789012:role/my-bedrock-role');
    log.info('GetCallerIdentity: arn:aws:sts::123456789012:assumed-role/my-bedrock-role/alice@example.com (account 123456789012)');
    log.info('code 123456 refused; key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(lines).toEqual([
      'Assuming role arn:aws:iam::123456789012:role/my-bedrock-role',
      'GetCallerIdentity: arn:aws:sts::123456789012:assumed-role/my-bedrock-role/alice@example.com (account 123456789012)',
      'code **** refused; key ****',
    ]);
  });

  it('other secrets are still masked around an ARN, and in partitions other than aws', () => {
    const { lines, log } = logger();
    log.addSecret('hunter2-password');
    log.addSecret('9012');
    log.info('hunter2-password for arn:aws-us-gov:iam::210987659012:role/x, 9012 alone');
    expect(lines).toEqual(['**** for arn:aws-us-gov:iam::210987659012:role/x, **** alone']);
    expect(log.redact?.('token hunter2-password')).toBe('token ****');
  });
});
