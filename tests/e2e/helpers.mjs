// Shared by the end-to-end tests: a tiny static server for dist/, a headless Chromium, and a
// guard that fails a test on any console error, page error or request to another origin.
// Only node built-ins and playwright-core (driving the system /usr/bin/chromium).
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const DIST = process.env.YK_DIST ? path.resolve(process.env.YK_DIST) : path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(here, 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/**
 * How long a test waits for something a reader would see before it fails. An upper bound only:
 * every wait returns as soon as its condition holds, so it is generous for loaded machines.
 */
export const WAIT_MS = 20000;
/** The first load also compiles the wasm, which a busy machine can make slow. */
export const APP_START_MS = 40000;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serve `root` on 127.0.0.1 (a free port). Resolves to { origin, url, close, requests }.
 * Nothing is cached (`no-store`) unless `cacheable`: then HTML is revalidated (`no-cache`,
 * Last-Modified, 304) and the other files, whose names Trunk hashes, are cached for an hour, as a
 * static host would serve them (the performance test's reload with warm caches).
 */
export async function serve(root = DIST, { cacheable = false } = {}) {
  assertDist(root);
  const requests = [];
  const server = http.createServer(async (req, res) => {
    requests.push(req.url);
    try {
      const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = path.normalize(path.join(root, pathname));
      if (!file.startsWith(path.normalize(root))) {
        res.writeHead(403).end();
        return;
      }
      let stat = await fsp.stat(file).catch(() => null);
      if (stat && stat.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = await fsp.stat(file).catch(() => null);
      }
      if (!stat) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const html = path.extname(file) === '.html';
      const modified = new Date(Math.floor(stat.mtimeMs / 1000) * 1000);
      const headers = { 'cache-control': 'no-store' };
      if (cacheable) {
        headers['cache-control'] = html ? 'no-cache' : 'max-age=3600';
        headers['last-modified'] = modified.toUTCString();
        const since = Date.parse(req.headers['if-modified-since'] || '');
        if (!Number.isNaN(since) && modified.getTime() <= since) {
          res.writeHead(304, headers).end();
          return;
        }
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'content-length': stat.size,
        ...headers,
      });
      fs.createReadStream(file).pipe(res);
    } catch {
      res.writeHead(400).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export function assertDist(root = DIST) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run \`trunk build --release\` first (scripts/test.sh does)`);
  }
}

/** A headless Chromium with a fresh profile (playwright's launch() uses a new temporary one). */
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A new browser context whose pages are watched: console errors, uncaught page errors, and
 * requests to anything but `allowed` (an origin like http://127.0.0.1:1234, or 'file:') are
 * collected; call `guard.check()` at the end of the test to fail on any of them.
 */
export async function watchedContext(browser, allowed, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  context.setDefaultTimeout(WAIT_MS);
  const problems = [];
  const allowedRequest = (raw) => {
    let u;
    try {
      u = new URL(raw);
    } catch {
      return false;
    }
    if (u.protocol === 'data:' || u.protocol === 'blob:') return true; // not network requests
    if (allowed === 'file:') return u.protocol === 'file:';
    return u.origin === allowed;
  };
  context.on('request', (req) => {
    if (!allowedRequest(req.url())) problems.push(`request to a foreign origin: ${req.url()}`);
  });
  context.on('page', (page) => watchPage(page, problems));
  return {
    context,
    problems,
    async newPage() {
      const page = await context.newPage();
      watchPage(page, problems);
      return page;
    },
    check(label = '') {
      const unique = [...new Set(problems)];
      if (unique.length) {
        throw new Error(`${label ? label + ': ' : ''}the page reported problems:\n  ${unique.join('\n  ')}`);
      }
    },
    close: () => context.close(),
  };
}

const watched = new WeakSet();
function watchPage(page, problems) {
  if (watched.has(page)) return;
  watched.add(page);
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('crash', () => problems.push('page crashed'));
}

/** Wait until the app shows either the library or the reader. */
export async function waitForApp(page, timeout = APP_START_MS) {
  await page.waitForSelector('[data-testid=library], [data-testid=reader]', { timeout });
}

/** Load `url` as a fresh document (not a same-document hash change). */
export async function open(page, url) {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'load' });
  await waitForApp(page);
}

/**
 * `page.$$eval` done in one step inside the page. Playwright's `$$eval` queries the elements and
 * runs the function in two round trips; a render between them (the reader finishing its start-up
 * work, say) hands the function detached elements.
 */
export function evalAll(page, selector, fn, arg) {
  return page.evaluate(
    `(${fn})(Array.from(document.querySelectorAll(${JSON.stringify(selector)})), ${JSON.stringify(arg ?? null)})`,
  );
}

/** Ids of the documents on the library cards, in order. */
export async function libraryIds(page) {
  await page.waitForSelector('[data-testid=doc-card]');
  return evalAll(page, '[data-testid=doc-card]', (cards) => cards.map((c) => c.getAttribute('data-doc')));
}

/** The passages of one column: [{ id, kind, text, focused }], text without buttons/markers. */
export async function columnPassages(page, docId) {
  const sel = `[data-testid=column][data-doc="${docId}"] [data-testid=passage]`;
  await page.waitForSelector(sel);
  return evalAll(page, sel, (els) =>
    els.map((el) => {
      const clone = el.cloneNode(true);
      clone.querySelectorAll('button, sup, input').forEach((n) => n.remove());
      return {
        id: el.getAttribute('data-passage'),
        kind: el.getAttribute('data-kind'),
        text: clone.textContent.replace(/\s+/g, ' ').trim(),
        focused: el.getAttribute('data-focused') === 'true',
      };
    }),
  );
}

export function passageSelector(docId, passageId) {
  return `[data-testid=passage][data-doc="${docId}"][data-passage="${passageId}"]`;
}

/**
 * How much of an element a reader can see: its box clipped by every scrolling/clipping
 * ancestor and by the viewport. Runs in the page.
 */
export const visibleFractionInPage = (sel) => {
  const el = document.querySelector(sel);
  if (!el) return { found: false };
  const r = el.getBoundingClientRect();
  let top = r.top;
  let bottom = r.bottom;
  for (let a = el.parentElement; a; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.overflowY !== 'visible' || s.overflowX !== 'visible') {
      const ar = a.getBoundingClientRect();
      top = Math.max(top, ar.top);
      bottom = Math.min(bottom, ar.bottom);
    }
  }
  top = Math.max(top, 0);
  bottom = Math.min(bottom, window.innerHeight);
  const visible = Math.max(0, bottom - top);
  return { found: true, visible, height: r.height, top: r.top, bottom: r.bottom, viewport: window.innerHeight };
};

