// The production build (PGlite project only: one build per run): `npm run build` compiles to
// JavaScript with what the code reads from disk beside it, and the result starts with plain
// node (no TypeScript loader: a leftover .ts import would fail) to a healthy /health. The
// container definition is checked against the repository and the build output, since the
// image itself cannot be built here.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from './harness.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const maybe = engine === 'pglite' ? describe : describe.skip;

maybe('production build', () => {
  let work: string;
  let out: string;
  let child: ChildProcess | undefined;
  let log = '';

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-build-'));
    out = path.join(work, 'dist');
    // a release is dist/ beside package.json and node_modules
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir');
    fs.copyFileSync(path.join(root, 'package.json'), path.join(work, 'package.json'));
    await promisify(execFile)('npm', ['run', 'build', '--', '--out-dir', out], { cwd: root, maxBuffer: 10 * 1024 * 1024 });
  }, 600_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('[S-5] compiles every module to JavaScript and ships the migrations, stylesheets and data files beside it', () => {
    expect(fs.existsSync(path.join(out, 'src', 'main.js'))).toBe(true);
    expect(fs.readdirSync(path.join(out, 'migrations')).sort()).toEqual(fs.readdirSync(path.join(root, 'migrations')).filter((f) => f.endsWith('.sql')).sort());
    expect(fs.readdirSync(path.join(out, 'public')).sort()).toEqual(fs.readdirSync(path.join(root, 'public')).sort());
    expect(fs.existsSync(path.join(out, 'src', 'modules', 'governance', 'frameworks', 'spbe-2018.tsv'))).toBe(true);
    // the demo catalogue is data files read at run time
    expect(fs.readdirSync(path.join(out, 'src', 'modules', 'catalog', 'demo-data')).sort()).toEqual(fs.readdirSync(path.join(root, 'src', 'modules', 'catalog', 'demo-data')).sort());
    const js = fs.readdirSync(path.join(out, 'src'), { recursive: true }).map(String).filter((f) => f.endsWith('.js'));
    expect(js.filter((f) => /\.(unit|int)\.test\.js$|test-support\.js$/.test(f))).toEqual([]); // no tests in a release
    expect(fs.readFileSync(path.join(out, 'src', 'app.js'), 'utf8')).not.toMatch(/from '\.[^']*\.tsx?'/); // imports rewritten to .js
    expect(JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8'))).toMatchObject({ type: 'module' });
    expect(JSON.parse(fs.readFileSync(path.join(out, 'build.json'), 'utf8'))).toMatchObject({ startedAt: expect.any(String), node: process.version });
  });

  it('[S-5] the build starts with plain node and answers /health', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    child = spawn(process.execPath, [path.join(out, 'src', 'main.js'), 'start'], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(work, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (b: Buffer) => (log += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
    const until = Date.now() + 270_000; // a first PGlite start migrates; generous for loaded CI machines
    let body: unknown = null;
    while (Date.now() < until && child.exitCode === null) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.ok) {
          body = await res.json();
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(body, log).toMatchObject({ status: 'ok', database: { engine: 'pglite' } });
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status, log).toBe(200); // database, queue and storage answer in the build too
    const css = await fetch(`http://127.0.0.1:${port}/assets/simpul.css`);
    expect(css.status).toBe(200); // public/ found beside the build
  }, 300_000);

  it('the container image copies files that exist and starts the build output', () => {
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const copies = [...dockerfile.matchAll(/^COPY\s+(?!--from)(.+)$/gm)].map((m) => m[1]!.trim().split(/\s+/).slice(0, -1));
    expect(copies.length).toBeGreaterThan(3);
    for (const sources of copies) for (const s of sources) expect(fs.existsSync(path.join(root, s)), `COPY ${s}`).toBe(true);
    // what the build stage runs is what package.json calls the build
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.build).toBe('node scripts/build.mjs');
    // the runtime stage copies dist/ and starts the module the build produced
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    const [node, entry, command] = JSON.parse(cmd![1]!) as string[];
    expect([node, command]).toEqual(['node', 'start']);
    expect(entry!.startsWith('dist/')).toBe(true);
    expect(fs.existsSync(path.join(out, entry!.slice('dist/'.length))), entry).toBe(true);
    expect(dockerfile).toMatch(/^FROM node:20-[a-z]+-slim/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    const compose = fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8');
    expect(compose).toMatch(/^\s+build: \.$/m);
    expect(compose).toMatch(/image: postgres:/);
  });
});
