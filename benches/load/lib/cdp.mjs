// A raw Chrome DevTools Protocol connection beside Playwright's own. Playwright's `CDPSession` cannot carry
// flattened child sessions (the service worker a page auto-attaches with `flatten: true` answers on a session
// id Playwright does not know, and its messages are dropped), so the driver speaks CDP itself over the
// browser's `--remote-debugging-port` (127.0.0.1 only): one session per page, attached to the page's target,
// and one per target that page auto-attaches (service worker, dedicated workers, out-of-process frames).

import net from 'node:net';

/** How long one CDP command may take. */
const COMMAND_TIMEOUT_MS = 15_000;

/** A free TCP port on 127.0.0.1, for `--remote-debugging-port`. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function webSocketClass() {
  if (typeof globalThis.WebSocket === 'function') return globalThis.WebSocket;
  const bundle = await import('playwright-core/lib/utilsBundle');
  return (bundle.default ?? bundle).ws;
}

/** A browser-level CDP connection with flattened sessions. */
export class CdpConnection {
  static async open(port) {
    const version = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
    const WebSocket = await webSocketClass();
    const socket = new WebSocket(version.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = (event) => reject(new Error(`CDP connection failed: ${event.message ?? event}`));
    });
    return new CdpConnection(socket);
  }

  constructor(socket) {
    this.socket = socket;
    this.lastId = 0;
    this.pending = new Map();
    this.listeners = new Set();
    socket.onmessage = (event) => this.receive(JSON.parse(String(event.data)));
  }

  receive(message) {
    const waiting = message.id !== undefined && this.pending.get(message.id);
    if (waiting) {
      this.pending.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
      else waiting.resolve(message.result);
      return;
    }
    if (message.method) for (const listener of this.listeners) listener(message);
  }

  /** Sends `method` on `sessionId` (browser target when empty); commands are delivered in order. */
  send(method, params = {}, sessionId = undefined) {
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer, method });
      this.socket.send(JSON.stringify({ id, method, params, sessionId }));
    });
  }

  /** Calls `listener({method, params, sessionId})` for every event; returns the unsubscribe function. */
  onEvent(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close() {
    this.socket.close();
  }
}

/**
 * Attaches to the target of a Playwright `page` (still on about:blank), applies `profile` to it and to every
 * target it auto-attaches before that target runs, and reports every event of those sessions to `onEvent`.
 * Returns `{sessions, detach}`; `sessions` maps session id → {type, url, throttling: {cpu, network}}.
 */
export async function attachPage(connection, context, page, profile, onEvent) {
  const playwrightSession = await context.newCDPSession(page);
  const { targetInfo } = await playwrightSession.send('Target.getTargetInfo');
  await playwrightSession.detach();
  const sessions = new Map();
  const unsubscribe = connection.onEvent((message) => {
    if (!sessions.has(message.sessionId)) return;
    if (message.method === 'Target.attachedToTarget') {
      adopt(connection, sessions, message.params, profile).catch((error) => {
        sessions.get(message.params.sessionId)?.errors.push(String(error.message ?? error));
      });
    } else if (message.method === 'Target.detachedFromTarget') {
      const child = sessions.get(message.params.sessionId);
      if (child) child.detached = true;
    }
    onEvent(message, sessions.get(message.sessionId));
  });
  const { sessionId } = await connection.send('Target.attachToTarget', { targetId: targetInfo.targetId, flatten: true });
  sessions.set(sessionId, { type: 'page', url: targetInfo.url, errors: [], throttling: {} });
  await Promise.all(prepare(connection, sessionId, sessions.get(sessionId), profile, false));
  const detach = async () => {
    unsubscribe();
    await connection.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  };
  return { sessionId, sessions, detach };
}

/** A target the page auto-attached (paused): same network recording and profile, then resumed. */
async function adopt(connection, sessions, params, profile) {
  const { sessionId, targetInfo, waitingForDebugger } = params;
  const info = { type: targetInfo.type, url: targetInfo.url, errors: [], throttling: {} };
  sessions.set(sessionId, info);
  // Sent together, not one by one: a paused worker answers only once it runs, but handles its commands in
  // order, so everything below is in force before `runIfWaitingForDebugger` lets its script start.
  const steps = prepare(connection, sessionId, info, profile, true);
  if (waitingForDebugger) steps.push(connection.send('Runtime.runIfWaitingForDebugger', {}, sessionId));
  const outcomes = await Promise.allSettled(steps);
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') info.errors.push(String(outcome.reason?.message ?? outcome.reason));
  }
}

/** The commands that record a target's network and throttle it; each notes in `info.throttling` if it took. */
function prepare(connection, sessionId, info, profile, isChild) {
  const note = (key, promise) =>
    promise.then(
      () => {
        info.throttling[key] = 'applied';
      },
      (error) => {
        info.throttling[key] = `refused: ${error.message}`;
        if (!isChild) throw error;
      },
    );
  const steps = [connection.send('Network.enable', {}, sessionId)];
  if (profile.cpuRate > 1) {
    steps.push(note('cpu', connection.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuRate }, sessionId)));
  }
  if (profile.network) {
    steps.push(note('network', connection.send('Network.emulateNetworkConditions', profile.network, sessionId)));
  }
  steps.push(
    connection.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, sessionId),
  );
  return steps;
}
