// A teacher double-clicks the single-file build (dist/yomikurabe.html) on a computer with no
// server: copied alone into an empty folder, it must show the library and the documents, and
// request nothing (not even a file beside it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DIST,
  cli,
  launch,
  watchedContext,
  open,
  libraryIds,
  screenshot,
  squash,
  shownTitle,
  tempDir,
  waitDocumentShown, evalAll } from './helpers.mjs';

const FILE = path.join(DIST, 'yomikurabe.html');
let browser;
let exp; // the CLI export: what the page must show
let alone; // the bundle, copied alone into an empty folder
before(async () => {
  assert.ok(fs.existsSync(FILE), `${FILE} is missing: build it with \`cargo run --release -p yomikurabe-cli -- bundle dist\``);
  exp = JSON.parse(cli(['export']));
  const dir = await tempDir('yk-single-file-');
  alone = path.join(dir, 'yomikurabe.html');
  fs.copyFileSync(FILE, alone);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (alone) fs.rmSync(path.dirname(alone), { recursive: true, force: true });
});

test('the single file holds everything: no file or address it would fetch, the wasm inline', () => {
  const html = fs.readFileSync(alone, 'utf8');
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
  const markup = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '');
  // Every src and href in the markup is a data: URI or a place within the page.
  const refs = [...markup.matchAll(/\s(src|href)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)].map((m) => m[2].replace(/^["']|["']$/g, ''));
  const outside = refs.filter((r) => !/^(data:|#)/i.test(r.trim()));
  assert.deepEqual(outside, [], 'no src or href that leads out of the page');
  const css = fs.readdirSync(DIST).filter((f) => /^style-.*\.css$/.test(f));
  assert.equal(css.length, 1, `one stylesheet in ${DIST}`);
  assert.deepEqual(styles.map((x) => x.trim()), [fs.readFileSync(path.join(DIST, css[0]), 'utf8').trim()], "the app's stylesheet is in the page");
  const urls = styles.flatMap((css) => [...css.matchAll(/url\(\s*["']?([^"')]*)/gi)].map((m) => m[1]));
  assert.deepEqual(urls.filter((u) => !/^(data:|#)/i.test(u)), [], 'the CSS fetches nothing');
  assert.equal((html.match(/<script\b/gi) || []).length, 1, "one script: Trunk's loader with the glue, inline");
  assert.match(html, /<script type="module">/, 'a module script, inline');
  assert.match(html, /atob\("AGFzbQ/, 'the wasm module (\\0asm) is in the page, base64');
  assert.equal(fs.readdirSync(path.dirname(alone)).length, 1, 'and it is alone in its folder');
});

test('dist/yomikurabe.html opened alone from file:// shows the library and two documents, requesting nothing', async () => {
  const guard = await watchedContext(browser, 'file:');
  const url = pathToFileURL(alone).href;
  const requests = [];
  guard.context.on('request', (r) => requests.push(r.url()));
  const page = await guard.newPage();

  await open(page, url);
  const ids = await libraryIds(page);
  assert.deepEqual(ids, exp.documents.map((d) => d.id), 'a card for each document, from file://');
  const titles = await evalAll(page, '[data-testid=doc-card] .doc-title', (els) => els.map((e) => e.innerText));
  assert.deepEqual(titles.map(squash), exp.documents.map(shownTitle), 'with their titles');

  const [a, b] = exp.documents;
  await open(page, `${url}#docs=${a.id},${b.id}`);
  await waitDocumentShown(page, a);
  await waitDocumentShown(page, b);
  await screenshot(page, 'single-file.png');

  // Nothing was fetched but the page itself (twice: two loads), nor listed as a resource.
  const fetched = requests.filter((r) => !/^(data|blob):/.test(r)).map((r) => r.split('#')[0]);
  assert.deepEqual([...new Set(fetched)], [url], 'only the page itself was requested');
  const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.deepEqual(resources, [], 'the page loaded no resource');
  guard.check();
  await guard.close();
});
