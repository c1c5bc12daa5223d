// Runs the compiled JavaScript of this checkout (dist/, `npm run build`) when it was built from
// exactly the sources on disk, and the TypeScript sources through SWC otherwise: starting from
// dist/ saves the runtime compiler's seconds, and a stale build never runs.
//
// The build writes dist/build-stamp.json last: every file it compiled (and the tsconfigs) with its
// size, modification time and SHA-256, read before compiling. The build is current when each file
// still has that size and time, or else still has that content (a `touch` or a checkout of the
// same bytes costs a hash, not a fallback). A missing or unreadable stamp means no build.
// CORDAGE_FROM_SOURCE=1 always runs the sources.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, 'build-stamp.json');
/** Compiled but not listed by the compiler as sources: they change what it emits. */
const BUILD_CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];
/** Coarser than any file system's timestamps (FAT: 2 s). */
const RACY_MS = 2000;

function sha256(file) {
  // Loaded here: most starts only compare sizes and times, and node:crypto costs milliseconds.
  return require('node:crypto').createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** What the stamp keeps of a file, relative to the checkout's root. */
function fingerprint(relative) {
  const file = path.join(ROOT, relative);
  const stat = fs.statSync(file);
  return { size: stat.size, mtimeMs: stat.mtimeMs, sha256: sha256(file) };
}

/** True when every file the build was made from is still what it was then. */
function buildIsCurrent() {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  for (const [relative, built] of Object.entries(stamp.sources ?? {})) {
    const file = path.join(ROOT, relative);
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return false; // a source gone since the build
    }
    // A time within the clock's granularity of the snapshot could hide a later edit (git's
    // "racily clean" entries): such a file is always hashed.
    const unambiguous = built.mtimeMs < stamp.snapshotAtMs - RACY_MS;
    if (unambiguous && stat.size === built.size && stat.mtimeMs === built.mtimeMs) continue;
    if (stat.size !== built.size || sha256(file) !== built.sha256) return false;
  }
  return Object.keys(stamp.sources ?? {}).length > 0;
}

/** dist/'s module for a source file of the build, or null when the sources must run. */
function compiledModule(sourceFile) {
  if (process.env.CORDAGE_FROM_SOURCE === '1') return null;
  const relative = path.relative(ROOT, path.resolve(sourceFile));
  if (!/^(apps|libs)\/[^/]+\/src\/.+\.ts$/.test(relative.split(path.sep).join('/'))) return null;
  const compiled = path.join(DIST, relative.replace(/\.ts$/, '.js'));
  if (!fs.existsSync(compiled) || !buildIsCurrent()) return null;
  return compiled;
}

/** Registers SWC on the fly (decorator metadata, the tsconfig's @cordage/* path aliases). */
function registerSourceCompiler() {
  process.env.SWC_NODE_PROJECT ??= path.join(ROOT, 'tsconfig.json');
  require('@swc-node/register');
}

/** Loads `sourceFile` (a .ts of this checkout): compiled when current, else from source. */
function runEntry(sourceFile) {
  const compiled = compiledModule(sourceFile);
  if (compiled) return require(compiled);
  registerSourceCompiler();
  return require(path.resolve(sourceFile));
}

module.exports = {
  ROOT,
  DIST,
  STAMP,
  BUILD_CONFIGS,
  fingerprint,
  buildIsCurrent,
  compiledModule,
  registerSourceCompiler,
  runEntry,
};

/** Every file the build may read, fingerprinted: taken before compiling. */
function snapshotSources() {
  const files = [...BUILD_CONFIGS];
  const walk = (relative) => {
    for (const entry of fs.readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (/\.(ts|json)$/.test(entry.name)) files.push(child);
    }
  };
  for (const top of ['apps', 'libs']) {
    for (const project of fs.readdirSync(path.join(ROOT, top))) {
      const src = path.join(top, project, 'src');
      if (src !== path.join('apps', 'web', 'src') && fs.existsSync(path.join(ROOT, src))) walk(src);
    }
  }
  const snapshotAtMs = Date.now();
  return { snapshotAtMs, sources: Object.fromEntries(files.map((f) => [f, fingerprint(f)])) };
}

/**
 * The stamp of a build: the snapshot taken before compiling, narrowed to the files the compiler
 * read (`tsc --listFiles`). Refused when one of them changed while compiling: its compiled form
 * may be of either version.
 */
function stampOf(snapshot, listedFiles) {
  const sources = {};
  for (const config of BUILD_CONFIGS) sources[config] = snapshot.sources[config];
  for (const listed of listedFiles) {
    if (!listed.trim() || listed.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const relative = path.relative(ROOT, path.resolve(listed.trim()));
    const before = snapshot.sources[relative];
    if (!before) throw new Error(`${relative} appeared while compiling: build again`);
    if (fingerprint(relative).sha256 !== before.sha256) {
      throw new Error(`${relative} changed while compiling: build again`);
    }
    sources[relative] = before;
  }
  return { snapshotAtMs: snapshot.snapshotAtMs, sources };
}

// node bin/compiled.js            exits 0 when dist/ is current (scripts/up.sh builds otherwise)
// node bin/compiled.js snapshot   prints the sources' fingerprints (scripts/build.sh)
// node bin/compiled.js stamp SNAPSHOT LISTED_FILES   prints the build's stamp (scripts/build.sh)
if (require.main === module) {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'snapshot') {
    process.stdout.write(JSON.stringify(snapshotSources()));
  } else if (command === 'stamp') {
    const [snapshotFile, listedFile] = args;
    const snapshot = JSON.parse(fs.readFileSync(snapshotFile, 'utf8'));
    const listed = fs.readFileSync(listedFile, 'utf8').split('\n');
    process.stdout.write(JSON.stringify(stampOf(snapshot, listed)));
  } else {
    process.exit(buildIsCurrent() ? 0 : 1);
  }
}
