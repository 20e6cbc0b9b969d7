import { Command, CommanderError, Option } from 'commander';
import { ExitCode } from '../errors.js';
import { createContext, type CliContext, type GlobalOptions } from './context.js';
import { addBedrockCommands } from './bedrock-commands.js';
import { addLoginOptions } from './login-options.js';
import { enforcePrivate } from '../store/permissions.js';
import { reportError } from './run.js';

export const VERSION = '0.1.0';

type Action<F> = (flags: F, ctx: CliContext, args: string[]) => Promise<number>;

/** Wraps a lazily imported command so only the chosen command's code is loaded. */
function run<F extends GlobalOptions>(load: () => Promise<Action<F>>, setCode: (c: number) => void) {
  return async (...args: unknown[]): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const flags = cmd.optsWithGlobals() as F;
    const ctx = createContext(flags);
    try {
      await enforcePrivate(
        [
          { path: ctx.paths.cacheDir, mode: 0o700 },
          { path: ctx.paths.awsCredentialsFile, mode: 0o600 },
        ],
        ctx.log,
      );
      const action = await load();
      setCode(await action(flags, ctx, cmd.args));
    } catch (e) {
      setCode(reportError(e, ctx.debug));
    }
  };
}

export function buildProgram(setCode: (c: number) => void): Command {
  const program = new Command('okta-bedrock')
    .description('AWS credentials for Amazon Bedrock through Okta')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions()
    // Before the subcommands are added, so they inherit it: usage errors exit 2, not commander's 1.
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });

  addLoginOptions(
    program
      .command('login')
      .description('log in to Okta (password + MFA, or browser approval on Identity Engine orgs), assume the AWS role, write ~/.aws/credentials')
      .option('--credentials-file <file>', 'write here instead of AWS_SHARED_CREDENTIALS_FILE / ~/.aws/credentials')
      .addHelpText(
        'after',
        `
Examples:
  okta-bedrock login
  okta-bedrock login --org acme --username alice@example.com --factor push
  okta-bedrock login --factor sms            # type the texted code; "resend" after 30 s
  okta-bedrock login --app "AWS Sandbox"     # one of several AWS apps (label or app id)
  okta-bedrock login --profile bedrock --assume-role-arn arn:aws:iam::123456789012:role/my-bedrock-role
  echo "$PW" | okta-bedrock login --password-stdin --factor totp --passcode 123456
  okta-bedrock login --oidc-client-id 0oa4x34ogyC1i1krJ1d7 --qr --open   # Okta Identity Engine (device flow)
  okta-bedrock login --auth-flow classic`,
      ),
  ).action(run(async () => (await import('./commands/login.js')).runLogin, setCode));

  program
    .command('credential-process')
    .description('print credentials for the AWS CLI/SDK credential_process (JSON on stdout), from cache or refreshed')
    .option('--profile <name>', 'profile to serve (default: config `profile`, else "default")')
    .option('--config <file>', 'config file')
    .option('--debug', 'debug output on stderr')
    .addHelpText(
      'after',
      `
In ~/.aws/config (see \`okta-bedrock setup-aws\`):
  [profile bedrock]
  credential_process = okta-bedrock credential-process --profile bedrock`,
    )
    .action(run(async () => (await import('./commands/credential-process.js')).runCredentialProcess, setCode));

  program
    .command('setup-aws')
    .description('add a credential_process profile (and optionally a role_arn/source_profile chain) to ~/.aws/config')
    .option('--profile <name>', 'AWS profile to set up (default: config `profile`, else "default")')
    .option('--region <region>', 'region for the profile')
    .option('--chain-profile <name>', "also write this profile with role_arn + source_profile (the seed's flow)")
    .option('--role-arn <arn>', 'role the chained profile assumes')
    .option('--dry-run', 'print the diff instead of writing')
    .option('--config <file>', 'config file')
    .option('--debug', 'debug output on stderr')
    .addHelpText(
      'after',
      `
Examples:
  okta-bedrock setup-aws --profile bedrock --dry-run
  okta-bedrock setup-aws --profile default --chain-profile bedrock --role-arn arn:aws:iam::123456789012:role/my-bedrock-role`,
    )
    .action(run(async () => (await import('./commands/setup-aws.js')).runSetupAws, setCode));

  addBedrockCommands(program, (load) => run(load, setCode));

  program
    .command('demo')
    .description('run a full login against the built-in local Okta + STS simulator (no real accounts)')
    .option('--credentials-file <file>', 'write the demo credentials here (default: a temporary HOME)')
    .option('--factor <factor>', 'push or totp', 'totp')
    .option('--debug', 'show debug detail')
    .addHelpText('after', '\nExample:\n  npx okta-bedrock demo')
    .action(run(async () => (await import('./commands/demo.js')).runDemo, setCode));

  program
    .command('simulator')
    .description('start the local Okta + STS + Bedrock simulator and print its URLs (Ctrl-C stops it)')
    .addOption(new Option('--port <port>', 'Okta port (STS uses an ephemeral port)').default('0'))
    .option('--debug', 'log each request')
    .addHelpText('after', '\nExample:\n  okta-bedrock simulator')
    .action(run(async () => (await import('./commands/simulator.js')).runSimulator, setCode));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = ExitCode.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  program.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return reportError(e, argv.includes('--debug'));
  }
  return code;
}
