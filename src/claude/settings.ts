import { applyEdits, modify, parse, parseTree, type FormattingOptions, type ParseError } from 'jsonc-parser';
import { ConfigError } from '../errors.js';
import { diffLines } from '../store/ini-sections.js';

/** What `setup claude-code` puts in Claude Code's settings.json (documented setting names). */
export interface ClaudeBedrockSettings {
  profile: string;
  region: string;
  model: string;
  haikuModel?: string;
  /** The `awsAuthRefresh` command Claude Code runs when the AWS credentials have expired. */
  refreshCommand: string;
}

export interface SettingsPlan {
  before: string;
  after: string;
  /** `-`/`+` lines; empty when nothing changes. */
  diff: string;
  /** The keys set, as dotted paths with their values (for the summary). */
  written: Array<[string, string]>;
}

/** The indentation the file already uses (2 spaces when it has none yet). */
function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)"/m.exec(text)?.[1];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (indent?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent?.length ?? 2, eol };
}

/**
 * settings.json with the Bedrock keys set. jsonc-parser's modify/applyEdits change only the
 * values it sets, so every other key, the order, the indentation and even comments stay as
 * they were. A file that is not a JSON object is refused rather than replaced.
 */
export function planClaudeSettings(before: string, path: string, s: ClaudeBedrockSettings): SettingsPlan {
  const errors: ParseError[] = [];
  const tree = before.trim() === '' ? undefined : parseTree(before, errors, { allowTrailingComma: true });
  if (errors.length > 0 || (tree !== undefined && tree.type !== 'object')) {
    throw new ConfigError(`${path} is not a JSON object — fix it (or move it away) and run \`okta-bedrock setup claude-code\` again`, {
      code: 'claude_settings_invalid',
    });
  }
  const written: Array<[string, string]> = [
    ['env.CLAUDE_CODE_USE_BEDROCK', '1'],
    ['env.AWS_PROFILE', s.profile],
    ['env.AWS_REGION', s.region],
    ['env.ANTHROPIC_MODEL', s.model],
    ...(s.haikuModel ? ([['env.ANTHROPIC_DEFAULT_HAIKU_MODEL', s.haikuModel]] as Array<[string, string]>) : []),
    ['awsAuthRefresh', s.refreshCommand],
  ];
  const formattingOptions = formattingOf(before);
  let text = tree === undefined ? '{}' : before;
  for (const [key, value] of written) {
    text = applyEdits(text, modify(text, key.split('.'), value, { formattingOptions }));
  }
  if (tree === undefined || !/\n$/.test(text)) text += formattingOptions.eol ?? '\n';
  if (tree !== undefined && !/\n$/.test(before)) text = text.replace(/\r?\n$/, '');
  return { before, after: text, diff: diffLines(before, text), written };
}

/** The Bedrock settings a settings.json holds now (for `doctor --claude-code`); undefined when it is not a JSON object. */
export function readClaudeSettings(text: string): { env: Record<string, string>; awsAuthRefresh?: string; awsCredentialExport?: string } | undefined {
  const errors: ParseError[] = [];
  // Comments and trailing commas are tolerated, as Claude Code's own reader does.
  const value = parse(text, errors, { allowTrailingComma: true }) as unknown;
  if (errors.length > 0 || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as { env?: unknown; awsAuthRefresh?: unknown; awsCredentialExport?: unknown };
  const env: Record<string, string> = {};
  if (typeof v.env === 'object' && v.env !== null) {
    for (const [k, val] of Object.entries(v.env)) if (typeof val === 'string') env[k] = val;
  }
  return {
    env,
    awsAuthRefresh: typeof v.awsAuthRefresh === 'string' ? v.awsAuthRefresh : undefined,
    awsCredentialExport: typeof v.awsCredentialExport === 'string' ? v.awsCredentialExport : undefined,
  };
}