/**
 * Whether the element `sel` is on screen: at least 24 px of it (or all of it, if shorter) inside
 * every scrolling/clipping ancestor and the viewport; with `focused`, also marked as the linked
 * passage (data-focused="true"). Runs in the page.
 */
const inViewInPage = ([s, focused]) => {
  const el = document.querySelector(s);
  if (!el || (focused && el.getAttribute('data-focused') !== 'true')) return false;
  const r = el.getBoundingClientRect();
  let top = r.top;
  let bottom = r.bottom;
  for (let a = el.parentElement; a; a = a.parentElement) {
    const st = getComputedStyle(a);
    if (st.overflowY !== 'visible' || st.overflowX !== 'visible') {
      const ar = a.getBoundingClientRect();
      top = Math.max(top, ar.top);
      bottom = Math.min(bottom, ar.bottom);
    }
  }
  top = Math.max(top, 0);
  bottom = Math.min(bottom, window.innerHeight);
  return bottom - top >= Math.min(r.height, 24) - 1 && r.height > 0;
};

/** Wait until `sel` is on screen (see `inViewInPage`); with `focused`, also marked. */
export async function waitInView(page, sel, { focused = false, timeout = WAIT_MS } = {}) {
  try {
    await page.waitForFunction(inViewInPage, [sel, focused], { timeout, polling: 100 });
  } catch (e) {
    const state = await page.evaluate(visibleFractionInPage, sel);
    const marked = await evalAll(page, '[data-focused=true]', (els) =>
      els.map((el) => `${el.getAttribute('data-doc')}/${el.getAttribute('data-passage')}`),
    );
    throw new Error(
      `${sel} was not ${focused ? 'focused and ' : ''}visible within ${timeout} ms: ${JSON.stringify(state)}; focused now: ${JSON.stringify(marked)}; url ${page.url()}`,
    );
  }
}

