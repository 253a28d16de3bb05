// The Markdown report: tables ready to paste into docs/performance.md.

import { medianRun, ratio } from './stats.mjs';

const APP_LABELS = { digibank: 'digibank', react: 'React peer' };
const SCENARIO_LABELS = {
  returning: '(a) returning, signed in, cold cache',
  'first-sign-in': '(b) first sign-in',
  reload: '(c) reload, signed in',
};
const PROFILE_LABELS = {
  none: 'no throttling',
  cpu4: 'CPU ÷4',
  'cpu4-slow4g': 'CPU ÷4 + slow 4G (150 ms, 1.6 Mbit/s down, 750 kbit/s up)',
};

const ms = (v) => (v === null ? '–' : Math.round(v).toLocaleString('en-US'));
const kb = (v) => (v === null ? '–' : (v / 1000).toFixed(1));
const count = (v) => (v === null ? '–' : String(Math.round(v)));
const times = (r) => (r === null ? '–' : `×${r.toFixed(2)}`);

/** The whole report. */
export function renderReport(results) {
  const lines = [
    '## Page load: digibank vs the React peer',
    '',
    `Command: \`${results.command}\` (${results.startedAt})`,
    '',
    machineLine(results.machine),
    '',
    `Both apps are served by the mock bank (\`--static\`: precompressed brotli, the same binary for both) on 127.0.0.1; ` +
      `every run opens a fresh browser context (empty HTTP cache, storage and service workers); runs per cell: ${results.options.runs}, ` +
      'interleaved (digibank run 1, React run 1, digibank run 2, …). Time: navigation start → the first moment both of ' +
      "alice's balances (125,430.00 and 45,200.00) are in visible elements, noted by a MutationObserver in the page. " +
      'Automation: the time the driver took between a screen showing (the sign-in button, the provider\'s form) and its last ' +
      'input on it; "app" = time − automation. Bytes: received on the wire (headers included) by the page and its service worker, ' +
      'to the dashboard and once the network was quiet for 1 s; requests: all the page and its worker made (in brackets: those that ' +
      'reached the network, i.e. not answered by the HTTP cache or the service worker). Ratio = digibank median / React median.',
    '',
    '- (a) returning: a signed-in user opens `/` with a cold HTTP cache and service workers blocked; the token is put in ' +
      'place by an init script before the app starts (digibank: the token set of a real sign-in in sessionStorage, from a copy ' +
      'of the bundle with `tokenStorage: "session"`; React peer: `localStorage.authToken`).',
    '- (b) first sign-in: `/` signed out (digibank as built: `tokenStorage: "memory"`), through the app\'s sign-in screen (the ' +
      'peer has none: it redirects at once) and the provider\'s form (alice / demo) to the dashboard; service workers allowed.',
    '- (c) reload: after an untimed (b) in the same context (digibank\'s service worker installed by then) and a quiet network, ' +
      '`page.reload()` to the dashboard; digibank in memory mode signs in again silently (`prompt=none`), the peer reads its token.',
    '',
  ];
  for (const profile of results.options.profiles) lines.push(...profileTable(results, profile));
  lines.push(...waterfalls(results));
  lines.push(...notes(results));
  return `${lines.join('\n')}\n`;
}

function machineLine(machine) {
  return (
    `Machine: \`nproc\` = ${machine.nproc} (${machine.cpuModel}), load average ${machine.loadAverage} at start, ` +
    `${machine.memoryGb} GB RAM; ${machine.chromium} headless via playwright-core ${machine.playwright}, node ${machine.node}, ` +
    `${machine.platform}.`
  );
}

function profileTable(results, profile) {
  const lines = [
    `### ${profile}: ${PROFILE_LABELS[profile]}`,
    '',
    '| scenario | app | time min / median / max (ms) | automation / app (ms, median) | to dashboard: kB · requests | at idle: kB · requests |',
    '|---|---|---|---|---|---|',
  ];
  for (const scenario of results.options.scenarios) {
    const cells = Object.fromEntries(
      results.options.apps.map((app) => [app, results.cells.find((c) => c.profile === profile && c.scenario === scenario && c.app === app)]),
    );
    for (const app of results.options.apps) lines.push(row(results, scenario, app, cells[app]));
    if (cells.digibank && cells.react) lines.push(ratioRow(scenario, cells.digibank, cells.react));
  }
  lines.push('');
  return lines;
}

function row(results, scenario, app, cell) {
  const name = SCENARIO_LABELS[scenario];
  const unsupported = results.unsupported?.[app]?.[scenario];
  if (unsupported) return `| ${name} | ${APP_LABELS[app]} | n/a | n/a | n/a | n/a |`;
  if (!cell) return `| ${name} | ${APP_LABELS[app]} | – | – | – | – |`;
  const s = cell.summary;
  const failed = s.failed ? ` (${s.failed} of ${s.runs} failed)` : '';
  const automation = s.automationMs.median ? `${ms(s.automationMs.median)} / ${ms(s.appMs.median)}` : '–';
  return (
    `| ${name} | ${APP_LABELS[app]} | ${ms(s.ms.min)} / **${ms(s.ms.median)}** / ${ms(s.ms.max)}${failed} | ${automation} | ` +
    `${kb(s.bytesToDashboard.median)} · ${count(s.requestsToDashboard.median)} (${count(s.wireRequestsToDashboard.median)}) | ` +
    `${kb(s.bytesAtIdle.median)} · ${count(s.requestsAtIdle.median)} (${count(s.wireRequestsAtIdle.median)}) |`
  );
}

