// Every request of a run, from the page's session and from each target it auto-attached (the service worker),
// with its bytes on the wire (response headers included: Chromium's `encodedDataLength`).

/** A request the page handed to the service worker, or one served from a cache, costs no bytes on the wire. */
function onWire(entry) {
  return !entry.fromCache && !entry.fromServiceWorker && !entry.url.startsWith('data:');
}

export class NetworkRecorder {
  constructor() {
    this.entries = new Map();
    this.socketUrls = new Map();
    /** Wall-clock ms minus CDP monotonic ms, learnt from `requestWillBeSent` (which carries both). */
    this.wallOffsetMs = null;
    this.lastActivityAt = Date.now();
  }

  /** Forgets everything recorded so far (the reload scenario counts from its reload). */
  reset() {
    this.entries.clear();
  }

  /** Handles one CDP event of a session described by `session` ({type}). */
  handle(message, session) {
    const { method, params, sessionId } = message;
    if (!method.startsWith('Network.')) return;
    this.lastActivityAt = Date.now();
    const key = `${sessionId}:${params.requestId}`;
    const kind = session?.type === 'page' ? 'page' : (session?.type ?? 'other');
    switch (method) {
      case 'Network.requestWillBeSent':
        return this.started(key, kind, params);
      case 'Network.requestServedFromCache':
        return this.update(key, (e) => (e.fromCache = e.fromCache || 'memory'));
      case 'Network.responseReceived':
        return this.update(key, (e) => this.responded(e, params));
      case 'Network.dataReceived':
        return this.update(key, (e) => e.chunks.push([params.timestamp * 1000, params.encodedDataLength]));
      case 'Network.loadingFinished':
        return this.update(key, (e) => {
          e.end = params.timestamp * 1000;
          e.bytes = params.encodedDataLength;
        });
      case 'Network.loadingFailed':
        return this.update(key, (e) => {
          e.end = params.timestamp * 1000;
          e.failed = params.canceled ? 'canceled' : params.errorText;
        });
      case 'Network.webSocketWillSendHandshakeRequest':
        return this.started(key, kind, { ...params, request: { url: this.socketUrls.get(key) ?? '' }, type: 'WebSocket' });
      case 'Network.webSocketCreated':
        return void this.socketUrls.set(key, params.url);
      case 'Network.webSocketHandshakeResponseReceived':
        return this.update(key, (e) => (e.status = params.response.status));
      case 'Network.webSocketClosed':
        return this.update(key, (e) => (e.end = params.timestamp * 1000));
      case 'Network.webSocketFrameReceived':
        return this.update(key, (e) => e.chunks.push([params.timestamp * 1000, params.response.payloadData.length]));
      default:
    }
  }

  started(key, kind, params) {
    const start = params.timestamp * 1000;
    if (params.wallTime && this.wallOffsetMs === null) this.wallOffsetMs = params.wallTime * 1000 - start;
    const previous = this.entries.get(key);
    // A redirect reuses the request id: the hop before it is finished, and kept under its own key.
    if (previous && params.redirectResponse) {
      this.responded(previous, { response: params.redirectResponse });
      previous.end = start;
      previous.bytes = previous.bytes ?? params.redirectResponse.encodedDataLength;
      this.entries.set(`${key}:hop${this.entries.size}`, previous);
    }
    this.entries.set(key, {
      url: params.request.url,
      type: params.type ?? 'Other',
      session: kind,
      start,
      end: null,
      status: null,
      bytes: null,
      headerBytes: 0,
      chunks: [],
      fromCache: false,
      fromServiceWorker: false,
      failed: null,
    });
  }

  responded(entry, { response }) {
    entry.status = response.status;
    entry.headerBytes = response.encodedDataLength ?? 0;
    entry.fromServiceWorker = Boolean(response.fromServiceWorker);
    if (response.fromDiskCache) entry.fromCache = 'disk';
    if (response.fromPrefetchCache) entry.fromCache = 'prefetch';
    if (response.serviceWorkerResponseSource && response.fromServiceWorker) {
      entry.workerSource = response.serviceWorkerResponseSource;
    }
  }

  update(key, change) {
    const entry = this.entries.get(key);
    if (entry) change(entry);
  }

  /** CDP monotonic ms of a wall-clock ms. */
  monotonic(wallMs) {
    return wallMs - (this.wallOffsetMs ?? 0);
  }

  /** Bytes an entry had received by monotonic time `until` (all of them when `until` is Infinity). */
  static bytesBy(entry, until) {
    if (entry.bytes !== null && (entry.end ?? Infinity) <= until) return entry.bytes;
    const received = entry.chunks.filter(([at]) => at <= until).reduce((sum, [, n]) => sum + n, 0);
    return entry.start <= until ? entry.headerBytes + received : 0;
  }

  /** `{bytes, requests, wireRequests}` up to monotonic time `until`. */
  totals(until = Infinity) {
    let bytes = 0;
    let requests = 0;
    let wireRequests = 0;
    for (const entry of this.entries.values()) {
      if (entry.start > until) continue;
      requests += 1;
      if (!onWire(entry)) continue;
      wireRequests += 1;
      bytes += NetworkRecorder.bytesBy(entry, until);
    }
    return { bytes, requests, wireRequests };
  }

  /** The waterfall, times in ms from monotonic `origin`, sorted by start. */
  waterfall(origin) {
    return [...this.entries.values()]
      .sort((a, b) => a.start - b.start)
      .map((e) => ({
        url: e.url,
        type: e.type,
        session: e.session,
        status: e.status,
        startMs: round(e.start - origin),
        endMs: e.end === null ? null : round(e.end - origin),
        bytes: onWire(e) ? NetworkRecorder.bytesBy(e, Infinity) : 0,
        source: e.fromServiceWorker ? `worker${e.workerSource ? `:${e.workerSource}` : ''}` : e.fromCache || 'network',
        failed: e.failed,
      }));
  }

  /** Resolves once no network event arrived for `quietMs` (or `boundMs` passed); true when it went quiet. */
  async idle(quietMs, boundMs) {
    const deadline = Date.now() + boundMs;
    while (Date.now() < deadline) {
      const quietFor = Date.now() - this.lastActivityAt;
      if (quietFor >= quietMs) return true;
      await new Promise((resolve) => setTimeout(resolve, Math.min(quietMs - quietFor, deadline - Date.now()) + 5));
    }
    return false;
  }
}

function round(ms) {
  return Math.round(ms * 10) / 10;
}
