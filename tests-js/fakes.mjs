// Test doubles for the service-worker modules: an in-memory Cache Storage, a scripted network and a clock.

/** The key a cache stores a request under. */
const keyOf = (key) => (typeof key === 'string' ? key : key.url);

/** One in-memory cache (match / put / delete / keys). */
export class FakeCache {
  constructor() {
    this.entries = new Map();
  }
  async match(key) {
    const response = this.entries.get(keyOf(key));
    return response ? response.clone() : undefined;
  }
  async put(key, response) {
    this.entries.set(keyOf(key), response.clone());
  }
  async delete(key) {
    return this.entries.delete(keyOf(key));
  }
  async keys() {
    return [...this.entries.keys()];
  }
}

/** An in-memory CacheStorage. */
export class FakeCaches {
  constructor() {
    this.stores = new Map();
  }
  async open(name) {
    if (!this.stores.has(name)) this.stores.set(name, new FakeCache());
    return this.stores.get(name);
  }
  async keys() {
    return [...this.stores.keys()];
  }
  async delete(name) {
    return this.stores.delete(name);
  }
}

/** A network answering from a queue of replies (a Response, or an Error to throw), recording requests. */
export class FakeNetwork {
  constructor() {
    this.replies = [];
    this.requests = [];
    this.offline = false;
  }
  reply(status, body, headers = {}) {
    this.replies.push(() => new Response(body, { status, headers }));
  }
  hold() {
    let release;
    const gate = new Promise((resolve) => {
      release = resolve;
    });
    this.replies.push(() => gate);
    return (status, body, headers = {}) => release(new Response(body, { status, headers }));
  }
  fetch = async (request) => {
    this.requests.push(request);
    if (this.offline) throw new TypeError('Failed to fetch');
    const next = this.replies.shift();
    if (!next) throw new Error(`no reply scripted for ${request.url}`);
    return next();
  };
}
