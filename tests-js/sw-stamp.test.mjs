// node --test: the build stamp of sw.js (tools/sw-stamp.mjs), on a temporary staged folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { PLACEHOLDER, buildId, precacheList, stamp, stampDir } from '../tools/sw-stamp.mjs';

const file = (path, text) => ({ path, bytes: Buffer.from(text) });

test('the build id changes with any app file, but not with sw.js itself or config.json', () => {
  const base = [file('/index.html', 'a'), file('/app-1.wasm', 'w'), file('/config.json', '{}'), file('/sw.js', 'x')];
  const id = buildId(base);
  assert.match(id, /^[0-9a-f]{16}$/);
  assert.equal(buildId([...base].reverse()), id, 'order does not matter');
  assert.notEqual(buildId(base.map((f) => (f.path === '/app-1.wasm' ? file(f.path, 'w2') : f))), id);
  assert.notEqual(buildId([...base, file('/sw-policy.js', 'p')]), id, 'worker logic is part of the build');
  assert.equal(buildId(base.map((f) => (f.path === '/config.json' ? file(f.path, '{"a":1}') : f))), id);
  assert.equal(buildId(base.map((f) => (f.path === '/sw.js' ? file(f.path, 'y') : f))), id);
});

test('a staged folder is stamped in place with its id, its files and its config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-stamp-'));
  mkdirSync(join(dir, 'snippets'));
  writeFileSync(join(dir, 'index.html'), '<html></html>');
  writeFileSync(join(dir, 'snippets', 'inline0.js'), 'export {}');
  writeFileSync(join(dir, 'config.json'), '{"apiBaseUrl":"/api"}');
  writeFileSync(join(dir, 'sw.js'), `const BUILD = ${PLACEHOLDER};`);
  const build = stampDir(dir);
  assert.deepEqual(build.assets, ['/config.json', '/index.html', '/snippets/inline0.js']);
  assert.deepEqual(build.config, { apiBaseUrl: '/api' });
  const stamped = readFileSync(join(dir, 'sw.js'), 'utf8');
  assert.equal(stamped, `const BUILD = ${JSON.stringify(build)};`);
  assert.throws(() => stamp(stamped, build), /placeholder/, 'stamping twice is refused');
});

test('the precache lists what the app requests: no worker, no precompressed variants', () => {
  const staged = ['/config.json', '/digibank-0123456789abcdef_bg.wasm', '/digibank-0123456789abcdef_bg.wasm.br',
    '/index.html', '/index.html.gz', '/sw.js', '/sw-policy.js'];
  assert.deepEqual(precacheList(staged), ['/config.json', '/digibank-0123456789abcdef_bg.wasm', '/index.html', '/sw-policy.js']);
});
