// digibank service worker — the wiring: install (precache this build's app shell), activate (drop older
// shells), messages from the app, and one decision per fetch. The rules are in sw-policy.js, the per-user
// API cache in sw-api-cache.js; docs/offline.md explains the whole design.
importScripts('/sw-policy.js', '/sw-api-cache.js');

// Replaced at build time by tools/sw-stamp.mjs (trunk post_build hook) with this build's id, its files
// and its config.json: a new deployment therefore changes this file, which is how browsers notice it.
const BUILD = /*DIGIBANK_BUILD*/ null;
if (!BUILD) throw new Error('sw.js was not stamped with a build (tools/sw-stamp.mjs)');

const P = self.SwPolicy;
const ORIGIN = self.location.origin;
const SHELL_CACHE = P.shellCacheName(BUILD.id);
const SHELL_PATHS = new Set(BUILD.assets);
/** Where the API and the provider live; config.json from the cache replaces the build's copy when read. */
let scope = P.scopeFromConfig(BUILD.config, ORIGIN);
/** Discovery document and JWKS URLs: public, cached so an offline reload can still show who is signed in. */
const providerUrls = new Set([scope.discovery]);
/** The provider's authorization endpoint(s) (P.endpointOf), from its discovery document. */
const authorizeEndpoints = new Set();

const log = (...parts) => console.warn('[digibank sw]', ...parts);

/** Posts `message` to one page; a page that went away is not an error. */
async function notify(clientId, message) {
  try {
    const client = clientId ? await self.clients.get(clientId) : null;
    if (client) client.postMessage(message);
  } catch (error) {
    log('could not tell the page', error);
  }
}

const apiCache = new self.SwApiCache.ApiCache({
  caches: self.caches,
  fetch: (request) => fetch(request),
  now: () => Date.now(),
  subtle: self.crypto.subtle,
  origin: ORIGIN,
  notify,
  log,
});

/** Reads the deployed config.json and the cached discovery document (after a restart of the worker). */
async function loadRuntimeScope() {
  try {
    const config = await (await caches.open(SHELL_CACHE)).match('/config.json');
    if (config) scope = P.scopeFromConfig(await config.json(), ORIGIN);
    providerUrls.add(scope.discovery);
    const discovery = await (await caches.open(P.META_CACHE)).match(scope.discovery);
    if (discovery) learnProvider(await discovery.json());
  } catch (error) {
    log('runtime configuration unavailable, using the build-time one', error);
  }
}
const runtimeScope = loadRuntimeScope();

/** Remembers the JWKS URL and the authorization endpoint a discovery document names. */
function learnProvider(document) {
  if (document && typeof document.jwks_uri === 'string') providerUrls.add(document.jwks_uri);
  if (document && typeof document.authorization_endpoint === 'string') {
    authorizeEndpoints.add(P.endpointOf(document.authorization_endpoint));
  }
}

self.addEventListener('install', (event) => {
  const requests = BUILD.assets.map((path) => new Request(path, { cache: P.precacheMode(path) }));
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => names.filter((name) => P.isOutdatedShellCache(name, BUILD.id)))
      .then((old) => Promise.all(old.map((name) => caches.delete(name)))),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'skip-waiting') event.waitUntil(self.skipWaiting());
  else if (data.type === 'session') event.waitUntil(apiCache.announce(data.subject));
  else if (data.type === 'logout') event.waitUntil(apiCache.logout());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  switch (P.classify(request, scope, SHELL_PATHS, providerUrls, authorizeEndpoints)) {
    case 'shell-navigation':
      return event.respondWith(fromShell('/index.html', request));
    case 'authorize-navigation':
      return event.respondWith(authorize(request));
    case 'shell-asset':
      return event.respondWith(fromShell(new URL(request.url).pathname, request));
    case 'config':
      return event.respondWith(networkFirst(request, SHELL_CACHE, '/config.json'));
    case 'provider-metadata':
      return event.respondWith(providerMetadata(request));
    case 'api': {
      const { response, background } = apiCache.handle(request, event.clientId);
      event.respondWith(response);
      return event.waitUntil(background);
    }
    case 'api-mutation':
      // The user changes data: drop what is stored so the next read cannot show the old state.
      return event.waitUntil(apiCache.purge());
    default:
      return undefined;
  }
});

/** A file of this build's shell from the cache (the network if it was evicted). */
async function fromShell(path, request) {
  const cached = await (await caches.open(SHELL_CACHE)).match(path);
  return cached || fetch(request);
}

/** The network's answer (stored under `key` when OK), else the stored one. */
async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}

/**
 * A navigation to the provider's sign-in: the network's answer as is; if the provider cannot be reached,
 * the OAuth error `temporarily_unavailable` back to the app's own callback (P.authorizeFailureRedirect), so
 * an offline reload (memory mode's `prompt=none` round trip) ends on the sign-in page, not an error page.
 */
async function authorize(request) {
  try {
    return await fetch(request);
  } catch (error) {
    log('provider unreachable, answering the sign-in with temporarily_unavailable', error);
    return Response.redirect(P.authorizeFailureRedirect(request, ORIGIN, authorizeEndpoints), 302);
  }
}

/** Discovery and JWKS: network first, the stored copy offline; a discovery document teaches the JWKS URL. */
async function providerMetadata(request) {
  await runtimeScope;
  const response = await networkFirst(request, P.META_CACHE, request.url);
  if (request.url === scope.discovery) {
    learnProvider(await response.clone().json().catch(() => null));
  }
  return response;
}
