// One timed run: a fresh browser context, the probe and the profile in place before anything loads, the
// scenario's steps, then the network until it goes quiet.

import { attachPage } from './cdp.mjs';
import { DASHBOARD_TEXTS, firstLine } from './apps.mjs';
import { NetworkRecorder } from './network.mjs';
import { probe } from './probe.js';

/** The throttling profiles, applied to the page and to every worker it attaches. */
export const PROFILES = {
  none: { name: 'none', cpuRate: 1, network: null },
  cpu4: { name: 'cpu4', cpuRate: 4, network: null },
  'cpu4-slow4g': {
    name: 'cpu4-slow4g',
    cpuRate: 4,
    network: { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 },
  },
};

export const SCENARIOS = ['returning', 'first-sign-in', 'reload'];

/** A run that does not reach the dashboard in this time fails. */
export const DASHBOARD_TIMEOUT_MS = 60_000;
/** The network counts as idle after this long without any event… */
const IDLE_QUIET_MS = 1_000;
/** …or, at the latest, this long after the dashboard showed. */
const IDLE_BOUND_MS = 15_000;
/** Console lines kept for a failure's message. */
const CONSOLE_TAIL = 25;

/** Runs `scenario` of `app` under `profile` once; never throws (a failure is `{ok: false, error}`). */
export async function runOnce({ browser, connection, app, scenario, profile }) {
  const base = app.baseUrl(scenario);
  const context = await browser.newContext({
    serviceWorkers: scenario === 'returning' ? 'block' : 'allow',
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
  });
  const consoleTail = [];
  const note = (line) => {
    consoleTail.push(line);
    if (consoleTail.length > CONSOLE_TAIL) consoleTail.shift();
  };
  const recorder = new NetworkRecorder();
  let attached = null;
  try {
    const config = { origin: new URL(base).origin, dashboard: DASHBOARD_TEXTS, screens: app.screens };
    await context.addInitScript({ content: `(${probe.toString()})(${JSON.stringify(config)});` });
    // A returning user's token, seeded by an init script (no request, nothing cached); also the peer's way to
    // be signed in before a reload when it has no sign-in of its own.
    const seeded = scenario === 'returning' || (scenario === 'reload' && app.supports('first-sign-in') !== true);
    if (seeded) await app.seedReturning(browser, context);
    const page = await context.newPage();
    page.on('console', (message) => note(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => note(`pageerror: ${firstLine(error)}`));
    attached = await attachPage(connection, context, page, profile, (message, session) =>
      recorder.handle(message, session),
    );
    const steps = new Steps(page, base, app);
    if (scenario === 'reload') await steps.signedInThenReload(recorder, seeded);
    else if (scenario === 'first-sign-in') await steps.firstSignIn();
    else await steps.open();
    const outcome = await steps.dashboard();
    const dashboardAt = recorder.monotonic(outcome.doneAt);
    const untilDashboard = recorder.totals(dashboardAt);
    const idleReached = await recorder.idle(IDLE_QUIET_MS, IDLE_BOUND_MS);
    const untilIdle = recorder.totals();
    return {
      ok: true,
      ms: outcome.doneAt - outcome.start,
      automationMs: outcome.automationMs,
      screens: outcome.screens,
      documents: outcome.documents,
      finalPath: outcome.path,
      bytesToDashboard: untilDashboard.bytes,
      requestsToDashboard: untilDashboard.requests,
      wireRequestsToDashboard: untilDashboard.wireRequests,
      bytesAtIdle: untilIdle.bytes,
      requestsAtIdle: untilIdle.requests,
      wireRequestsAtIdle: untilIdle.wireRequests,
      idleReached,
      targets: describeTargets(attached.sessions),
      waterfall: recorder.waterfall(recorder.monotonic(outcome.start)),
    };
  } catch (error) {
    return {
      ok: false,
      error: `${app.name} ${scenario} (${profile.name}): ${firstLine(error)}`,
      consoleTail,
      targets: attached ? describeTargets(attached.sessions) : [],
    };
  } finally {
    if (attached) await attached.detach();
    await context.close().catch(() => {});
  }
}

/** The scenarios' steps on one page; every wait is bounded by the run's deadline. */
class Steps {
  constructor(page, base, app) {
    this.page = page;
    this.base = base;
    this.app = app;
    this.deadline = Date.now() + DASHBOARD_TIMEOUT_MS;
  }

  left() {
    const ms = this.deadline - Date.now();
    if (ms <= 0) throw new Error(`the dashboard did not show within ${DASHBOARD_TIMEOUT_MS / 1000} s`);
    return ms;
  }

  /** (a) a returning user opens the app. */
  async open() {
    await this.page.goto(`${this.base}/`, { waitUntil: 'commit', timeout: this.left() });
  }

  /** (b) from `/` signed out, through the app's and the provider's screens. */
  async firstSignIn() {
    await this.open();
    await this.app.signIn(this.page, this.left());
  }

  /** (c) signed in as in (b) (untimed; or by the seeded token), quiet network, then the reload that is timed. */
  async signedInThenReload(recorder, seeded) {
    if (seeded) await this.open();
    else await this.firstSignIn();
    await this.dashboard();
    await recorder.idle(IDLE_QUIET_MS, IDLE_BOUND_MS);
    await this.page.evaluate(() => {
      for (const key of Object.keys(sessionStorage)) if (key.startsWith('__bench.')) sessionStorage.removeItem(key);
    });
    recorder.reset();
    this.deadline = Date.now() + DASHBOARD_TIMEOUT_MS;
    await this.page.reload({ waitUntil: 'commit', timeout: this.left() });
  }

  /** Waits for the probe's flag, then reads the marks of the whole navigation chain. */
  async dashboard() {
    try {
      await this.page.waitForFunction(() => Boolean(window.__bench?.done), null, {
        timeout: this.left(),
        polling: 100,
      });
    } catch (error) {
      const where = await this.page.evaluate(() => location.href).catch(() => this.page.url());
      throw new Error(`the dashboard (${DASHBOARD_TEXTS.join(' and ')}) did not show within ${DASHBOARD_TIMEOUT_MS / 1000} s; page at ${where}: ${firstLine(error)}`);
    }
    return this.page.evaluate(() => {
      const done = window.__bench.done;
      const screens = Object.keys(sessionStorage)
        .filter((key) => key.startsWith('__bench.screen.'))
        .map((key) => JSON.parse(sessionStorage.getItem(key)));
      const automationMs = screens
        .filter((s) => s.acted !== null)
        .reduce((sum, s) => sum + (s.acted - s.shown), 0);
      return {
        start: Number(sessionStorage.getItem('__bench.start')),
        doneAt: done.at,
        path: done.path,
        documents: done.doc,
        automationMs,
        screens,
      };
    });
  }
}

/** Each attached target: its type and whether the profile's CPU and network throttling took on it. */
function describeTargets(sessions) {
  return [...sessions.values()].map((s) => ({ type: s.type, url: s.url, throttling: s.throttling, errors: s.errors }));
}
