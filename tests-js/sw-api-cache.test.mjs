// node --test: the per-user stale-while-revalidate API cache (public/sw-api-cache.js) over fakes.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { FakeCaches, FakeNetwork } from './fakes.mjs';

const require = createRequire(import.meta.url);
const P = require('../public/sw-policy.js');
const { ApiCache } = require('../public/sw-api-cache.js');

const ORIGIN = 'https://bank.example';
const PRIVATE = { 'cache-control': 'private, no-cache', 'content-type': 'application/json' };
const START = Date.UTC(2026, 10, 1, 9, 30);

/** A worker's API cache over fakes, with the messages it posts and what it logs. */
function setup() {
  const caches = new FakeCaches();
  const network = new FakeNetwork();
  const clock = { now: START };
  const messages = [];
  const logs = [];
  const deps = {
    caches,
    fetch: network.fetch,
    now: () => clock.now,
    subtle: globalThis.crypto.subtle,
    origin: ORIGIN,
    notify: async (clientId, message) => messages.push({ clientId, ...message }),
    log: (...parts) => logs.push(parts.join(' ')),
  };
  return { caches, network, clock, messages, logs, deps, api: new ApiCache(deps) };
}

/** A GET of `path` as the app sends it (subject and opt-in headers). */
function apiGet(path, { subject = 'alice', cache = 'allow' } = {}) {
  const headers = { accept: 'application/json' };
  if (subject) headers['x-sw-subject'] = subject;
  if (cache) headers['x-sw-cache'] = cache;
  return new Request(ORIGIN + path, { headers });
}

/** Runs one request to its end (answer and background work); resolves to the answer or the error. */
async function run(api, request) {
  const { response, background } = api.handle(request, 'client-1');
  const outcome = await response.then(
    (r) => r,
    (e) => e,
  );
  await background;
  return outcome;
}

/** How many responses the API caches hold. */
async function storedCount(caches) {
  let count = 0;
  for (const name of (await caches.keys()).filter(P.isApiCacheName)) {
    count += (await (await caches.open(name)).keys()).length;
  }
  return count;
}

test('before any sign-in is announced, nothing is stored and the network answers', async () => {
  const { api, network, caches } = setup();
  network.reply(200, '{"n":1}', PRIVATE);
  const response = await run(api, apiGet('/api/accounts'));
  assert.equal(await response.text(), '{"n":1}');
  assert.equal(await storedCount(caches), 0);
});

test('an announced user gets stale-while-revalidate: the stored copy at once, marked with its time', async () => {
  const { api, network, caches, clock, messages } = setup();
  await api.announce('alice');
  network.reply(200, '{"balance":"1.00"}', PRIVATE);
  const first = await run(api, apiGet('/api/accounts'));
  assert.equal(first.headers.get(P.CACHED_AT_HEADER), null, 'a network answer is not marked');
  assert.equal(await storedCount(caches), 1);

  clock.now = START + 60_000;
  network.reply(200, '{"balance":"2.00"}', PRIVATE);
  const second = await run(api, apiGet('/api/accounts'));
  assert.equal(await second.text(), '{"balance":"1.00"}');
  assert.equal(second.headers.get(P.CACHED_AT_HEADER), String(START));
  assert.equal(second.headers.get(P.CACHE_KEY_HEADER), '/api/accounts');
  assert.deepEqual(messages, [
    { clientId: 'client-1', type: 'api-revalidated', key: '/api/accounts', changed: true },
  ]);

  network.reply(200, '{"balance":"2.00"}', PRIVATE);
  const third = await run(api, apiGet('/api/accounts'));
  assert.equal(await third.text(), '{"balance":"2.00"}');
  assert.equal(messages[1].changed, false, 'the same data again is not a change');
});

test('errors, no-store and private answers without the opt-in are never stored', async () => {
  const { api, network, caches } = setup();
  await api.announce('alice');
  network.reply(500, '{"error":"boom"}', { 'content-type': 'application/json' });
  network.reply(200, '{}', { 'cache-control': 'no-store' });
  network.reply(200, '{}', PRIVATE);
  network.reply(404, '{}', {});
  assert.equal((await run(api, apiGet('/api/accounts'))).status, 500);
  await run(api, apiGet('/api/transactions'));
  await run(api, apiGet('/api/accounts/1', { cache: null }));
  await run(api, apiGet('/api/accounts/9'));
  assert.equal(await storedCount(caches), 0);
});

test('a server error during revalidation keeps the good copy; a 500 is never served later', async () => {
  const { api, network } = setup();
  await api.announce('alice');
  network.reply(200, '{"ok":true}', PRIVATE);
  await run(api, apiGet('/api/accounts'));
  network.reply(500, '{"error":"boom"}', {});
  await run(api, apiGet('/api/accounts'));
  network.offline = true;
  const offline = await run(api, apiGet('/api/accounts'));
  assert.equal(offline.status, 200);
  assert.equal(await offline.text(), '{"ok":true}');
});

