// node --test: the service worker's pure decisions (public/sw-policy.js).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const P = createRequire(import.meta.url)('../public/sw-policy.js');
const ORIGIN = 'https://bank.example';
const scope = P.scopeFromConfig({ apiBaseUrl: '/api', oidcAuthority: '/oidc' }, ORIGIN);
const shell = new Set(['/index.html', '/digibank-abc.js', '/config.json']);
const providerUrls = new Set([scope.discovery, 'https://bank.example/oidc/jwks']);
const kind = (method, path, mode = 'cors') =>
  P.classify({ method, url: ORIGIN + path, mode }, scope, shell, providerUrls);

test('only 200 responses without no-store are storable; private or no-cache need the opt-in', () => {
  assert.equal(P.isStorable(200, 'max-age=60', false), true);
  assert.equal(P.isStorable(200, null, false), true);
  assert.equal(P.isStorable(500, 'max-age=60', true), false);
  assert.equal(P.isStorable(203, '', true), false);
  assert.equal(P.isStorable(304, '', true), false);
  assert.equal(P.isStorable(200, 'no-store', true), false);
  assert.equal(P.isStorable(200, 'private, No-Store', true), false);
  assert.equal(P.isStorable(200, 'private, no-cache', false), false);
  assert.equal(P.isStorable(200, 'private, no-cache', true), true);
  assert.equal(P.isStorable(200, 'no-cache', false), false);
});

test('the app wishes are read from X-SW-Cache tokens', () => {
  assert.deepEqual(P.cacheRequestTokens('allow'), { allow: true, refresh: false });
  assert.deepEqual(P.cacheRequestTokens('allow, refresh'), { allow: true, refresh: true });
  assert.deepEqual(P.cacheRequestTokens(null), { allow: false, refresh: false });
});

test('stored copies are shown up to the maximum display age, never from a broken clock', () => {
  const now = Date.UTC(2026, 10, 1, 12);
  assert.equal(P.isShowable(now - P.MAX_DISPLAY_AGE_MS, now), true);
  assert.equal(P.isShowable(now - P.MAX_DISPLAY_AGE_MS - 1, now), false);
  assert.equal(P.isShowable(now + 10_000, now), true);
  assert.equal(P.isShowable(now + 3_600_000, now), false);
  assert.equal(P.isShowable(NaN, now), false);
});

test('one cache per subject, named by a hash of the subject and never by anything else', async () => {
  const alice = await P.apiCacheName('alice', globalThis.crypto.subtle);
  const again = await P.apiCacheName('alice', globalThis.crypto.subtle);
  const bob = await P.apiCacheName('bob', globalThis.crypto.subtle);
  assert.equal(alice, again);
  assert.notEqual(alice, bob);
  assert.match(alice, /^digibank-api-[0-9a-f]{32}$/);
  assert.ok(!alice.includes('alice'));
  assert.ok(P.isApiCacheName(alice));
  assert.ok(!P.isApiCacheName('digibank-shell-1'));
  await assert.rejects(P.apiCacheName('', globalThis.crypto.subtle));
});

test('older shells are recognised, the current one and other caches are not', () => {
  assert.equal(P.isOutdatedShellCache('digibank-shell-old', 'new'), true);
  assert.equal(P.isOutdatedShellCache(P.shellCacheName('new'), 'new'), false);
  assert.equal(P.isOutdatedShellCache('digibank-api-x', 'new'), false);
});

test('requests are classified: app navigations, shell files, config, provider metadata, API reads and writes', () => {
  assert.equal(kind('GET', '/accounts/1', 'navigate'), 'shell-navigation');
  assert.equal(kind('GET', '/callback?code=x', 'navigate'), 'shell-navigation');
  assert.equal(kind('GET', '/oidc/authorize?prompt=none', 'navigate'), 'passthrough');
  assert.equal(kind('GET', '/api/accounts', 'navigate'), 'passthrough');
  assert.equal(kind('POST', '/oidc/login', 'navigate'), 'passthrough');
  assert.equal(kind('GET', '/digibank-abc.js'), 'shell-asset');
  assert.equal(kind('GET', '/config.json'), 'config');
  assert.equal(kind('GET', '/oidc/.well-known/openid-configuration'), 'provider-metadata');
  assert.equal(kind('GET', '/oidc/jwks'), 'provider-metadata');
  assert.equal(kind('GET', '/oidc/userinfo'), 'passthrough');
  assert.equal(kind('GET', '/api/accounts?pageSize=100'), 'api');
  assert.equal(kind('GET', '/api/auth/session'), 'passthrough');
  assert.equal(kind('POST', '/api/transfers'), 'api-mutation');
  assert.equal(kind('POST', '/api/auth/refresh'), 'passthrough');
  assert.equal(kind('GET', '/apiary'), 'passthrough');
  assert.equal(
    P.classify({ method: 'GET', url: 'https://cdn.example/x.js', mode: 'cors' }, scope, shell, providerUrls),
    'passthrough',
  );
});

test('a cross-origin API and provider from config.json are followed', () => {
  const remote = P.scopeFromConfig(
    { apiBaseUrl: 'https://api.example/v1/', oidcAuthority: 'https://id.example' },
    ORIGIN,
  );
  assert.equal(remote.api, 'https://api.example/v1');
  assert.equal(remote.discovery, 'https://id.example/.well-known/openid-configuration');
  const request = { method: 'GET', url: 'https://api.example/v1/accounts', mode: 'cors' };
  assert.equal(P.classify(request, remote, shell, new Set()), 'api');
});

