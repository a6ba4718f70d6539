import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { s256 } from '@abad/local/dev-oauth';
import { launchChromium } from './support/browser.ts';
import { buildSiteVariant, serveSite } from './support/site-variant.ts';

/**
 * The hosted sign-in (packages/web/src/auth/hosted-sign-in.ts) for real, in Chromium: the pages
 * built with `VITE_AUTH_URL` pointing at the local runtime's development authorization server
 * (packages/local/src/dev-oauth.ts), which approves an editor of IR-13 at once. The authorization
 * code flow with PKCE: the page leaves with an S256 challenge and a state, comes back with
 * `?code=&state=`, takes them out of the address, exchanges the code with its verifier for the
 * ID token, and shows the page the user started from. No token is ever in an address.
 */
const CLIENT_ID = 'abad-web-local';
let browser: Browser;
let variant: ReturnType<typeof buildSiteVariant>;
let site: Awaited<ReturnType<typeof serveSite>>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  variant = buildSiteVariant({ VITE_AUTH_URL: '/dev/oauth2/authorize?role=editor&provinces=IR-13', VITE_AUTH_CLIENT_ID: CLIENT_ID });
  site = await serveSite({ dir: variant.dir });
  browser = await launchChromium();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  variant?.remove();
});

interface Watched {
  page: Page;
  /** Every URL the page asked for or navigated to. */
  urls: string[];
  tokenRequests: Request[];
  errors: string[];
}

async function open(hash: string): Promise<Watched> {
  const context = await browser.newContext({ locale: 'fa-IR', timezoneId: 'Asia/Tehran' });
  contexts.push(context);
  const page = await context.newPage();
  const watched: Watched = { page, urls: [], tokenRequests: [], errors: [] };
  page.on('request', (request) => {
    watched.urls.push(request.url());
    if (new URL(request.url()).pathname === '/dev/oauth2/token') watched.tokenRequests.push(request);
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) watched.urls.push(frame.url());
  });
  page.on('pageerror', (error) => watched.errors.push(error.message));
  await page.goto(`${site.url}/${hash}`);
  await page.locator('#page-title').waitFor();
  return watched;
}

const storage = (page: Page) => page.evaluate(() => ({ ...sessionStorage }) as Record<string, string>);