test('offline: the stored copy is served and the page is told; without a copy the request fails', async () => {
  const { api, network, messages, logs } = setup();
  await api.announce('alice');
  network.reply(200, '{"n":1}', PRIVATE);
  await run(api, apiGet('/api/accounts'));
  network.offline = true;
  const served = await run(api, apiGet('/api/accounts'));
  assert.equal(await served.text(), '{"n":1}');
  assert.deepEqual(messages.at(-1), {
    clientId: 'client-1',
    type: 'api-offline',
    key: '/api/accounts',
    cachedAt: START,
  });
  assert.ok(logs.some((line) => line.includes('revalidation failed')), 'the failure is logged');
  const missing = await run(api, apiGet('/api/accounts/2/balance'));
  assert.ok(missing instanceof TypeError, 'no copy: the network error reaches the page');
});

test('a copy older than the maximum display age is not shown', async () => {
  const { api, network, clock, caches } = setup();
  await api.announce('alice');
  network.reply(200, '{"n":1}', PRIVATE);
  await run(api, apiGet('/api/accounts'));
  clock.now = START + P.MAX_DISPLAY_AGE_MS + 1;
  network.offline = true;
  const outcome = await run(api, apiGet('/api/accounts'));
  assert.ok(outcome instanceof TypeError);
  assert.equal(await storedCount(caches), 0, 'the old copy is deleted');
});

test('another subject on the request is never answered from this cache', async () => {
  const { api, network } = setup();
  await api.announce('alice');
  network.reply(200, '{"owner":"alice"}', PRIVATE);
  await run(api, apiGet('/api/accounts'));
  network.reply(200, '{"owner":"bob"}', PRIVATE);
  const bob = await run(api, apiGet('/api/accounts', { subject: 'bob' }));
  assert.equal(await bob.text(), '{"owner":"bob"}');
  network.offline = true;
  assert.ok((await run(api, apiGet('/api/accounts', { subject: 'bob' }))) instanceof TypeError);
  assert.ok((await run(api, apiGet('/api/accounts', { subject: null }))) instanceof TypeError);
});

test('logout and a user switch delete every API cache', async () => {
  const { api, network, caches } = setup();
  await api.announce('alice');
  network.reply(200, '{}', PRIVATE);
  await run(api, apiGet('/api/accounts'));
  await caches.open('digibank-shell-b1');
  await api.announce('bob');
  assert.equal(await storedCount(caches), 0, 'switch to bob purges alice');
  assert.ok((await caches.keys()).includes('digibank-shell-b1'), 'the app shell stays');
  network.reply(200, '{}', PRIVATE);
  await run(api, apiGet('/api/accounts', { subject: 'bob' }));
  await api.logout();
  assert.deepEqual((await caches.keys()).filter(P.isApiCacheName), []);
  network.reply(200, '{}', PRIVATE);
  await run(api, apiGet('/api/accounts', { subject: 'bob' }));
  assert.equal(await storedCount(caches), 0, 'after logout nothing is stored until the next sign-in');
});

test('a revalidation that finishes after a purge writes nothing', async () => {
  const { api, network, caches } = setup();
  await api.announce('alice');
  const release = network.hold();
  const { response, background } = api.handle(apiGet('/api/accounts'), 'client-1');
  await api.logout();
  release(200, '{"late":true}', PRIVATE);
  await response;
  await background;
  assert.equal(await storedCount(caches), 0);
});

test('refresh asks the network first and falls back to the copy when offline', async () => {
  const { api, network, messages } = setup();
  await api.announce('alice');
  network.reply(200, '{"v":1}', PRIVATE);
  await run(api, apiGet('/api/accounts'));
  network.reply(200, '{"v":2}', PRIVATE);
  const fresh = await run(api, apiGet('/api/accounts', { cache: 'allow, refresh' }));
  assert.equal(await fresh.text(), '{"v":2}');
  network.offline = true;
  const fallback = await run(api, apiGet('/api/accounts', { cache: 'allow, refresh' }));
  assert.equal(await fallback.text(), '{"v":2}');
  assert.equal(messages.length, 0, 'a refresh needs no revalidation message');
});

test('the announced subject survives a restart of the worker; X-SW headers are stripped', async () => {
  const { api, network, caches, deps } = setup();
  await api.announce('alice');
  const restarted = new ApiCache(deps);
  network.reply(200, '{}', PRIVATE);
  await run(restarted, apiGet('/api/accounts'));
  assert.equal(await storedCount(caches), 1);
  const sent = network.requests.at(-1);
  assert.equal(sent.headers.get('x-sw-subject'), null);
  assert.equal(sent.headers.get('x-sw-cache'), null);
  assert.equal(sent.headers.get('accept'), 'application/json');
  assert.equal(api.subject, 'alice');
});
