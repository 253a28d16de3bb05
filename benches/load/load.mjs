#!/usr/bin/env node
// Page-load benchmark of digibank against the React peer, driven by `cargo xtask bench load` (which builds both,
// serves each from its own mock bank and passes their URLs). Writes results.json and report.md to --out and
// prints the report. See benches/load/README.md.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { digibank, firstLine, reactPeer } from './lib/apps.mjs';
import { parseArgs } from './lib/args.mjs';
import { CdpConnection, freePort } from './lib/cdp.mjs';
import { renderReport } from './lib/report.mjs';
import { PROFILES, runOnce } from './lib/run.mjs';
import { cellSummary } from './lib/stats.mjs';

/** Chromium as every test of the project starts it: Debian's, never a downloaded one. */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--lang=en-US',
];
/** A run that hangs beyond its own bounds (dashboard 60 s, idle 15 s) is abandoned after this. */
const RUN_GUARD_MS = 150_000;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options instanceof Error) {
    console.error(options.message);
    return 2;
  }
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1'],
    timeout: 60_000,
  });
  const stop = () => browser.close().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const connection = await CdpConnection.open(port);
  try {
    const results = await bench(browser, connection, options);
    write(options.out, results);
    const failures = results.cells.reduce((n, c) => n + c.summary.failed, 0);
    if (failures > 0) console.error(`bench load: ${failures} run(s) failed (see the report's notes and results.json)`);
    return failures > 0 ? 1 : 0;
  } finally {
    connection.close();
    await browser.close();
  }
}

async function bench(browser, connection, options) {
  const apps = makeApps(options);
  const results = {
    command: options.command ?? `node benches/load/load.mjs ${process.argv.slice(2).join(' ')}`,
    startedAt: new Date().toISOString(),
    machine: machine(browser),
    options: { runs: options.runs, apps: options.apps, profiles: options.profiles, scenarios: options.scenarios },
    servers: options.urls,
    unsupported: {},
    notes: [],
    cells: [],
  };
  await probeApps(browser, apps, options, results);
  await warmUp(browser, connection, apps);
  const total = options.profiles.length * options.scenarios.length * options.runs * apps.length;
  let done = 0;
  for (const profileName of options.profiles) {
    for (const scenario of options.scenarios) {
      const cells = apps.map((app) => ({ profile: profileName, scenario, app: app.name, runs: [], summary: null }));
      for (let i = 1; i <= options.runs; i += 1) {
        for (const [index, app] of apps.entries()) {
          done += 1;
          if (app.supports(scenario) !== true) continue;
          const run = await guarded(runOnce({ browser, connection, app, scenario, profile: PROFILES[profileName] }));
          cells[index].runs.push(run);
          console.error(progress(done, total, profileName, scenario, app.name, i, run));
        }
      }
      for (const cell of cells) cell.summary = cellSummary(cell.runs);
      results.cells.push(...cells.filter((c) => c.runs.length > 0));
    }
  }
  return results;
}

function makeApps(options) {
  const { urls } = options;
  const all = {
    digibank: () => digibank({ url: urls.digibank, sessionUrl: urls['digibank-session'] }),
    react: () => reactPeer({ url: urls.react, adminUrl: urls['react-admin'] }),
  };
  return options.apps.map((name) => all[name]());
}

/** Finds out, outside the timed runs, whether the peer can be signed in through the provider. */
async function probeApps(browser, apps, options, results) {
  for (const app of apps) {
    if (!app.detectSignIn || !options.scenarios.includes('first-sign-in')) continue;
    const outcome = await app.detectSignIn(browser);
    if (outcome !== true) results.unsupported[app.name] = { 'first-sign-in': outcome };
    console.error(`${app.name}: first sign-in ${outcome === true ? 'supported' : `n/a: ${outcome}`}`);
  }
}

/** One discarded run per app, so the first timed run does not pay for the browser's and servers' start. */
async function warmUp(browser, connection, apps) {
  for (const app of apps) {
    const run = await guarded(runOnce({ browser, connection, app, scenario: 'returning', profile: PROFILES.none }));
    if (!run.ok) throw new Error(`warm-up run failed: ${run.error}\n${(run.consoleTail ?? []).join('\n')}`);
    console.error(`warm-up ${app.name}: ${Math.round(run.ms)} ms`);
  }
}

async function guarded(promise) {
  let timer;
  const guard = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: `run abandoned after ${RUN_GUARD_MS / 1000} s`, consoleTail: [] }), RUN_GUARD_MS);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

function progress(done, total, profile, scenario, app, i, run) {
  const head = `[${done}/${total}] ${profile} ${scenario} ${app} #${i}`;
  if (!run.ok) return `${head}: FAILED ${run.error}\n  console tail:\n    ${(run.consoleTail ?? []).join('\n    ') || '(empty)'}`;
  const automation = run.automationMs ? ` (automation ${Math.round(run.automationMs)} ms)` : '';
  return `${head}: ${Math.round(run.ms)} ms${automation}, ${(run.bytesToDashboard / 1000).toFixed(1)} kB to dashboard`;
}

function machine(browser) {
  const require = createRequire(import.meta.url);
  let nproc = String(os.availableParallelism());
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // os.availableParallelism() is the same figure where nproc is missing.
  }
  return {
    nproc,
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown CPU',
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    memoryGb: (os.totalmem() / 2 ** 30).toFixed(1),
    chromium: `Chromium ${browser.version()}`,
    playwright: require('playwright-core/package.json').version,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function write(out, results) {
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const report = renderReport(results);
  writeFileSync(path.join(out, 'report.md'), report);
  console.log(report);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench load: ${firstLine(error)}`);
    console.error(error?.stack ?? '');
    process.exit(1);
  },
);
