// trunk post_build hook (see Trunk.toml): stamps the staged sw.js with this build's id, the files to
// precache and the config.json it was built with. The id is a SHA-256 over every staged file except
// sw.js itself and config.json (replaced per environment at deploy time), so any change in the app's
// code, styles or worker logic gives a new sw.js, which is what makes browsers install a new worker.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The placeholder in public/sw.js that the stamp replaces. */
export const PLACEHOLDER = '/*DIGIBANK_BUILD*/ null';
/** Files that do not make up the build's identity. */
const NOT_HASHED = new Set(['/sw.js', '/config.json']);

/** Every file under `dir` as a URL path (`/index.html`, `/snippets/x/inline0.js`), sorted. */
export function listFiles(dir) {
  const out = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push('/' + relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The build id: 16 hex digits of a SHA-256 over the paths and contents of the files that define the build. */
export function buildId(files) {
  const hash = createHash('sha256');
  for (const { path, bytes } of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    if (NOT_HASHED.has(path)) continue;
    hash.update(path).update('\0').update(createHash('sha256').update(bytes).digest()).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** What the worker precaches: every file the app requests, so neither the worker itself nor a `.br`/`.gz` variant
 * (the server picks those by `Accept-Encoding`; a page never asks for them by name). */
export function precacheList(paths) {
  return paths.filter((path) => path !== '/sw.js' && !/\.(br|gz)$/.test(path));
}

/** sw.js with the build object in place of the placeholder (fails if the placeholder is missing). */
export function stamp(source, build) {
  if (!source.includes(PLACEHOLDER)) throw new Error(`sw.js has no ${PLACEHOLDER} placeholder`);
  return source.replace(PLACEHOLDER, JSON.stringify(build));
}

/** Stamps `<dir>/sw.js` in place and returns the build object. */
export function stampDir(dir) {
  const paths = listFiles(dir);
  const files = paths.map((path) => ({ path, bytes: readFileSync(join(dir, path)) }));
  const configFile = files.find((file) => file.path === '/config.json');
  const build = {
    id: buildId(files),
    assets: precacheList(paths),
    config: configFile ? JSON.parse(configFile.bytes.toString('utf8')) : {},
  };
  const swPath = join(dir, 'sw.js');
  writeFileSync(swPath, stamp(readFileSync(swPath, 'utf8'), build));
  return build;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
  if (!dir) {
    console.error('sw-stamp: no TRUNK_STAGING_DIR and no folder argument');
    process.exit(2);
  }
  const build = stampDir(dir);
  console.log(`sw-stamp: build ${build.id}, ${build.assets.length} files precached`);
}
