import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { lstat, mkdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileSystemError } from '../../../src/errors.js';
import { formatExpiration, readCredentialsProfile, removeCredentialsProfile, writeCredentialsProfile } from '../../../src/store/credentials-file.js';
import { getSection, listSections } from '../../../src/store/ini-sections.js';
import { creds, makeTempDir } from './helpers.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

const EXISTING = [
  '# my credentials, hand-edited',
  '[default]',
  'aws_access_key_id = AKIADEFAULT',
  'aws_secret_access_key = defaultsecret',
  '',
  '; work account',
  '[work]',
  'aws_access_key_id=OLD',
  '# keep this comment inside work',
  'aws_secret_access_key=OLDSECRET',
  'region = eu-west-1',
  'x_custom = 42',
  '',
  '[zzz]',
  'aws_access_key_id = Z',
  '',
].join('\n');

describe('formatExpiration', () => {
  it.each([
    ['2026-11-21T15:35:24.123Z', '2026-11-21T15:35:24Z'],
    ['2026-01-02T03:04:05.000Z', '2026-01-02T03:04:05Z'],
  ])('%s → %s', (iso, expected) => {
    expect(formatExpiration(new Date(iso))).toBe(expected);
  });
  it('rejects an invalid date', () => {
    expect(() => formatExpiration(new Date('nope'))).toThrow();
  });
});

