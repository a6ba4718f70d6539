import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { CLOCK_SKEW_SECONDS, loadIssuer } from '@abad/local/issuer';
import { REPO_ROOT } from '@abad/local/paths';
import { nowSeconds, signRawToken } from './fixtures/raw-token.ts';

const root = mkdtempSync(join(tmpdir(), 'abad-issuer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const ISS = 'http://localhost:3000';

describe('local issuer', () => {
  it('mints a token that verifies, with the claims the API reads', async () => {
    const issuer = await loadIssuer(join(root, 'a'), ISS);
    const token = await issuer.mintToken({ role: 'editor', provinces: ['IR-13', 'ir-19'] });
    const claims = await issuer.verify(token);
    expect(claims).toMatchObject({ iss: ISS, aud: 'abad', sub: 'local-editor', role: 'editor', provinces: 'IR-13,IR-19' });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(12 * 3600);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: issuer.jwks().keys[0]?.kid });
    expect(await issuer.verify(await issuer.mintToken({ role: 'admin', provinces: '*', subject: 'sara' }))).toMatchObject({ provinces: '*', sub: 'sara' });
  });

  it('publishes only the public key, and keeps the key across loads', async () => {
    const dir = join(root, 'b');
    const issuer = await loadIssuer(dir, ISS);
    const [key] = issuer.jwks().keys;
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
    const token = await issuer.mintToken({ role: 'viewer', provinces: 'IR-23' });
    const reloaded = await loadIssuer(dir, ISS);
    expect(reloaded.jwks()).toEqual(issuer.jwks());
    await expect(reloaded.verify(token)).resolves.toMatchObject({ role: 'viewer' });
    expect(JSON.parse(readFileSync(join(dir, 'issuer-key.json'), 'utf8'))).toHaveProperty('kid', key?.kid);
  });

  it('creates one key when several loads race on a fresh folder', async () => {
    const dir = join(root, 'race');
    const issuers = await Promise.all(Array.from({ length: 8 }, () => loadIssuer(dir, ISS)));
    expect(new Set(issuers.map((i) => i.jwks().keys[0]?.kid)).size).toBe(1);
  });

  it('rejects tampered, foreign, misaddressed and expired tokens', async () => {
    const issuer = await loadIssuer(join(root, 'c'), ISS);
    const token = await issuer.mintToken({ role: 'operator', provinces: 'IR-13' });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' })).toString('base64url');
    await expect(issuer.verify(`${header}.${forged}.${signature}`)).rejects.toThrow();

    const other = await loadIssuer(join(root, 'other'), ISS);
    await expect(issuer.verify(await other.mintToken({ role: 'admin', provinces: '*' }))).rejects.toThrow();

    const elsewhere = await loadIssuer(join(root, 'c'), 'http://localhost:9999'); // same key, other issuer URL
    await expect(issuer.verify(await elsewhere.mintToken({ role: 'admin', provinces: '*' }))).rejects.toThrow();

    // Expired beyond the clock-skew allowance (a token expired within it is still accepted).
    const expired = await signRawToken(join(root, 'c'), ISS, { iat: nowSeconds() - 600, exp: nowSeconds() - CLOCK_SKEW_SECONDS - 5 });
    await expect(issuer.verify(expired)).rejects.toThrow(/exp/);
  });

  it('requires exp and refuses an iat in the future, allowing CLOCK_SKEW_SECONDS of skew', async () => {
    const dir = join(root, 'time');
    const issuer = await loadIssuer(dir, ISS);
    const now = nowSeconds();
    await expect(issuer.verify(await signRawToken(dir, ISS, { iat: now }))).rejects.toThrow(/exp/);
    await expect(issuer.verify(await signRawToken(dir, ISS, { iat: now + 600, exp: now + 3600 }))).rejects.toThrow(/iat/);
    await expect(issuer.verify(await signRawToken(dir, ISS, { iat: now, nbf: now + 600, exp: now + 3600 }))).rejects.toThrow(/nbf/);
    await expect(issuer.verify(await signRawToken(dir, ISS, { iat: now + 30, exp: now + 3600 }))).resolves.toMatchObject({ iat: now + 30 });
    await expect(issuer.verify(await signRawToken(dir, ISS, { exp: now + 3600 }))).resolves.toMatchObject({ role: 'admin' }); // iat is optional
  });

  it('refuses unknown roles and provinces', async () => {
    const issuer = await loadIssuer(join(root, 'd'), ISS);
    // @ts-expect-error: a role outside the four is a type error too
    await expect(issuer.mintToken({ role: 'root', provinces: '*' })).rejects.toThrow(/role/);
    await expect(issuer.mintToken({ role: 'editor', provinces: 'IR-31' })).rejects.toThrow(/IR-31/);
    await expect(issuer.mintToken({ role: 'editor', provinces: '*,IR-13' })).rejects.toThrow();
    await expect(issuer.mintToken({ role: 'editor', provinces: '' })).rejects.toThrow();
  });
});

describe('npm run token', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'packages/local/src/token-cli.ts', ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, ABAD_DATA_DIR: join(root, 'cli'), PORT: '4321', ...env },
    });

  it('prints only a token, signed by the key the runtime serves', async () => {
    const out = run(['--role', 'editor', '--provinces', 'IR-13,IR-19', '--subject', 'ali', '--hours', '2']);
    expect(out.status).toBe(0);
    expect(out.stdout.trim().split('\n')).toHaveLength(1);
    const issuer = await loadIssuer(join(root, 'cli'), 'http://localhost:4321');
    const claims = await issuer.verify(out.stdout.trim());
    expect(claims).toMatchObject({ role: 'editor', provinces: 'IR-13,IR-19', sub: 'ali' });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(7200);
  });

  it.each([
    [['--role', 'boss', '--provinces', 'IR-13'], /unknown role/],
    [['--role', 'editor', '--provinces', 'IR-13,IR-44'], /IR-44/],
    [['--role', 'editor'], /usage/],
    [['--role', 'editor', '--provinces', 'IR-13', '--hours', 'soon'], /--hours/],
    [['--role', 'editor', '--provinces', 'IR-13', '--bogus'], /bogus/],
  ])('exits 2 with one line for %j', (args, message) => {
    const out = run(args);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(message);
  });
});