test('cache keys are path and query on our origin, the full URL elsewhere', () => {
  assert.equal(P.apiCacheKey(ORIGIN + '/api/accounts?pageSize=100', ORIGIN), '/api/accounts?pageSize=100');
  assert.equal(P.apiCacheKey('https://api.example/a', ORIGIN), 'https://api.example/a');
});

test('X-SW headers never reach the server', () => {
  const headers = new Headers({ 'X-SW-Subject': 'alice', 'x-sw-cache': 'allow', Authorization: 'Bearer t' });
  const forwarded = P.forwardedHeaders(headers);
  assert.equal(forwarded.get('authorization'), 'Bearer t');
  assert.equal(forwarded.get('x-sw-subject'), null);
  assert.equal(forwarded.get('x-sw-cache'), null);
});

const AUTHORIZE = ORIGIN + '/oidc/authorize';
const endpoints = new Set([P.endpointOf(AUTHORIZE + '?ignored=1')]);
/** A sign-in request as the app builds it, with `overrides` (`null` removes a parameter). */
const authorizeUrl = (overrides = {}) => {
  const url = new URL(AUTHORIZE);
  const params = {
    response_type: 'code',
    client_id: 'digibank',
    redirect_uri: ORIGIN + '/callback',
    state: 'st4te',
    prompt: 'none',
    ...overrides,
  };
  for (const [name, value] of Object.entries(params)) {
    if (value !== null) url.searchParams.set(name, value);
  }
  return url.href;
};
const navigation = (url, method = 'GET') => ({ method, url, mode: 'navigate' });
const failureRedirect = (request) => P.authorizeFailureRedirect(request, ORIGIN, endpoints);

test('an unreachable sign-in navigation goes back to its own redirect_uri with temporarily_unavailable and the state', () => {
  const location = new URL(failureRedirect(navigation(authorizeUrl())));
  assert.equal(location.origin + location.pathname, ORIGIN + '/callback');
  assert.equal(location.searchParams.get('error'), 'temporarily_unavailable');
  assert.match(location.searchParams.get('error_description'), /cannot be reached/);
  assert.equal(location.searchParams.get('state'), 'st4te');
  assert.equal(location.searchParams.get('code'), null);
  assert.equal(P.classify(navigation(authorizeUrl()), scope, shell, providerUrls, endpoints), 'authorize-navigation');
});

test('the query of the redirect_uri is kept and the state is copied exactly', () => {
  const url = authorizeUrl({ redirect_uri: ORIGIN + '/callback?tenant=a b', state: 'a&b=c' });
  const location = new URL(failureRedirect(navigation(url)));
  assert.equal(location.searchParams.get('tenant'), 'a b');
  assert.equal(location.searchParams.get('state'), 'a&b=c');
});

test('a redirect_uri on another origin is never redirected to', () => {
  for (const redirect of ['https://evil.example/callback', 'http://bank.example/callback', '//evil.example/x']) {
    const request = navigation(authorizeUrl({ redirect_uri: redirect }));
    assert.equal(failureRedirect(request), null, redirect);
    assert.equal(P.classify(request, scope, shell, providerUrls, endpoints), 'passthrough', redirect);
  }
});

test('no redirect without a state, a usable redirect_uri, the code flow in query mode, or a known endpoint', () => {
  const refused = {
    'missing state': authorizeUrl({ state: null }),
    'empty state': authorizeUrl({ state: '' }),
    'missing redirect_uri': authorizeUrl({ redirect_uri: null }),
    'relative redirect_uri': authorizeUrl({ redirect_uri: '/callback' }),
    'redirect_uri with a fragment': authorizeUrl({ redirect_uri: ORIGIN + '/callback#x' }),
    'implicit flow': authorizeUrl({ response_type: 'id_token token' }),
    'fragment response mode': authorizeUrl({ response_mode: 'fragment' }),
    'form_post response mode': authorizeUrl({ response_mode: 'form_post' }),
    'another provider path': authorizeUrl().replace('/oidc/authorize', '/oidc/login'),
  };
  for (const [why, url] of Object.entries(refused)) {
    assert.equal(failureRedirect(navigation(url)), null, why);
  }
  assert.ok(failureRedirect(navigation(authorizeUrl({ response_mode: 'query' }))));
  assert.equal(P.authorizeFailureRedirect(navigation(authorizeUrl()), ORIGIN, new Set()), null, 'endpoint unknown');
});

test('only GET navigations are sign-in navigations; fetches and form posts to the endpoint are untouched', () => {
  for (const request of [
    { method: 'GET', url: authorizeUrl(), mode: 'cors' },
    { method: 'GET', url: authorizeUrl(), mode: 'no-cors' },
    navigation(authorizeUrl(), 'POST'),
  ]) {
    assert.equal(failureRedirect(request), null, `${request.method} ${request.mode}`);
    assert.equal(P.classify(request, scope, shell, providerUrls, endpoints), 'passthrough');
  }
});

test('hashed files are precached from the HTTP cache, the rest is revalidated', () => {
  for (const path of ['/digibank-0123456789abcdef_bg.wasm', '/digibank-0123456789abcdef.js', '/main-a1b2c3d4e5f60718.css', '/favicon-0a1b2c3d4e5f6071.svg']) {
    assert.equal(P.isContentHashed(path), true, path);
    assert.equal(P.precacheMode(path), 'default', path);
  }
  for (const path of ['/index.html', '/config.json', '/sw-policy.js', '/sw-api-cache.js', '/snippets/x/inline0.js']) {
    assert.equal(P.isContentHashed(path), false, path);
    assert.equal(P.precacheMode(path), 'no-cache', path);
  }
});
