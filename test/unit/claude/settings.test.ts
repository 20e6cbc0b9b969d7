import { describe, expect, it } from 'vitest';
import { planClaudeSettings, readClaudeSettings } from '../../../src/claude/settings.js';

const s = {
  profile: 'bedrock',
  region: 'us-east-1',
  model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  haikuModel: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
  refreshCommand: 'okta-bedrock refresh --profile bedrock',
};

describe('planClaudeSettings', () => {
  it('creates the settings from nothing', () => {
    const p = planClaudeSettings('', 'settings.json', s);
    expect(JSON.parse(p.after)).toEqual({
      env: {
        CLAUDE_CODE_USE_BEDROCK: '1',
        AWS_PROFILE: 'bedrock',
        AWS_REGION: 'us-east-1',
        ANTHROPIC_MODEL: s.model,
        ANTHROPIC_DEFAULT_HAIKU_MODEL: s.haikuModel,
      },
      awsAuthRefresh: s.refreshCommand,
    });
    expect(p.after.endsWith('}\n')).toBe(true);
  });

  it('keeps other keys, comments and the indentation; a second run changes nothing', () => {
    const before = '{\n    "theme": "dark", // mine\n    "env": {\n        "FOO": "1",\n        "AWS_PROFILE": "old"\n    }\n}\n';
    const p = planClaudeSettings(before, 'settings.json', s);
    expect(p.after).toContain('"theme": "dark", // mine');
    expect(p.after).toContain('        "FOO": "1",');
    expect(p.after).toContain('        "AWS_PROFILE": "bedrock"');
    expect(p.diff).toContain('-        "AWS_PROFILE": "old"');
    expect(readClaudeSettings(p.after)?.env.FOO).toBe('1');
    expect(planClaudeSettings(p.after, 'settings.json', s).diff).toBe('');
  });

  it('refuses a file that is not a JSON object', () => {
    expect(() => planClaudeSettings('[1]', 'settings.json', s)).toThrow(/not a JSON object/);
    expect(() => planClaudeSettings('{"a": ', 'settings.json', s)).toThrow(/not a JSON object/);
  });
});
