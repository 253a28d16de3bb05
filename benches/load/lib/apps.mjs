// The two apps under test: where each is served, how a returning user's session is seeded, and how the
// automation signs in. Both show alice's accounts on their dashboard.

/** Alice's balances: the dashboard counts as shown when both are in visible elements. */
export const DASHBOARD_TEXTS = ['125,430.00', '45,200.00'];
/** The demo user and password of the mock bank's OpenID provider. */
export const USER = 'alice';
export const PASSWORD = 'demo';

/** The provider's login form (mocks/src/oidc/pages.rs). */
const PROVIDER_FORM = { name: 'provider login form', selector: '#username' };

/** Fills and submits the provider's form, as e2e/tests/support/mod.rs does. */
async function submitProviderForm(page, timeout) {
  await page.locator('#username').fill(USER, { timeout });
  await page.locator('#password').fill(PASSWORD, { timeout });
  await page.locator("button[value='allow']").click({ timeout });
}

/** digibank: `memory` token storage as built (scenarios b, c), a copy with `session` storage for scenario a. */
export function digibank({ url, sessionUrl }) {
  const tokens = new ReturningTokens(sessionUrl);
  return {
    name: 'digibank',
    label: 'digibank (Leptos/wasm)',
    baseUrl: (scenario) => (scenario === 'returning' ? sessionUrl : url),
    screens: [{ name: 'app sign-in button', selector: 'section.login button' }, PROVIDER_FORM],
    supports: () => true,
    /** The token set of a real sign-in (with its ID token), in sessionStorage before the app starts. */
    async seedReturning(browser, context) {
      const json = await tokens.get(browser);
      await context.addInitScript(
        ({ origin, value }) => {
          if (location.origin === origin && !sessionStorage.getItem('digibank.auth.tokens')) {
            sessionStorage.setItem('digibank.auth.tokens', value);
          }
        },
        { origin: new URL(sessionUrl).origin, value: json },
      );
    },
    /** From any page of the app while signed out, through the provider, until the app navigates back. */
    async signIn(page, timeout) {
      await page.locator('section.login button').click({ timeout });
      await submitProviderForm(page, timeout);
    },
  };
}

/**
 * The tokens a returning digibank user has in sessionStorage, taken from a real sign-in (in a context of its
 * own, closed before any timed run) and taken again when less than two minutes of the access token are left.
 */
class ReturningTokens {
  constructor(sessionUrl) {
    this.sessionUrl = sessionUrl;
    this.value = null;
  }

  async get(browser) {
    const left = this.value ? JSON.parse(this.value).expiresAtMs - Date.now() : 0;
    if (left < 120_000) this.value = await this.signIn(browser);
    return this.value;
  }

  async signIn(browser) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(`${this.sessionUrl}/`, { timeout: 60_000 });
      await page.locator('section.login button').click({ timeout: 60_000 });
      await submitProviderForm(page, 60_000);
      await page.getByText(DASHBOARD_TEXTS[0]).first().waitFor({ timeout: 60_000 });
      const value = await page.evaluate(() => sessionStorage.getItem('digibank.auth.tokens'));
      if (!value) throw new Error('digibank kept no token set in sessionStorage after signing in (session mode)');
      return value;
    } finally {
      await context.close();
    }
  }
}

/**
 * The React peer (benches/react-peer): reads its access token from `localStorage.authToken`; without one it
 * goes straight to the provider (oidc-client `signinRedirect`, no screen of its own), and its /callback stores
 * the token there. Whether that sign-in works is checked once, outside any timed run (`detectSignIn`).
 */
export function reactPeer({ url, adminUrl }) {
  let signIn = null;
  return {
    name: 'react',
    label: 'React peer',
    baseUrl: () => url,
    screens: [PROVIDER_FORM],
    supports: (scenario) => (scenario === 'first-sign-in' ? (signIn ?? 'not probed') : true),
    async seedReturning(_browser, context) {
      const token = await mintToken(adminUrl);
      await context.addInitScript(
        ({ origin, value }) => {
          if (location.origin === origin && !localStorage.getItem('authToken')) localStorage.setItem('authToken', value);
        },
        { origin: new URL(url).origin, value: token },
      );
    },
    signIn: (page, timeout) => submitProviderForm(page, timeout),
    /** Sets `supports('first-sign-in')`: true when `/` without a token leads to the form and back signed in. */
    async detectSignIn(browser) {
      signIn = await probeSignIn(browser, url);
      return signIn;
    },
  };
}

/** true, or why the peer cannot be signed in through the provider from `/` without a token. */
async function probeSignIn(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto(`${url}/`, { timeout: 30_000 });
    await submitProviderForm(page, 15_000);
    await page.getByText(DASHBOARD_TEXTS[0]).first().waitFor({ timeout: 30_000 });
    const token = await page.evaluate(() => localStorage.getItem('authToken'));
    return token ? true : 'its sign-in left no localStorage.authToken';
  } catch (error) {
    return `its sign-in through the provider from / did not reach the dashboard (${firstLine(error)})`;
  } finally {
    await context.close();
  }
}

/** An access token for alice from the mock bank's admin listener (1 hour). */
export async function mintToken(adminUrl) {
  const response = await fetch(`${adminUrl}/admin/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: USER, expiresIn: 3600 }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`POST ${adminUrl}/admin/tokens answered ${response.status}`);
  return (await response.json()).accessToken;
}

export function firstLine(error) {
  return String(error?.message ?? error).split('\n')[0];
}