/** No address the page ever had or asked for carries a token. */
function expectNoTokenInAnyUrl(urls: string[]): void {
  for (const url of urls) {
    expect(url).not.toMatch(/eyJ[\w-]+\.eyJ/); // a JWT
    expect(url).not.toMatch(/[?#&](id_token|access_token)=/);
  }
}

describe('hosted sign-in: authorization code flow with PKCE', () => {
  it('from a province page: out with an S256 challenge, back with a code, signed in on the same page with nothing in the address', async () => {
    const { page, urls, tokenRequests, errors } = await open('#/province/IR-13');
    await page.getByRole('link', { name: 'ورود کارکنان' }).click();
    await page.waitForURL((url) => url.hash.startsWith('#/sign-in'));
    expect(new URL(page.url()).hash).toBe(`#/sign-in?next=${encodeURIComponent('#/province/IR-13')}`);

    await page.getByRole('button', { name: 'ورود با حساب سازمانی' }).click();
    await page.getByTestId('who').waitFor();
    await page.waitForURL((url) => url.hash === '#/province/IR-13');
    expect(page.url()).toBe(`${site.url}/#/province/IR-13`); // no ?code=, no &state=, no token
    await expect.poll(() => page.locator('#page-title').textContent()).toContain('همدان');
    expect(await page.getByTestId('who').textContent()).toContain('ویرایشگر');

    // What left for the provider: the code flow, PKCE S256, a state, this page as the way back.
    const authorize = new URL(urls.find((u) => new URL(u).pathname === '/dev/oauth2/authorize')!);
    const asked = Object.fromEntries(authorize.searchParams);
    expect(asked).toMatchObject({ response_type: 'code', client_id: CLIENT_ID, code_challenge_method: 'S256', scope: 'openid', redirect_uri: `${site.url}/` });
    expect(asked.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(asked.state).toMatch(/^[\w-]{22}$/);
    // What came back: the code and the state, in the query.
    const back = new URL(urls.find((u) => new URL(u).searchParams.has('code'))!);
    expect(back.searchParams.get('state')).toBe(asked.state);

    // The exchange: one POST, form-encoded, with the verifier of that challenge.
    expect(tokenRequests).toHaveLength(1);
    const exchange = tokenRequests[0]!;
    expect(exchange.method()).toBe('POST');
    const form = new URLSearchParams(exchange.postData()!);
    expect(Object.fromEntries(form)).toMatchObject({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code'),
      client_id: CLIENT_ID,
      redirect_uri: `${site.url}/`,
    });
    expect(s256(form.get('code_verifier')!)).toBe(asked.code_challenge);
    expect(form.get('code_verifier')).not.toBe(asked.code_challenge);

    expectNoTokenInAnyUrl(urls);
    const kept = await storage(page);
    expect(kept['abad.token']).toMatch(/^eyJ/);
    expect(kept['abad.signIn.pending']).toBeUndefined(); // the verifier and state served once

    // The code is spent: the same exchange again gets no token.
    const replay = await fetch(`${site.url}/dev/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    expect(errors).toEqual([]);
  });

  it('from a form that needs a sign-in: back on that form, ready to use', async () => {
    const { page, urls } = await open('#/forms/donation');
    await page.getByRole('link', { name: 'وارد شوید' }).click();
    await page.waitForURL((url) => url.hash.startsWith('#/sign-in'));
    await page.getByRole('button', { name: 'ورود با حساب سازمانی' }).click();
    await page.waitForURL((url) => url.hash === '#/forms/donation' && url.search === '');
    await page.locator('main form').first().waitFor();
    expect(await page.getByTestId('who').textContent()).toContain('ویرایشگر');
    expectNoTokenInAnyUrl(urls);
  });

  it('a wrong verifier gets no token: the page stays signed out, says so, and the address holds no code', async () => {
    const { page, urls, errors } = await open('#/province/IR-13');
    let original: string | undefined;
    await page.route('**/dev/oauth2/token', async (route) => {
      original = route.request().postData()!;
      const form = new URLSearchParams(original);
      form.set('code_verifier', `${form.get('code_verifier')!.slice(0, -4)}AAAA`);
      await route.continue({ postData: form.toString() });
    });
    await page.getByRole('link', { name: 'ورود کارکنان' }).click();
    await page.getByRole('button', { name: 'ورود با حساب سازمانی' }).click();
    await page.locator('.hosted-sign-in .error').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).hash).toBe(`#/sign-in?next=${encodeURIComponent('#/province/IR-13')}`);
    expect((await storage(page))['abad.token']).toBeUndefined();
    expect(await page.getByTestId('who').count()).toBe(0);
    // The refused attempt spent the code: the right verifier cannot use it after.
    const retry = await fetch(`${site.url}/dev/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: original!,
    });
    expect(retry.status).toBe(400);
    expectNoTokenInAnyUrl(urls);
    expect(errors).toEqual([]);

    // And signing in again from there works, back to the province page.
    await page.unroute('**/dev/oauth2/token');
    await page.getByRole('button', { name: 'ورود با حساب سازمانی' }).click();
    await page.waitForURL((url) => url.hash === '#/province/IR-13');
    await page.getByTestId('who').waitFor();
  });

  it('an answer this tab did not ask for (forged state, or none pending) is refused without asking for a token', async () => {
    const { page, tokenRequests } = await open('#/');
    await page.evaluate(() =>
      sessionStorage.setItem(
        'abad.signIn.pending',
        JSON.stringify({ state: 'mine', verifier: 'v'.repeat(43), next: '#/', redirectUri: `${location.origin}/` }),
      ),
    );
    await page.goto(`${site.url}/?code=stolen-code&state=forged#/`);
    await page.locator('.hosted-sign-in .error').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(tokenRequests).toHaveLength(0);
    expect((await storage(page))['abad.token']).toBeUndefined();
    expect((await storage(page))['abad.signIn.pending']).toBeUndefined();
  });
});
