// digibank service worker — the pure decisions (no caches, no network), shared by the worker
// (`importScripts('/sw-policy.js')` defines `self.SwPolicy`) and the node tests (`require`).
// See docs/offline.md for why these rules exist.
(function (root) {
  'use strict';

  /** Every per-user API cache starts with this; logout deletes every cache whose name starts with it. */
  const API_CACHE_PREFIX = 'digibank-api-';
  /** The app shell of one build lives in `digibank-shell-<build id>`. */
  const SHELL_CACHE_PREFIX = 'digibank-shell-';
  /** The worker's own small state (the announced subject) and public provider metadata. */
  const META_CACHE = 'digibank-sw-meta';
  /** Cached API data older than this is never shown (12 h keeps "data from HH:MM" unambiguous enough). */
  const MAX_DISPLAY_AGE_MS = 12 * 60 * 60 * 1000;
  /** A cached copy "from the future" beyond this clock skew is treated as broken. */
  const CLOCK_SKEW_MS = 60 * 1000;
  /** Response header: when the served copy was stored (ms since the epoch); only on copies from the cache. */
  const CACHED_AT_HEADER = 'x-sw-cached-at';
  /** Response header: the worker's key of the served copy, repeated in its later messages. */
  const CACHE_KEY_HEADER = 'x-sw-cache-key';
  /** Request header set by the app: the signed-in subject whose cache may answer. */
  const SUBJECT_HEADER = 'x-sw-subject';
  /** Request header set by the app: `allow` (private, no-cache may be stored), `refresh` (network first). */
  const CACHE_HEADER = 'x-sw-cache';
  /** Paths never answered with the app shell on navigation, whatever config.json says. */
  const DEFAULT_SERVER_PREFIXES = ['/api/', '/oidc/', '/socket.io/'];

  /** The lower-case directive names of a Cache-Control value (`"private, max-age=0"` → {private, max-age}). */
  function cacheControlDirectives(value) {
    return new Set(
      String(value || '')
        .split(',')
        .map((part) => part.split('=')[0].trim().toLowerCase())
        .filter(Boolean),
    );
  }

  /** The app's wishes for one request, from its `X-SW-Cache` header. */
  function cacheRequestTokens(value) {
    const tokens = cacheControlDirectives(value);
    return { allow: tokens.has('allow'), refresh: tokens.has('refresh') };
  }

  /**
   * May this response be stored? Only 200s; never `no-store`; `private` or `no-cache` only when the app
   * opted this request in.
   */
  function isStorable(status, cacheControl, optedIn) {
    if (status !== 200) return false;
    const directives = cacheControlDirectives(cacheControl);
    if (directives.has('no-store')) return false;
    const restricted = directives.has('private') || directives.has('no-cache');
    return !restricted || optedIn === true;
  }

  /** May a copy stored at `cachedAt` still be shown at `now`? (Both in ms since the epoch.) */
  function isShowable(cachedAt, now) {
    if (!Number.isFinite(cachedAt)) return false;
    const age = now - cachedAt;
    return age >= -CLOCK_SKEW_MS && age <= MAX_DISPLAY_AGE_MS;
  }

  /** Lower-case hex of some bytes. */
  function hex(bytes) {
    return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** The cache of one subject: the prefix and a SHA-256 of the subject (never a token, never the raw id). */
  async function apiCacheName(subject, subtle) {
    if (typeof subject !== 'string' || subject === '') throw new Error('no subject');
    const digest = await subtle.digest('SHA-256', new TextEncoder().encode(subject));
    return API_CACHE_PREFIX + hex(digest).slice(0, 32);
  }

  /** True for the per-user API caches. */
  function isApiCacheName(name) {
    return String(name).startsWith(API_CACHE_PREFIX);
  }

  /** The shell cache of build `buildId`. */
  function shellCacheName(buildId) {
    return SHELL_CACHE_PREFIX + buildId;
  }

  /** True for the shell cache of any other build (deleted when this build activates). */
  function isOutdatedShellCache(name, buildId) {
    return String(name).startsWith(SHELL_CACHE_PREFIX) && name !== shellCacheName(buildId);
  }

  /** Strips a trailing slash. */
  function trimSlash(text) {
    return String(text).replace(/\/+$/, '');
  }

  /**
   * What the worker needs to know about where things live, from config.json (relative URLs resolve against
   * the worker's origin): the API base, the provider's discovery URL, and the navigation prefixes that belong
   * to servers rather than to the app.
   */
  function scopeFromConfig(config, origin) {
    const resolve = (value, fallback) => trimSlash(new URL(value || fallback, origin + '/').href);
    const api = resolve(config && config.apiBaseUrl, '/api');
    const authority = resolve(config && config.oidcAuthority, '/oidc');
    const realtime = resolve(config && config.realtimeUrl, '/socket.io/');
    const prefixes = new Set(DEFAULT_SERVER_PREFIXES);
    for (const url of [api, authority, realtime]) {
      const parsed = new URL(url);
      if (parsed.origin === origin) prefixes.add(trimSlash(parsed.pathname) + '/');
    }
    return {
      origin,
      api,
      discovery: authority + '/.well-known/openid-configuration',
      serverPrefixes: Array.from(prefixes),
    };
  }

  /** An endpoint URL without query and fragment (how authorization endpoints are compared). */
  function endpointOf(url) {
    const parsed = new URL(url);
    return parsed.origin + parsed.pathname;
  }

  /**
   * Where to send the browser when the navigation `request` to one of the provider's `authorizeEndpoints`
   * (see `endpointOf`) fails at the network, or null when the worker must not answer for the provider.
   * RFC 6749 §4.1.2.1: the error goes to the request's own `redirect_uri` with `error=temporarily_unavailable`,
   * an `error_description` and the request's `state`, so the app's /callback ends the sign-in as failed
   * instead of the browser showing its error page. Only for a GET navigation of the code flow with query
   * response mode, a `state`, and a `redirect_uri` on the worker's `origin` without a fragment: the worker
   * never sends anything to another site, and a request without `state` is not the app's.
   */
  function authorizeFailureRedirect(request, origin, authorizeEndpoints) {
    if (request.method !== 'GET' || request.mode !== 'navigate') return null;
    if (!authorizeEndpoints.has(endpointOf(request.url))) return null;
    const params = new URL(request.url).searchParams;
    const state = params.get('state');
    const mode = params.get('response_mode');
    if (!state || params.get('response_type') !== 'code' || (mode && mode !== 'query')) return null;
    let target;
    try {
      target = new URL(params.get('redirect_uri') || '');
    } catch {
      return null;
    }
    if (target.origin !== origin || target.hash) return null;
    target.searchParams.append('error', 'temporarily_unavailable');
    target.searchParams.append('error_description', 'The sign-in service cannot be reached (offline)');
    target.searchParams.append('state', state);
    return target.href;
  }

  /**
   * What to do with one request:
   * `shell-navigation` (answer with the cached index.html), `authorize-navigation` (the provider's sign-in
   * page: network, and `authorizeFailureRedirect` if the network fails), `shell-asset` (cache first), `config`
   * (network first), `provider-metadata` (network first: discovery and JWKS are public), `api`
   * (stale-while-revalidate per user), `api-mutation` (a write: the user's cached data is dropped), or
   * `passthrough` (not touched). `shellPaths` is the set of precached paths, `providerUrls` the known
   * discovery and JWKS URLs, `authorizeEndpoints` the known authorization endpoints (`endpointOf`).
   */
  function classify(request, scope, shellPaths, providerUrls, authorizeEndpoints = new Set()) {
    const url = new URL(request.url);
    const sameOrigin = url.origin === scope.origin;
    const underApi = url.href.startsWith(scope.api + '/');
    const authCall = url.href.startsWith(scope.api + '/auth/');
    if (request.method !== 'GET') {
      return underApi && !authCall && request.mode !== 'navigate' ? 'api-mutation' : 'passthrough';
    }
    if (request.mode === 'navigate') {
      if (authorizeFailureRedirect(request, scope.origin, authorizeEndpoints)) return 'authorize-navigation';
      const server = scope.serverPrefixes.some((prefix) => url.pathname.startsWith(prefix));
      return sameOrigin && !server ? 'shell-navigation' : 'passthrough';
    }
    if (providerUrls.has(url.href)) return 'provider-metadata';
    if (sameOrigin && url.pathname === '/config.json') return 'config';
    if (sameOrigin && shellPaths.has(url.pathname)) return 'shell-asset';
    if (underApi && !authCall) return 'api';
    return 'passthrough';
  }

  /** The worker's key of an API request: path and query on the worker's origin, the full URL elsewhere. */
  function apiCacheKey(url, origin) {
    const parsed = new URL(url);
    return parsed.origin === origin ? parsed.pathname + parsed.search : parsed.href;
  }

  /** The request's headers without the app-to-worker ones (`X-SW-…` never reach the server). */
  function forwardedHeaders(headers) {
    const out = new Headers();
    for (const [name, value] of headers) {
      if (!name.toLowerCase().startsWith('x-sw-')) out.append(name, value);
    }
    return out;
  }

  /** Whether a file name ends in trunk's content hash (`digibank-<8–16 hex>[_bg].wasm`): such a file never changes. */
  function isContentHashed(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const match = /^(.+)-([0-9a-f]{8,16})(_bg)?\.[A-Za-z0-9]+$/.exec(name);
    return match !== null;
  }

  /**
   * The fetch cache mode of one precached file. A content-hashed file is taken from the HTTP cache when the
   * page already loaded it (`default`: never downloaded twice); the rest (index.html, config.json, the worker's
   * helpers) is revalidated (`no-cache`: a 304 when unchanged), so a new build is never precached stale.
   */
  function precacheMode(path) {
    return isContentHashed(path) ? 'default' : 'no-cache';
  }

  const SwPolicy = {
    API_CACHE_PREFIX,
    SHELL_CACHE_PREFIX,
    META_CACHE,
    MAX_DISPLAY_AGE_MS,
    CACHED_AT_HEADER,
    CACHE_KEY_HEADER,
    SUBJECT_HEADER,
    CACHE_HEADER,
    cacheControlDirectives,
    cacheRequestTokens,
    isStorable,
    isShowable,
    apiCacheName,
    isApiCacheName,
    shellCacheName,
    isOutdatedShellCache,
    scopeFromConfig,
    endpointOf,
    authorizeFailureRedirect,
    classify,
    apiCacheKey,
    forwardedHeaders,
    isContentHashed,
    precacheMode,
  };

  if (typeof module === 'object' && module.exports) module.exports = SwPolicy;
  else root.SwPolicy = SwPolicy;
})(typeof self === 'object' ? self : globalThis);