function ratioRow(scenario, digibank, react) {
  const d = digibank.summary;
  const r = react.summary;
  const appRatio = d.automationMs.median || r.automationMs.median ? `app ${times(ratio(d.appMs.median, r.appMs.median))}` : '–';
  return (
    `| ${SCENARIO_LABELS[scenario]} | **ratio** | **${times(ratio(d.ms.median, r.ms.median))}** | ${appRatio} | ` +
    `${times(ratio(d.bytesToDashboard.median, r.bytesToDashboard.median))} | ${times(ratio(d.bytesAtIdle.median, r.bytesAtIdle.median))} |`
  );
}

/** One waterfall per app: the median run of scenario (a) under the slowest profile run. */
function waterfalls(results) {
  const profile = results.options.profiles.includes('cpu4-slow4g') ? 'cpu4-slow4g' : results.options.profiles.at(-1);
  const scenario = results.options.scenarios.includes('returning') ? 'returning' : results.options.scenarios[0];
  const lines = [];
  for (const app of results.options.apps) {
    const cell = results.cells.find((c) => c.profile === profile && c.scenario === scenario && c.app === app);
    const run = cell && medianRun(cell.runs);
    if (!run) continue;
    lines.push(
      `### Waterfall: ${APP_LABELS[app]}, ${SCENARIO_LABELS[scenario]}, ${profile} (median run: ${ms(run.ms)} ms)`,
      '',
      '| # | request | by | start (ms) | end (ms) | kB | from |',
      '|---|---|---|---|---|---|---|',
      ...run.waterfall.map((w, i) => waterfallRow(i + 1, w)),
      `| | **dashboard shown** | | **${ms(run.ms)}** | | **${kb(run.bytesToDashboard)}** to here | |`,
      '',
    );
  }
  return lines;
}

function waterfallRow(n, w) {
  const url = new URL(w.url);
  let path = `${url.pathname}${url.search}`;
  if (path.length > 60) path = `${path.slice(0, 57)}…`;
  const status = w.failed ? `failed: ${w.failed}` : w.status === null ? '' : ` ${w.status}`;
  const by = w.session === 'page' ? 'page' : w.session.replace('_', ' ');
  return `| ${n} | \`${path}\` | ${by} | ${ms(w.startMs)} | ${ms(w.endMs)} | ${kb(w.bytes)} | ${w.source}${status} |`;
}

/** What the numbers rest on: throttling per target type, unsupported cells, failures. */
function notes(results) {
  const lines = ['### Notes', ''];
  for (const [type, outcome] of Object.entries(throttlingByTarget(results))) {
    const parts = Object.entries(outcome).map(([what, seen]) =>
      `${what}: ${Object.entries(seen).map(([state, n]) => `${state} (${n} sessions)`).join(', ')}`,
    );
    lines.push(`- Throttling on ${type.replace('_', ' ')} targets under cpu4 / cpu4-slow4g: ${parts.join('; ')}.`);
    if (type !== 'page' && Object.keys(outcome.cpu ?? {}).some((state) => state.startsWith('refused'))) {
      lines.push(`  Chromium throttles the CPU of pages only: the ${type.replace('_', ' ')}'s own JavaScript ran at full speed (its network was throttled).`);
    }
  }
  for (const [app, scenarios] of Object.entries(results.unsupported ?? {})) {
    for (const [scenario, reason] of Object.entries(scenarios)) {
      lines.push(`- ${APP_LABELS[app]}, ${SCENARIO_LABELS[scenario]}: n/a — ${reason}.`);
    }
  }
  for (const note of results.notes ?? []) lines.push(`- ${note}`);
  lines.push(...revalidations(results));
  const failures = results.cells.flatMap((c) => c.runs.filter((r) => !r.ok));
  if (failures.length) {
    lines.push(`- ${failures.length} run(s) failed (excluded from the figures; details and console tails in results.json):`);
    for (const failure of failures.slice(0, 10)) lines.push(`  - ${failure.error}`);
  }
  lines.push('');
  return lines;
}

function throttlingByTarget(results) {
  const byType = {};
  for (const cell of results.cells) {
    if (cell.profile === 'none') continue;
    for (const run of cell.runs) {
      for (const target of run.targets ?? []) {
        for (const [what, state] of Object.entries(target.throttling ?? {})) {
          const seen = ((byType[target.type] ??= {})[what] ??= {});
          seen[state] = (seen[state] ?? 0) + 1;
        }
      }
    }
  }
  return byType;
}

/** Files an app revalidated (304) on reload: served `no-cache` where the other app's are immutable. */
function revalidations(results) {
  const lines = [];
  for (const app of results.options.apps) {
    const urls = new Set();
    for (const cell of results.cells.filter((c) => c.app === app && c.scenario === 'reload')) {
      for (const run of cell.runs.filter((r) => r.ok)) {
        for (const w of run.waterfall) if (w.status === 304) urls.add(new URL(w.url).pathname);
      }
    }
    if (urls.size === 0) continue;
    lines.push(
      `- ${APP_LABELS[app]}, (c): ${[...urls].map((u) => `\`${u}\``).join(', ')} revalidated on reload (304): the mock bank ` +
        "marks immutable only names carrying trunk's hex content hash, and serves others `no-cache`.",
    );
  }
  return lines;
}
