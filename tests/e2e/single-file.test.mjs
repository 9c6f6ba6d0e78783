// A teacher double-clicks the single-file build (dist/yomikurabe.html) on a computer with no server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, launch, watchedContext, open, columnPassages, libraryIds, screenshot } from './helpers.mjs';

const FILE = path.join(DIST, 'yomikurabe.html');
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('dist/yomikurabe.html opened from file:// shows the library and a document', async () => {
  assert.ok(fs.existsSync(FILE), `${FILE} is missing: build it with \`cargo run --release -p yomikurabe-cli -- bundle dist\``);
  const guard = await watchedContext(browser, 'file:');
  const page = await guard.newPage();
  const url = pathToFileURL(FILE).href;
  await open(page, url);
  assert.equal(await page.locator('[data-testid=doc-card]').count(), 5, 'five cards from file://');
  const ids = await libraryIds(page);
  await open(page, `${url}#docs=${ids[0]},${ids[1]}`);
  assert.ok((await columnPassages(page, ids[1])).length > 0, 'a document opens from file://');
  await screenshot(page, 'single-file.png');
  guard.check();
  await guard.close();
});
