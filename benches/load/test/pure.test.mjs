// The driver's pure parts: `npm test` in benches/load (no browser, no server).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseArgs } from '../lib/args.mjs';
import { NetworkRecorder } from '../lib/network.mjs';
import { medianRun, ratio, summary } from '../lib/stats.mjs';

const servers = ['--out', '/tmp/x', '--digibank', 'http://a/', '--digibank-session', 'http://b', '--react', 'http://c', '--react-admin', 'http://d'];

test('defaults, a leading separator and lists in canonical order', () => {
  const options = parseArgs(['--', ...servers, '--runs', '3', '--profiles', 'cpu4-slow4g,none']);
  assert.equal(options.runs, 3);
  assert.deepEqual(options.profiles, ['none', 'cpu4-slow4g']);
  assert.deepEqual(options.scenarios, ['returning', 'first-sign-in', 'reload']);
  assert.equal(options.urls.digibank, 'http://a');
});

test('bad values and missing servers are errors', () => {
  assert.ok(parseArgs([...servers, '--runs', '0']) instanceof Error);
  assert.ok(parseArgs([...servers, '--profiles', 'cpu6']) instanceof Error);
  assert.ok(parseArgs([...servers, '--bogus', '1']) instanceof Error);
  assert.ok(parseArgs(['--out', '/tmp/x', '--apps', 'react']) instanceof Error);
  assert.ok(!(parseArgs(['--out', '/tmp/x', '--apps=digibank', '--digibank', 'u', '--digibank-session', 'v']) instanceof Error));
});

test('min, median and max, the median run and ratios', () => {
  assert.deepEqual(summary([3, 1, 2]), { min: 1, median: 2, max: 3, n: 3 });
  assert.equal(summary([4, 1, 2, 3]).median, 2.5);
  assert.equal(summary([]).median, null);
  const runs = [{ ok: true, ms: 30 }, { ok: false }, { ok: true, ms: 10 }, { ok: true, ms: 20 }];
  assert.equal(medianRun(runs).ms, 20);
  assert.equal(ratio(3, 2), 1.5);
  assert.equal(ratio(3, 0), null);
});

test('bytes count the wire only, up to a moment', () => {
  const recorder = new NetworkRecorder();
  const page = { type: 'page' };
  const worker = { type: 'service_worker' };
  const event = (method, params, sessionId = 'p') => recorder.handle({ method, params, sessionId }, sessionId === 'p' ? page : worker);
  event('Network.requestWillBeSent', { requestId: '1', timestamp: 1, wallTime: 1000, request: { url: 'http://x/app.wasm' }, type: 'Fetch' });
  event('Network.responseReceived', { requestId: '1', response: { status: 200, encodedDataLength: 300 } });
  event('Network.dataReceived', { requestId: '1', timestamp: 1.5, encodedDataLength: 700 });
  event('Network.loadingFinished', { requestId: '1', timestamp: 2, encodedDataLength: 1300 });
  // A request the worker answers costs the page nothing; the worker's own fetch is counted.
  event('Network.requestWillBeSent', { requestId: '2', timestamp: 1.1, request: { url: 'http://x/api' }, type: 'Fetch' });
  event('Network.responseReceived', { requestId: '2', response: { status: 200, encodedDataLength: 0, fromServiceWorker: true } });
  event('Network.loadingFinished', { requestId: '2', timestamp: 1.3, encodedDataLength: 0 });
  event('Network.requestWillBeSent', { requestId: '9', timestamp: 1.2, request: { url: 'http://x/api' }, type: 'Fetch' }, 'w');
  event('Network.loadingFinished', { requestId: '9', timestamp: 1.25, encodedDataLength: 50 }, 'w');
  assert.deepEqual(recorder.totals(), { bytes: 1350, requests: 3, wireRequests: 2 });
  assert.deepEqual(recorder.totals(1600), { bytes: 1050, requests: 3, wireRequests: 2 });
  assert.equal(recorder.monotonic(1_000_000), 1000);
  assert.equal(recorder.waterfall(1000)[0].endMs, 1000);
});
