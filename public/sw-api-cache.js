// digibank service worker — the per-user stale-while-revalidate cache of `GET /api/…` responses.
// Every browser API it touches (Cache Storage, fetch, the clock, SHA-256, messages to pages) is passed in,
// so node tests run it against fakes. Loaded by sw.js (`self.SwApiCache`) and by the tests (`require`).
(function (root) {
  'use strict';

  const P =
    typeof module === 'object' && module.exports ? require('./sw-policy.js') : root.SwPolicy;

  /** Where the announced subject is kept inside the worker's meta cache (it must survive worker restarts). */
  const SUBJECT_KEY = '/__digibank-sw/subject';

  /** The per-user API cache. `deps`: { caches, fetch, now, subtle, origin, notify(clientId, msg), log }. */
  class ApiCache {
    constructor(deps) {
      this.deps = deps;
      /** Bumped by every purge: a revalidation that started before a purge never writes afterwards. */
      this.generation = 0;
      /** The announced subject; `undefined` until read from the meta cache. */
      this.subject = undefined;
    }

    /** The subject the app last announced (null after logout or before any sign-in). */
    async currentSubject() {
      if (this.subject === undefined) {
        const meta = await this.deps.caches.open(P.META_CACHE);
        const stored = await meta.match(SUBJECT_KEY);
        this.subject = stored ? (await stored.json()).subject || null : null;
      }
      return this.subject;
    }

    /** Remembers `subject` (or forgets it with null), in memory and in the meta cache. */
    async saveSubject(subject) {
      this.subject = subject;
      const meta = await this.deps.caches.open(P.META_CACHE);
      if (subject) {
        const body = JSON.stringify({ subject });
        await meta.put(SUBJECT_KEY, new Response(body, { headers: { 'content-type': 'application/json' } }));
      } else {
        await meta.delete(SUBJECT_KEY);
      }
    }

    /** The app says who is signed in. A different user than the last one: every API cache goes first. */
    async announce(subject) {
      if (typeof subject !== 'string' || subject === '') return;
      if ((await this.currentSubject()) !== subject) await this.purge();
      await this.saveSubject(subject);
    }

    /** Sign-out: every API cache is deleted and the subject forgotten, so nothing is served any more. */
    async logout() {
      await this.purge();
      await this.saveSubject(null);
    }

    /** Deletes every API cache (all users); in-flight revalidations will not write any more. */
    async purge() {
      this.generation += 1;
      const names = await this.deps.caches.keys();
      await Promise.all(names.filter(P.isApiCacheName).map((name) => this.deps.caches.delete(name)));
    }

    /**
     * Answers one `GET /api/…` request from page `clientId`. Returns at once (a fetch event must call
     * `respondWith` synchronously) `{ response, background }`: the promise of the answer and the promise
     * of the work that may continue after it (the revalidation), for `event.waitUntil`.
     */
    handle(request, clientId) {
      let finish;
      const background = new Promise((resolve) => {
        finish = resolve;
      });
      const response = this.answer(request, clientId, finish).catch((error) => {
        finish();
        throw error;
      });
      return { response, background };
    }

    /** The answer: the network for strangers, else the stored copy now and the network behind it. */
    async answer(request, clientId, finish) {
      const wishes = P.cacheRequestTokens(request.headers.get(P.CACHE_HEADER));
      const subject = request.headers.get(P.SUBJECT_HEADER);
      const forwarded = new Request(request, { headers: P.forwardedHeaders(request.headers) });
      if (!subject || subject !== (await this.currentSubject())) {
        finish();
        return this.deps.fetch(forwarded);
      }
      const cache = await this.deps.caches.open(await P.apiCacheName(subject, this.deps.subtle));
      const key = P.apiCacheKey(request.url, this.deps.origin);
      const stored = await this.showable(cache, key);
      const network = this.fetchAndStore(forwarded, cache, key, subject, wishes.allow);
      if (!stored) {
        finish();
        return (await network).response;
      }
      if (wishes.refresh) {
        finish();
        return network.then((fresh) => fresh.response).catch((error) => {
          this.deps.log('network failed, serving the stored copy', key, error);
          return stored.response;
        });
      }
      finish(this.revalidate(network, stored, key, clientId));
      return stored.response;
    }

    /** The stored copy of `key` if it may still be shown (too old: deleted), with its time and body. */
    async showable(cache, key) {
      const response = await cache.match(key);
      if (!response) return null;
      const cachedAt = Number(response.headers.get(P.CACHED_AT_HEADER));
      if (!P.isShowable(cachedAt, this.deps.now())) {
        await cache.delete(key);
        return null;
      }
      const body = await response.clone().text();
      return { response, cachedAt, body };
    }

    /**
     * Fetches from the network and stores a storable answer with its time (unless a purge or a user switch
     * happened meanwhile). A client error drops the stored copy; a server error leaves it. Resolves to
     * `{ response, body }` (body: the text when stored, else null).
     */
    async fetchAndStore(forwarded, cache, key, subject, optedIn) {
      const generation = this.generation;
      const response = await this.deps.fetch(forwarded);
      const storable = P.isStorable(response.status, response.headers.get('cache-control'), optedIn);
      const stillValid = generation === this.generation && (await this.currentSubject()) === subject;
      if (!storable || !stillValid) {
        if (stillValid && response.status >= 400 && response.status < 500) await cache.delete(key);
        return { response, body: null };
      }
      const body = await response.clone().text();
      const headers = new Headers(response.headers);
      headers.set(P.CACHED_AT_HEADER, String(this.deps.now()));
      headers.set(P.CACHE_KEY_HEADER, key);
      await cache.put(key, new Response(body, { status: 200, statusText: 'OK', headers }));
      return { response, body };
    }

    /** After serving a stored copy: tells the page whether the network had newer data, or none at all. */
    async revalidate(network, stored, key, clientId) {
      try {
        const fresh = await network;
        const changed = fresh.body !== null && fresh.body !== stored.body;
        await this.deps.notify(clientId, { type: 'api-revalidated', key, changed });
      } catch (error) {
        this.deps.log('revalidation failed', key, error);
        await this.deps.notify(clientId, { type: 'api-offline', key, cachedAt: stored.cachedAt });
      }
    }
  }

  const SwApiCache = { ApiCache, SUBJECT_KEY };
  if (typeof module === 'object' && module.exports) module.exports = SwApiCache;
  else root.SwApiCache = SwApiCache;
})(typeof self === 'object' ? self : globalThis);
