// The driver's command line. xtask passes the servers' URLs and the output folder; the person running
// `cargo xtask bench load -- …` passes the rest.

export const APPS = ['digibank', 'react'];
export const PROFILE_NAMES = ['none', 'cpu4', 'cpu4-slow4g'];
export const SCENARIO_NAMES = ['returning', 'first-sign-in', 'reload'];

export const USAGE = `usage: node load.mjs --out DIR [--digibank URL --digibank-session URL] [--react URL --react-admin URL]
  [--runs N] [--apps digibank,react] [--profiles none,cpu4,cpu4-slow4g] [--scenarios returning,first-sign-in,reload]
  [--command TEXT]`;

const LISTS = { '--apps': APPS, '--profiles': PROFILE_NAMES, '--scenarios': SCENARIO_NAMES };
const VALUES = ['--out', '--digibank', '--digibank-session', '--react', '--react-admin', '--command', '--runs'];

/** The options of `argv`, or an Error saying what is wrong. */
export function parseArgs(argv) {
  const options = {
    runs: 7,
    apps: [...APPS],
    profiles: [...PROFILE_NAMES],
    scenarios: [...SCENARIO_NAMES],
    urls: {},
    out: null,
    command: null,
  };
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  while (args.length > 0) {
    const flag = args.shift();
    const [name, inline] = flag.includes('=') ? flag.split(/=(.*)/s, 2) : [flag, undefined];
    if (!(name in LISTS) && !VALUES.includes(name)) return new Error(`unknown option ${flag}\n${USAGE}`);
    const value = inline ?? args.shift();
    if (value === undefined || value === '') return new Error(`${name} needs a value\n${USAGE}`);
    const problem = apply(options, name, value);
    if (problem) return new Error(`${problem}\n${USAGE}`);
  }
  return check(options);
}

function apply(options, name, value) {
  if (name in LISTS) {
    const items = value.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = items.find((item) => !LISTS[name].includes(item));
    if (unknown || items.length === 0) return `${name}: unknown value ${unknown ?? '(none)'} (expected some of ${LISTS[name].join(', ')})`;
    options[name.slice(2)] = LISTS[name].filter((item) => items.includes(item));
  } else if (name === '--runs') {
    const runs = Number(value);
    if (!Number.isInteger(runs) || runs < 1 || runs > 100) return `--runs: expected 1 to 100, got ${value}`;
    options.runs = runs;
  } else if (name === '--out' || name === '--command') {
    options[name.slice(2)] = value;
  } else {
    options.urls[name.slice(2)] = value.replace(/\/+$/, '');
  }
  return null;
}

function check(options) {
  if (!options.out) return new Error(`--out is required\n${USAGE}`);
  const needs = { digibank: ['digibank', 'digibank-session'], react: ['react', 'react-admin'] };
  for (const app of options.apps) {
    const missing = needs[app].find((key) => !options.urls[key]);
    if (missing) return new Error(`--${missing} is required for app ${app}\n${USAGE}`);
  }
  return options;
}
