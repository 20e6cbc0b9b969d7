import { startBedrock } from './bedrock/start.js';
import { signingKey } from './certs.js';
import { defaultApp, defaultScenario, defaultUser, DEFAULT_ACCOUNT_ID } from './fixtures.js';
import { listen, type Completed } from './http.js';
import { oktaId, oktaToken, randomAlnum } from './ids.js';
import type { OktaContext } from './okta/context.js';
import { oktaHandler } from './okta/server.js';
import { idxSecrets } from './idx/routes.js';
import { totpCode } from './okta/totp.js';
import { oieControl } from './oie/control.js';
import { browserControl } from './browser/state.js';
import { RP_ID } from './browser/webauthn.js';
import { defaultOidcClient } from './oie/fixtures.js';
import { attachOie, createOieState } from './oie/state.js';
import type { StsContext } from './sts/context.js';
import { stsHandler } from './sts/server.js';
import type { IssuedCredential, RequestLogEntry, SentCode, SimClock, Simulator, SimulatorOptions } from './types.js';

const realClock: SimClock = { now: () => new Date() };

/** Start the Okta org and the STS endpoint on two ephemeral 127.0.0.1 ports. */
export const startSimulator = async (options: SimulatorOptions = {}): Promise<Simulator> => {
  const clock = options.clock ?? realClock;
  // Copies, so a test that changes a user or app (status, roles) never leaks into another simulator.
  const users = structuredClone(options.users ?? [defaultUser]);
  const apps = structuredClone(options.apps ?? [defaultApp()]);
  const scenario = { ...defaultScenario(), ...options.scenario };
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const key = await signingKey();
  const requests: RequestLogEntry[] = [];
  const issuedCredentials = new Map<string, IssuedCredential>();
  const outbox: SentCode[] = [];
  const adminApiToken = oktaToken('00');
  const log =
    (service: RequestLogEntry['service']) =>
    ({ req, res }: Completed): void => {
      requests.push({ service, method: req.method, path: req.url.pathname, status: res.status, action: res.action, at: clock.now() });
    };

  const okta: OktaContext = {
    baseUrl: '',
    orgId: oktaId('00o'),
    orgName: 'Example Org',
    issuer: `http://www.okta.com/exk${randomAlnum(17)}`,
    clock,
    users,
    apps,
    scenario,
    accountId,
    sessionLifetimeSeconds: options.oktaSessionLifetimeSeconds ?? 7200,
    signing: key,
    transactions: new Map(),
    sessionTokens: new Map(),
    sessions: new Map(),
    usedTotpSteps: new Set(),
    adminApiToken,
    rememberedDevices: new Map(),
    pendingStepUps: new Map(),
    outbox,
  };
  const sts: StsContext = {
    clock,
    accountId,
    scenario,
    certificatePem: key.certificatePem,
    credentialLifetimeSeconds: options.credentialLifetimeSeconds,
    realClock: options.clock === undefined,
    issuedCredentials,
    identities: new Map(),
  };
  okta.issuedSaml = [];
  const oie = createOieState(okta, structuredClone(options.oidcClients ?? [defaultOidcClient()]));
  attachOie(okta, oie);
  const oktaServer = await listen(oktaHandler(okta), log('okta'), options.oktaPort ?? 0);
  const stsServer = await listen(stsHandler(sts), log('sts'));
  okta.baseUrl = oktaServer.url;
  const browser = browserControl(okta, RP_ID);
  const bedrock = await startBedrock({ clock, accountId, scenario, realClock: options.clock === undefined, issuedCredentials, signinTokens: new Map() }, log);

  return {
    oktaUrl: oktaServer.url,
    stsUrl: stsServer.url,
    bedrockUrl: bedrock.bedrockUrl,
    bedrockRuntimeUrl: bedrock.bedrockRuntimeUrl,
    federationUrl: bedrock.federationUrl,
    scenario,
    users,
    apps,
    oie: oieControl(oie),
    browser,
    requests,
    certificatePem: key.certificatePem,
    issuedCredentials,
    outbox,
    adminApiToken,
    totp: (login, at) => {
      const user = login === undefined ? users[0] : users.find((u) => u.login.toLowerCase() === login.toLowerCase());
      if (!user) throw new Error(`simulator: no user ${login ?? '(default)'}`);
      return totpCode(user.totpSecret, at ?? clock.now());
    },
    secrets: () => [
      ...users.flatMap((u) => [u.password, u.totpSecret]),
      ...okta.transactions.keys(),
      ...okta.sessionTokens.keys(),
      ...okta.sessions.keys(),
      ...(okta.issuedSaml ?? []),
      ...[...issuedCredentials.values()].flatMap((c) => [c.secretAccessKey, c.sessionToken]),
      ...oie.accessTokens.keys(),
      ...oie.idTokens.keys(),
      ...oie.refreshTokens.keys(),
      ...oie.webSsoTokens.keys(),
      ...oie.devices.keys(),
      ...idxSecrets(okta),
      ...browser.deviceTokens(),
    ],
    close: async () => {
      await Promise.all([oktaServer.close(), stsServer.close(), bedrock.close()]);
    },
  };
};