describe('writeCredentialsProfile', () => {
  it('updates our profile in place and keeps everything else byte for byte', async () => {
    const path = join(dir, 'credentials');
    await writeFile(path, EXISTING, { mode: 0o644 });
    await writeCredentialsProfile(path, 'work', creds('NEW'));
    const text = await readFile(path, 'utf8');
    expect(text).toBe(
      [
        '# my credentials, hand-edited',
        '[default]',
        'aws_access_key_id = AKIADEFAULT',
        'aws_secret_access_key = defaultsecret',
        '',
        '; work account',
        '[work]',
        'aws_access_key_id=AKIANEW',
        '# keep this comment inside work',
        'aws_secret_access_key=secret/NEW+x=',
        'region = eu-west-1',
        'x_custom = 42',
        'aws_session_token = token-NEW',
        'x_security_token_expires = 2026-11-21T15:35:24Z',
        '',
        '[zzz]',
        'aws_access_key_id = Z',
        '',
      ].join('\n'),
    );
    // 0600 even though the old file was 0644: it holds secrets.
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await expect(readCredentialsProfile(path, 'work')).resolves.toEqual({
      ...creds('NEW'),
      expiration: new Date('2026-11-21T15:35:24Z'),
    });
    await expect(fsp.access(`${path}.lock`)).rejects.toThrow();
  });

  it('creates the file 0600 and a missing ~/.aws 0700', async () => {
    const path = join(dir, 'home', '.aws', 'credentials');
    await writeCredentialsProfile(path, 'okta', creds('A'), { region: 'us-west-2' });
    expect(await readFile(path, 'utf8')).toBe(
      [
        '[okta]',
        'region = us-west-2',
        'aws_access_key_id = AKIAA',
        'aws_secret_access_key = secret/A+x=',
        'aws_session_token = token-A',
        'x_security_token_expires = 2026-11-21T15:35:24Z',
        '',
      ].join('\n'),
    );
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(path))).mode & 0o777).toBe(0o700);
  });

  it.each([
    ['CRLF', '[a]\r\nk = 1\r\n', '[a]\r\nk = 1\r\n\r\n[p]\r\n'],
    ['BOM', '\uFEFF# c\n[a]\n', '\uFEFF# c\n[a]\n\n[p]\n'],
    ['no trailing newline', '[a]\nk = 1', '[a]\nk = 1\n\n[p]\n'],
    // botocore reads `[ p ]` as the profile " p ", not p: ours is a new [p] section after it
    ['[ p ] with spaces (another profile for botocore)', '[ p ]\nold = 1\n', '[ p ]\nold = 1\n\n[p]\naws_access_key_id'],
  ])('keeps %s', async (_n, input, expectedPrefix) => {
    const path = join(dir, 'credentials');
    await writeFile(path, input);
    await writeCredentialsProfile(path, 'p', creds('X'));
    const text = await readFile(path, 'utf8');
    expect(text.startsWith(expectedPrefix)).toBe(true);
    expect((await readCredentialsProfile(path, 'p'))?.accessKeyId).toBe('AKIAX');
  });

  it('updates every duplicate of the profile so any reader sees the new keys', async () => {
    const path = join(dir, 'credentials');
    await writeFile(path, '[p]\naws_access_key_id = A1\n\n[q]\n\n[p]\naws_access_key_id = A2\n');
    await writeCredentialsProfile(path, 'p', creds('N'));
    const text = await readFile(path, 'utf8');
    expect(text.match(/aws_access_key_id = AKIAN/g)).toHaveLength(2);
    expect(getSection(text, 'p')?.aws_session_token).toBe('token-N');
  });

  it('writes through a symlink: the link stays a link and its target is updated', async () => {
    const real = join(dir, 'dotfiles', 'aws-credentials');
    await mkdir(dirname(real));
    await writeFile(real, '# in dotfiles\n[other]\nk = v\n', { mode: 0o600 });
    const link = join(dir, '.aws', 'credentials');
    await mkdir(dirname(link));
    await symlink(real, link);
    await writeCredentialsProfile(link, 'p', creds('L'));
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    const text = await readFile(real, 'utf8');
    expect(text.startsWith('# in dotfiles\n[other]\nk = v\n\n[p]\n')).toBe(true);
    expect((await readCredentialsProfile(link, 'p'))?.sessionToken).toBe('token-L');
  });

  it('a failed write leaves the original intact and throws FileSystemError', async () => {
    const path = join(dir, 'credentials');
    await writeFile(path, EXISTING, { mode: 0o600 });
    vi.spyOn(fsp, 'rename').mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' }));
    await expect(writeCredentialsProfile(path, 'work', creds('NEW'))).rejects.toBeInstanceOf(FileSystemError);
    expect(await readFile(path, 'utf8')).toBe(EXISTING);
    // No temp file or lock left behind.
    expect((await fsp.readdir(dir)).sort()).toEqual(['credentials']);
  });

  it('fails with FileSystemError when the parent "directory" is a file', async () => {
    const notDir = join(dir, 'aws');
    await writeFile(notDir, 'I am a file');
    await expect(writeCredentialsProfile(join(notDir, 'credentials'), 'p', creds('X'))).rejects.toBeInstanceOf(FileSystemError);
    expect(await readFile(notDir, 'utf8')).toBe('I am a file');
  });

  it.each([['bad name'], ['a]b'], [''], ['x\ny']])('rejects profile name %j', async (name) => {
    await expect(writeCredentialsProfile(join(dir, 'c'), name, creds('X'))).rejects.toThrow();
  });

  it('16 concurrent writers in one process: all profiles present, comment kept', async () => {
    const path = join(dir, 'credentials');
    await writeFile(path, '# keep me\n[default]\nregion = us-east-1\n');
    const names = Array.from({ length: 16 }, (_, i) => `p${i}`);
    await Promise.all(names.map((n) => writeCredentialsProfile(path, n, creds(n))));
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('# keep me\n[default]\nregion = us-east-1\n')).toBe(true);
    expect(listSections(text).sort()).toEqual(['default', ...names].sort());
    for (const n of names) expect((await readCredentialsProfile(path, n))?.accessKeyId).toBe(`AKIA${n}`);
  });

  describe('across processes', () => {
    let worker: string;
    let removeWorker: () => Promise<void>;
    afterAll(async () => removeWorker());
    beforeAll(async () => {
      const out = await makeTempDir();
      removeWorker = out.cleanup;
      worker = join(out.dir, 'worker.mjs');
      await build({
        entryPoints: [join(here, 'fixtures', 'write-profiles-worker.ts')],
        outfile: worker,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        logLevel: 'error',
        // proper-lockfile is CommonJS and calls require() for Node built-ins.
        banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      });
    });

    it('4 child processes × 4 profiles plus 8 in-process writers: nothing lost', async () => {
      const path = join(dir, 'credentials');
      await writeFile(path, '; shared file comment\n');
      const children = [0, 1, 2, 3].map((c) => run(process.execPath, [worker, path, ...[0, 1, 2, 3].map((i) => `child${c}_${i}`)], { timeout: 30_000 }));
      const local = Array.from({ length: 8 }, (_, i) => writeCredentialsProfile(path, `main${i}`, creds(`main${i}`)));
      await Promise.all([...children, ...local]);
      const text = await readFile(path, 'utf8');
      expect(text.startsWith('; shared file comment\n')).toBe(true);
      const sections = listSections(text);
      expect(sections).toHaveLength(24);
      for (let c = 0; c < 4; c++) {
        for (let i = 0; i < 4; i++) expect(getSection(text, `child${c}_${i}`)?.aws_access_key_id).toBe(`AKIAchild${c}_${i}`);
      }
      expect((await stat(path)).mode & 0o777).toBe(0o600);
    }, 60_000);
  });
});