/** Wait until `sel` is focused (data-focused="true") and at least partly visible in its column. */
export async function waitFocusedAndVisible(page, sel, timeout = WAIT_MS) {
  await waitInView(page, sel, { focused: true, timeout });
}

/** Whitespace runs as one space, trimmed: text as a reader sees it, for comparisons. */
export const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The title the app shows for an exported document (frontend `reading::title`), squashed. */
export const shownTitle = (doc) => squash(doc.title && doc.title.trim() ? doc.title : '（無題）');

/** The body passages (not the notes) of an exported document, in reading order. */
export const bodyPassages = (doc) => doc.passages.filter((p) => p.kind !== 'note');

/**
 * Wait until the column of `doc` shows `doc`'s title and its first body passage on screen, with the
 * exported text (`doc`: a document of the CLI export). What a reader sees when a document opens.
 */
export async function waitDocumentShown(page, doc) {
  const col = `[data-testid=column][data-doc="${doc.id}"]`;
  const first = bodyPassages(doc)[0];
  await waitInView(page, `${col} [data-testid=passage][data-passage="${first.id}"]`);
  const title = squash(await page.locator(`${col} [data-testid=column-title]`).innerText());
  assert.equal(title, shownTitle(doc), `column ${doc.id} shows the document's title`);
  const shown = (await columnPassages(page, doc.id)).find((p) => p.id === first.id);
  assert.equal(shown.text, squash(first.text), `column ${doc.id} opens with the document's first passage`);
}

export async function screenshot(page, name) {
  await fsp.mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file });
  return file;
}

export async function writeArtifact(name, data) {
  await fsp.mkdir(ARTIFACTS, { recursive: true });
  await fsp.writeFile(path.join(ARTIFACTS, name), data);
}

export async function tempDir(prefix = 'yk-e2e-') {
  return fsp.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Parse the app's fragment (`#docs=a,b&focus=a/s1-p2&q=…`) into a plain object. */
export function fragment(url) {
  const hash = new URL(url).hash.replace(/^#/, '');
  return Object.fromEntries(new URLSearchParams(hash));
}

/** Run the CLI (release build, as scripts/test.sh has built it for the bundle); its stdout. */
export function cli(args) {
  return execFileSync('cargo', ['run', '-q', '--release', '-p', 'yomikurabe-cli', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** A synthetic essay of about `bytes` bytes of UTF-8, titled `長い文書${seed}`: numbered
 * sections (`1．第1節の見出し`) of six paragraphs each. */
export function essay(bytes, seed) {
  const lines = [`長い文書${seed}`, '', '山田太郎', '2024年5月1日', ''];
  let size = lines.join('\n').length * 3;
  for (let s = 1; size < bytes; s++) {
    lines.push(`${s}．第${s}節の見出し`, '');
    for (let p = 1; p <= 6; p++) {
      const para = `第${s}節の第${p}段落では、地域${(s * 7 + p) % 97}の事例から外交と世論の関係を検討し、` +
        `調査${s}-${p}の結果が政策の判断をどの程度支えたかを考える。` +
        `その際、資料${p}に示した数字（${s * 13 + p}件）を手がかりにする。`;
      lines.push(para, '');
      size += Buffer.byteLength(para) + 2;
    }
  }
  return lines.join('\n');
}
