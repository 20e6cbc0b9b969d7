/**
 * Typed errors. Every expected failure is an OktaBedrockError: it carries a distinct exit code
 * and a one-line message that says what to do. `bin` prints `message` (and `detail` with --debug).
 */
export const ExitCode = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  config: 3,
  authentication: 4,
  mfa: 5,
  okta: 6,
  saml: 7,
  aws: 8,
  loginRequired: 9,
  network: 10,
  rateLimited: 11,
  bedrock: 12,
  fileSystem: 13,
  /** `doctor` found at least one problem. */
  checksFailed: 14,
  cancelled: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorOptions {
  /** Extra detail shown only with --debug (never a secret). */
  detail?: string;
  cause?: unknown;
  /**
   * A structured code code can branch on (never the message): Okta's `errorCode` (E0000004), an
   * IDX `i18n.key`, an OAuth `error` (authorization_pending), an AWS error code (ExpiredToken),
   * `HTTP 401`-style statuses as `http_401`, or one of our own snake_case codes.
   */
  code?: string;
  /**
   * What to do about it ("run `okta-bedrock login`"): the message becomes "<message> — <remedy>",
   * and `summary` keeps the part before, for quoting the failure inside another sentence.
   */
  remedy?: string;
}

export class OktaBedrockError extends Error {
  readonly exitCode: ExitCodeValue = ExitCode.unexpected;
  readonly detail?: string;
  readonly code?: string;
  /** What failed, without the remedy (the whole message when the error was given none). */
  readonly summary: string;
  readonly remedy?: string;
  constructor(message: string, options: ErrorOptions = {}) {
    super(options.remedy ? `${message} — ${options.remedy}` : message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.detail = options.detail;
    this.code = options.code;
    this.summary = message;
    this.remedy = options.remedy;
  }
}

/**
 * The command that signs a profile in again — the remedy every "login required" message names. A
 * known profile is always named, `default` too (the contract's "run `okta-bedrock login --profile X`"),
 * so the command is right even when AWS_PROFILE points elsewhere in the shell it is pasted into.
 */
export function loginCommand(profile?: string): string {
  return `okta-bedrock login${profile ? ` --profile ${profile}` : ''}`;
}

/** "run `okta-bedrock login --profile X`" */
export function runLogin(profile?: string): string {
  return `run \`${loginCommand(profile)}\``;
}

export class UsageError extends OktaBedrockError {
  override readonly exitCode = ExitCode.usage;
}
export class ConfigError extends OktaBedrockError {
  override readonly exitCode = ExitCode.config;
}
/** Okta rejected the username/password, or the account cannot sign in (locked out, expired). */
export class AuthenticationError extends OktaBedrockError {
  override readonly exitCode = ExitCode.authentication;
}
export class MfaError extends OktaBedrockError {
  override readonly exitCode = ExitCode.mfa;
}
/** Okta answered something we cannot use (unexpected status, app error page). */
export class OktaError extends OktaBedrockError {
  override readonly exitCode = ExitCode.okta;
}
export class SamlError extends OktaBedrockError {
  override readonly exitCode = ExitCode.saml;
}
export class AwsError extends OktaBedrockError {
  override readonly exitCode = ExitCode.aws;
}
/** The Okta session is gone and we may not prompt (no terminal): run `okta-bedrock login`. */
export class LoginRequiredError extends OktaBedrockError {
  override readonly exitCode = ExitCode.loginRequired;
}
export class NetworkError extends OktaBedrockError {
  override readonly exitCode = ExitCode.network;
}
export class RateLimitError extends OktaBedrockError {
  override readonly exitCode = ExitCode.rateLimited;
  readonly resetAt?: Date;
  constructor(message: string, options: ErrorOptions & { resetAt?: Date } = {}) {
    super(message, options);
    this.resetAt = options.resetAt;
  }
}
export class BedrockError extends OktaBedrockError {
  override readonly exitCode = ExitCode.bedrock;
}
export class FileSystemError extends OktaBedrockError {
  override readonly exitCode = ExitCode.fileSystem;
}
export class CancelledError extends OktaBedrockError {
  override readonly exitCode = ExitCode.cancelled;
}

export function isOktaBedrockError(e: unknown): e is OktaBedrockError {
  return e instanceof OktaBedrockError;
}