describe('readCredentialsProfile / removeCredentialsProfile', () => {
  it.each([
    ['missing file', undefined],
    ['[p]\naws_access_key_id = A\naws_secret_access_key = S\n', undefined], // long-term keys: not ours
    ['[p]\naws_access_key_id = A\naws_secret_access_key = S\naws_session_token = T\nx_security_token_expires = bad\n', undefined],
    ['[q]\naws_access_key_id = A\n', undefined],
  ])('returns undefined for %j', async (content, expected) => {
    const path = join(dir, 'credentials');
    if (content !== 'missing file') await writeFile(path, content);
    await expect(readCredentialsProfile(path, 'p')).resolves.toBe(expected);
  });

  it('removes the profile and keeps the rest; no-op when absent', async () => {
    const path = join(dir, 'credentials');
    await writeFile(path, EXISTING);
    await expect(removeCredentialsProfile(path, 'work')).resolves.toBe(true);
    const text = await readFile(path, 'utf8');
    expect(listSections(text)).toEqual(['default', 'zzz']);
    expect(text).toContain('# my credentials, hand-edited\n[default]');
    await expect(removeCredentialsProfile(path, 'work')).resolves.toBe(false);
    await expect(removeCredentialsProfile(join(dir, 'nope'), 'work')).resolves.toBe(false);
  });
});

describe('bytes and syntax the AWS CLI reads (issue 14 items 7, 16)', () => {
  it('keeps non-UTF-8 bytes in a comment byte for byte', async () => {
    const path = join(dir, 'credentials');
    // "# café (Latin-1)" with a lone 0xE9, plus CP1252 quotes 0x93/0x94 and an invalid 0xFF
    const head = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9]),
      Buffer.from(' \x93quoted\x94 '),
      Buffer.from([0xff]),
      Buffer.from('\n[other]\nk = v\n'),
    ]);
    await writeFile(path, head);
    await writeCredentialsProfile(path, 'work', creds('A'));
    const after = await readFile(path);
    expect(after.subarray(0, head.length).equals(head)).toBe(true);
    expect(await readCredentialsProfile(path, 'work')).toMatchObject({ accessKeyId: 'AKIAA' });
    await removeCredentialsProfile(path, 'work');
    expect((await readFile(path)).equals(Buffer.concat([head, Buffer.from('\n')]))).toBe(true);
  });

  it('keeps a UTF-8 file with a BOM byte for byte', async () => {
    const path = join(dir, 'credentials');
    const text = '\uFEFF# é ü 漢\n[other]\nk = v\n';
    await writeFile(path, text, 'utf8');
    await writeCredentialsProfile(path, 'work', creds('A'));
    expect((await readFile(path, 'utf8')).startsWith(text)).toBe(true);
  });

  it('edits a `key: value` profile with a trailing-text header as botocore reads it', async () => {
    const path = join(dir, 'credentials');
    await writeFile(path, '[work] ; hand-written\naws_access_key_id: OLD\nregion: eu-west-1\n');
    await writeCredentialsProfile(path, 'work', creds('A'));
    const text = await readFile(path, 'utf8');
    expect(text).toMatch(/^\[work\] ; hand-written\naws_access_key_id: AKIAA\nregion: eu-west-1\n/);
    expect(text.match(/aws_access_key_id/g)).toHaveLength(1);
  });

  it('refuses an edit that would leave a file botocore reads differently, leaving it unchanged', async () => {
    const path = join(dir, 'credentials');
    // `  [b]` is a section only because a header precedes it: without [work], it would continue x
    const text = '[a]\nx = 1\n[work]\n  [b]\nk = v\n';
    await writeFile(path, text);
    await expect(removeCredentialsProfile(path, 'work')).rejects.toThrow(/credentials: The edited file would no longer parse/);
    expect(await readFile(path, 'utf8')).toBe(text);
  });
});
