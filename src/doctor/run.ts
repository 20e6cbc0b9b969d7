import { callerIdentityCheck } from './caller-identity.js';
import { clockSkewCheck } from './clock-skew.js';
import { configCheck } from './config.js';
import { credentialsCheck } from './credentials.js';
import { awsFilesCheck } from './aws-files.js';
import { claudeInvokeCheck, claudeProfileCheck, claudeSettingsCheck } from './claude-code.js';
import { invokeCheck } from './invoke.js';
import { keychainCheck } from './keychain.js';
import { listModelsCheck } from './list-models.js';
import { nodeVersionCheck } from './node-version.js';
import { oktaOrgCheck } from './okta-org.js';
import { oktaSessionCheck } from './okta-session.js';
import { proxyCheck } from './proxy.js';
import { regionCheck } from './region.js';
import type { CheckResult, DoctorCheck, DoctorDeps, DoctorState } from './types.js';

/** The checklist, in order: later checks use what earlier ones learned. */
export const CHECKS: readonly DoctorCheck[] = [
  configCheck,
  oktaOrgCheck,
  oktaSessionCheck,
  credentialsCheck,
  awsFilesCheck,
  callerIdentityCheck,
  regionCheck,
  listModelsCheck,
  invokeCheck,
  clockSkewCheck,
  proxyCheck,
  nodeVersionCheck,
  keychainCheck,
];

/** `doctor --claude-code`: Claude Code's settings and profile first, its InvokeModel call after the model checks. */
export function claudeCodeChecks(): DoctorCheck[] {
  const at = CHECKS.indexOf(invokeCheck) + 1;
  return [claudeSettingsCheck, claudeProfileCheck, ...CHECKS.slice(0, at), claudeInvokeCheck, ...CHECKS.slice(at)];
}

export interface CheckOutcome extends CheckResult {
  id: string;
  title: string;
}

export interface DoctorReport {
  profile: string;
  region: string;
  ok: boolean;
  checks: CheckOutcome[];
}

/** Runs every check (one failing never stops the others); `onResult` sees each as it finishes. */
export async function runDoctor(
  deps: DoctorDeps,
  onResult: (o: CheckOutcome) => void = () => undefined,
  checks: readonly DoctorCheck[] = CHECKS,
): Promise<DoctorReport> {
  const state: DoctorState = { deps, profile: deps.profile ?? 'default', region: deps.region ?? 'us-east-1' };
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) {
    let result: CheckResult;
    try {
      result = await check.run(state);
    } catch (e) {
      result = { status: 'fail', detail: `unexpected: ${(e as Error).message}`, fix: 'rerun with --debug and report it' };
    }
    const outcome = { id: check.id, title: check.title, ...result };
    outcomes.push(outcome);
    onResult(outcome);
  }
  return { profile: state.profile, region: state.region, ok: outcomes.every((o) => o.status !== 'fail'), checks: outcomes };
}
