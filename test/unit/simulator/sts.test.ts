import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, AssumeRoleWithSAMLCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BEDROCK_ROLE_ARN, GATEWAY_ROLE_ARN, SAML_PROVIDER_ARN, startSimulator, type Simulator, type SimulatorOptions } from '../../../src/simulator/index.js';
import { fetchSaml, loginWithTotp, sessionCookie, stsCall, xmlValue } from './helpers.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const samlFor = async (sim: Simulator): Promise<string> => fetchSaml(sim, await sessionCookie(sim, await loginWithTotp(sim)));

const assumeWithSaml = (sim: Simulator, saml: string, extra: Record<string, string> = {}) =>
  stsCall(sim, { Action: 'AssumeRoleWithSAML', RoleArn: GATEWAY_ROLE_ARN, PrincipalArn: SAML_PROVIDER_ARN, SAMLAssertion: saml, ...extra });

const errorCode = (xml: string): string | undefined => xmlValue(xml, 'Code');

describe('simulator STS', () => {
  let sim: Simulator;
  const start = async (options: SimulatorOptions = {}): Promise<void> => {
    sim = await startSimulator(options);
  };
  beforeEach(async () => {
    await start();
  });
  afterEach(async () => {
    await sim.close();
  });

  it('AssumeRoleWithSAML returns role credentials', async () => {
    const res = await assumeWithSaml(sim, await samlFor(sim), { DurationSeconds: '3600' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<AssumeRoleWithSAMLResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
    expect(xmlValue(res.text, 'AccessKeyId')).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(xmlValue(res.text, 'SecretAccessKey')).toHaveLength(40);
    expect(xmlValue(res.text, 'Arn')).toBe('arn:aws:sts::123456789012:assumed-role/my-developer-gateway-role/alice@example.com');
    expect(xmlValue(res.text, 'Audience')).toBe('https://signin.aws.amazon.com/saml');
    expect(xmlValue(res.text, 'Subject')).toBe('alice@example.com');
    expect(xmlValue(res.text, 'SubjectType')).toBe('urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified');
    const expiration = Date.parse(xmlValue(res.text, 'Expiration') ?? '');
    expect(Math.abs(expiration - (Date.now() + 3600_000))).toBeLessThan(5000);
    expect(res.headers.get('x-amzn-requestid')).toBe(xmlValue(res.text, 'RequestId'));
    expect(sim.issuedCredentials.size).toBe(1);
    expect(sim.requests.filter((r) => r.service === 'sts').map((r) => r.action)).toEqual(['AssumeRoleWithSAML']);
  });

  it('rejects a tampered assertion with InvalidIdentityToken', async () => {
    sim.scenario.tamperAssertion = true;
    const saml = await samlFor(sim);
    expect(Buffer.from(saml, 'base64').toString()).toContain('role/my-developer-gateway-role-admin');
    const res = await assumeWithSaml(sim, saml, { RoleArn: `${GATEWAY_ROLE_ARN}-admin` });
    expect(res.status).toBe(400);
    expect(errorCode(res.text)).toBe('InvalidIdentityToken');
    expect(res.text).toContain('<Type>Sender</Type>');
  });

  it('rejects malformed SAML, an unknown role and an over-long duration', async () => {
    const saml = await samlFor(sim);
    expect(errorCode((await assumeWithSaml(sim, 'bm90IHhtbA==')).text)).toBe('InvalidIdentityToken');
    const wrongRole = await assumeWithSaml(sim, saml, { RoleArn: BEDROCK_ROLE_ARN });
    expect([wrongRole.status, errorCode(wrongRole.text)]).toEqual([403, 'AccessDenied']);
    const tooLong = await assumeWithSaml(sim, saml, { DurationSeconds: '7200' });
    expect([tooLong.status, errorCode(tooLong.text)]).toEqual([400, 'ValidationError']);
    expect(xmlValue(tooLong.text, 'Message')).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    const outOfRange = await assumeWithSaml(sim, saml, { DurationSeconds: '60' });
    expect(errorCode(outOfRange.text)).toBe('ValidationError');
  });

  it('rejects an expired assertion with ExpiredTokenException', async () => {
    await sim.close();
    let now = Date.UTC(2026, 10, 21, 12, 0, 10);
    await start({ clock: { now: () => new Date(now) } });
    const saml = await samlFor(sim);
    now += 6 * 60_000;
    const res = await assumeWithSaml(sim, saml);
    expect([res.status, errorCode(res.text)]).toEqual([400, 'ExpiredTokenException']);
  });

  it('accepts the SDK: AssumeRoleWithSAML, chained AssumeRole and GetCallerIdentity', async () => {
    const unsigned = new STSClient({ endpoint: sim.stsUrl, region: 'us-east-1' });
    const saml = await unsigned.send(
      new AssumeRoleWithSAMLCommand({ RoleArn: GATEWAY_ROLE_ARN, PrincipalArn: SAML_PROVIDER_ARN, SAMLAssertion: await samlFor(sim) }),
    );
    const c = saml.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('no credentials');
    const credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    const client = new STSClient({ endpoint: sim.stsUrl, region: 'us-east-1', credentials });
    const chained = await client.send(new AssumeRoleCommand({ RoleArn: BEDROCK_ROLE_ARN, RoleSessionName: 'bedrock' }));
    expect(chained.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/my-bedrock-role/bedrock');
    expect(chained.Credentials?.Expiration).toBeInstanceOf(Date);
    const me = await client.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/my-developer-gateway-role/alice@example.com' });

    const chainLimit = client.send(new AssumeRoleCommand({ RoleArn: BEDROCK_ROLE_ARN, RoleSessionName: 'bedrock', DurationSeconds: 7200 }));
    await expect(chainLimit).rejects.toThrow('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');

    const wrongSecret = new STSClient({
      endpoint: sim.stsUrl,
      region: 'us-east-1',
      credentials: { ...credentials, secretAccessKey: 'x'.repeat(40) },
      maxAttempts: 1,
    });
    await expect(wrongSecret.send(new AssumeRoleCommand({ RoleArn: BEDROCK_ROLE_ARN, RoleSessionName: 'b1' }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    const unknown = new STSClient({ endpoint: sim.stsUrl, region: 'eu-west-1', credentials: { ...credentials, accessKeyId: 'ASIAUNKNOWNUNKNOWN00' } });
    await expect(unknown.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });

  it('requires SigV4 for AssumeRole and expires issued credentials by the simulator clock', async () => {
    const missing = await stsCall(sim, { Action: 'AssumeRole', RoleArn: BEDROCK_ROLE_ARN, RoleSessionName: 'x1' });
    expect([missing.status, errorCode(missing.text)]).toEqual([403, 'MissingAuthenticationToken']);

    await sim.close();
    let now = Date.now();
    await start({ clock: { now: () => new Date(now) }, credentialLifetimeSeconds: 60 });
    const saml = await assumeWithSaml(sim, await samlFor(sim));
    expect(Date.parse(xmlValue(saml.text, 'Expiration') ?? '') - now).toBeLessThanOrEqual(60_000);
    const credentials = {
      accessKeyId: xmlValue(saml.text, 'AccessKeyId') ?? '',
      secretAccessKey: xmlValue(saml.text, 'SecretAccessKey') ?? '',
      sessionToken: xmlValue(saml.text, 'SessionToken') ?? '',
    };
    now += 61_000;
    const client = new STSClient({ endpoint: sim.stsUrl, region: 'us-east-1', credentials });
    await expect(client.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
  });
});
