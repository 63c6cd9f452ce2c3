#!/usr/bin/env node
/**
 * Compiles src/ to dist/ with tsc when dist/ is missing or older than any source, so `npm start`,
 * `npm run ask` and `npm run reindex` run compiled JavaScript instead of paying for tsx on every
 * start. `--force` always compiles (`npm run build`). Plain JavaScript, because it runs before
 * anything is compiled, and cheap when nothing changed (one stat per source file).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.built');
const lock = path.join(root, '.build.lock');
/** Besides src/: what changes the compiled output. */
const INPUTS = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(file) : statSync(file).mtimeMs);
  }
  return newest;
}

function isFresh() {
  let built;
  try {
    built = statSync(stamp).mtimeMs;
  } catch {
    return false;
  }
  const sources = Math.max(newestMtime(path.join(root, 'src')), ...INPUTS.map((file) => statSync(path.join(root, file)).mtimeMs));
  return built >= sources;
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** One build at a time: two commands started together must not compile into the same folder. */
function takeLock() {
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let holder = 0;
      try {
        holder = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        // The holder has not written its pid yet.
      }
      if (holder > 0 && !isRunning(holder)) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
}

function compile() {
  const building = `${dist}.${process.pid}.tmp`;
  rmSync(building, { recursive: true, force: true });
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', building], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    rmSync(building, { recursive: true, force: true });
    console.error('quotebot: compiling the TypeScript failed (see above); `npm run typecheck` shows the same errors.');
    process.exit(result.status ?? 1);
  }
  writeFileSync(path.join(building, '.built'), `${new Date().toISOString()}\n`);
  rmSync(dist, { recursive: true, force: true });
  renameSync(building, dist);
}

const force = process.argv.includes('--force');
if (force || !isFresh()) {
  takeLock();
  try {
    if (force || !isFresh()) {
      console.error('quotebot: compiling TypeScript into dist/ (once after each change)...');
      compile();
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
