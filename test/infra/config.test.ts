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
        ABAD_OIDC_CLIENT_ID: 'web',
      }).oidc,
    ).toEqual({ issuer: 'https://id.example.org', audiences: ['abad'], signInUrl: 'https://id.example.org/authorize', clientId: 'web' });
    expect(() => readDeployConfig({ ABAD_OIDC_SIGN_IN_URL: 'https://id.example.org/authorize' })).toThrow(/ABAD_OIDC_ISSUER/);
    expect(() =>
      readDeployConfig({ ABAD_OIDC_ISSUER: 'https://id.example.org', ABAD_OIDC_AUDIENCE: 'abad', ABAD_OIDC_SIGN_IN_URL: 'http://id.example.org/a' }),
    ).toThrow(/https/);
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
