import { describe, expect, inject, it } from 'vitest';
import { api } from '../support/api.ts';
import { projectBody } from '../support/fixtures.ts';
import { nowSeconds, signRawToken } from './fixtures/raw-token.ts';

/**
 * The local JWT authorizer, over real HTTP, on the time claims: like API Gateway's, it
 * refuses a token without `exp` and one issued in the future (beyond a minute of clock
 * skew), before any handler runs — a refused POST writes nothing.
 */
const token = (claims: Parameters<typeof signRawToken>[2]) => signRawToken(inject('dataDir'), inject('apiUrl'), claims);

async function createProject(bearer: string) {
  const body = projectBody('IR-13');
  const response = await api('/projects', { token: bearer, body });
  const found = await api(`/projects?${new URLSearchParams({ programme: body.programme })}`);
  return { status: response.status, body: response.body, written: found.body.items.length as number };
}

describe('the local authorizer and the time claims', () => {
  it('refuses a token without exp with 401, writing nothing', async () => {
    const result = await createProject(await token({ iat: nowSeconds() }));
    expect(result).toMatchObject({ status: 401, body: { message: 'Unauthorized' }, written: 0 });
  });

  it('refuses a token issued 10 minutes in the future with 401, writing nothing', async () => {
    const now = nowSeconds();
    const result = await createProject(await token({ iat: now + 600, exp: now + 3600 }));
    expect(result).toMatchObject({ status: 401, body: { message: 'Unauthorized' }, written: 0 });
  });

  it('accepts a token issued 30 s ahead (clock skew) and the same token shape with exp', async () => {
    const now = nowSeconds();
    const ahead = await createProject(await token({ iat: now + 30, exp: now + 3600 }));
    expect(ahead).toMatchObject({ status: 201, written: 1 });
    const plain = await createProject(await token({ iat: now, exp: now + 3600 }));
    expect(plain).toMatchObject({ status: 201, written: 1 });
  });
});
