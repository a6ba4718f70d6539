import { describe, expect, it } from 'vitest';
import { readDeployConfig } from '../../stacks/config.ts';

describe('deploy-time settings (stacks/config.ts)', () => {
  it('defaults to a Cognito user pool, any origin, no alarm e-mail', () => {
    expect(readDeployConfig({})).toEqual({ webOrigins: ['*'] });
  });

  it('reads an external OIDC issuer and its audiences, keeping the issuer exactly as given', () => {
    expect(readDeployConfig({ ABAD_OIDC_ISSUER: 'https://tenant.auth0.com/', ABAD_OIDC_AUDIENCE: 'abad-api, abad-web' })).toEqual({
      oidc: { issuer: 'https://tenant.auth0.com/', audiences: ['abad-api', 'abad-web'] },
      webOrigins: ['*'],
    });
  });

  it('reads the external issuer’s hosted sign-in for the web pages', () => {
    expect(
      readDeployConfig({
        ABAD_OIDC_ISSUER: 'https://id.example.org',
        ABAD_OIDC_AUDIENCE: 'abad',
        ABAD_OIDC_SIGN_IN_URL: 'https://id.example.org/authorize',
        ABAD_OIDC_TOKEN_URL: 'https://id.example.org/oauth/token',
        ABAD_OIDC_CLIENT_ID: 'web',
      }).oidc,
    ).toEqual({
      issuer: 'https://id.example.org',
      audiences: ['abad'],
      signInUrl: 'https://id.example.org/authorize',
      tokenUrl: 'https://id.example.org/oauth/token',
      clientId: 'web',
    });
    expect(() => readDeployConfig({ ABAD_OIDC_SIGN_IN_URL: 'https://id.example.org/authorize' })).toThrow(/ABAD_OIDC_ISSUER/);
    expect(() =>
      readDeployConfig({ ABAD_OIDC_ISSUER: 'https://id.example.org', ABAD_OIDC_AUDIENCE: 'abad', ABAD_OIDC_SIGN_IN_URL: 'http://id.example.org/a' }),
    ).toThrow(/https/);
  });

  it('derives the token endpoint the pages exchange the sign-in code at, or wants it named', () => {
    const oidc = (signIn: string, token?: string) =>
      readDeployConfig({
        ABAD_OIDC_ISSUER: 'https://id.example.org',
        ABAD_OIDC_AUDIENCE: 'abad',
        ABAD_OIDC_SIGN_IN_URL: signIn,
        ...(token ? { ABAD_OIDC_TOKEN_URL: token } : {}),
      }).oidc?.tokenUrl;
    expect(oidc('https://login.example.org/realms/abad/protocol/openid-connect/auth')).toBe(
      'https://login.example.org/realms/abad/protocol/openid-connect/token',
    );
    expect(oidc('https://login.microsoftonline.com/t/oauth2/v2.0/authorize')).toBe('https://login.microsoftonline.com/t/oauth2/v2.0/token');
    expect(oidc('https://x.auth.eu-west-1.amazoncognito.com/oauth2/authorize')).toBe('https://x.auth.eu-west-1.amazoncognito.com/oauth2/token');
    // Auth0's /authorize pairs with /oauth/token: not guessed.
    expect(() => oidc('https://tenant.auth0.com/authorize')).toThrow(/ABAD_OIDC_TOKEN_URL/);
    expect(oidc('https://tenant.auth0.com/authorize', 'https://tenant.auth0.com/oauth/token')).toBe('https://tenant.auth0.com/oauth/token');
    expect(() => oidc('https://tenant.auth0.com/authorize', 'http://tenant.auth0.com/oauth/token')).toThrow(/https/);
    expect(() =>
      readDeployConfig({ ABAD_OIDC_ISSUER: 'https://id.example.org', ABAD_OIDC_AUDIENCE: 'abad', ABAD_OIDC_TOKEN_URL: 'https://id.example.org/t' }),
    ).toThrow(/without ABAD_OIDC_SIGN_IN_URL/);
  });

  it('rejects half an OIDC configuration, a non-https issuer and an origin with a path', () => {
    expect(() => readDeployConfig({ ABAD_OIDC_ISSUER: 'https://id.example.org' })).toThrow(/ABAD_OIDC_AUDIENCE/);
    expect(() => readDeployConfig({ ABAD_OIDC_AUDIENCE: 'abad' })).toThrow(/ABAD_OIDC_ISSUER/);
    expect(() => readDeployConfig({ ABAD_OIDC_ISSUER: 'http://id.example.org', ABAD_OIDC_AUDIENCE: 'abad' })).toThrow(/https/);
    expect(() => readDeployConfig({ ABAD_WEB_ORIGINS: 'https://abad.example.org/app' })).toThrow(/not an origin/);
    expect(readDeployConfig({ ABAD_WEB_ORIGINS: 'https://abad.example.org/, http://localhost:5173' }).webOrigins).toEqual([
      'https://abad.example.org',
      'http://localhost:5173',
    ]);
  });
});
