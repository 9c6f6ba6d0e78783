// A teacher opens the reader on a phone (390×844).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, serve, launch, watchedContext, open, libraryIds, screenshot, squash, shownTitle, bodyPassages } from './helpers.mjs';

let server;
let browser;
let exp; // the CLI export: what the phone must show
before(async () => {
  exp = JSON.parse(cli(['export']));
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function overflow(page) {
  return page.evaluate(() => ({
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    width: document.documentElement.clientWidth,
  }));
}

/**
 * Whether a person sees `sel`: the topmost element at a point of its first line (inside the
 * screen) is it or inside it; a hidden or covered element is not seen. Runs in the page.
 */
const seenInPage = (sel) => {
  const el = document.querySelector(sel);
  if (!el) return false;
  const r = el.getClientRects()[0];
  if (!r || r.width === 0 || r.height === 0) return false;
  const x = Math.min(Math.max(r.left + r.width / 2, 1), window.innerWidth - 1);
  const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 12), 1), window.innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return hit !== null && el.contains(hit);
};

/** Wait until the reader shows `doc`: its title and its first passage, seen on the phone screen. */
async function waitShown(page, doc) {
  const first = bodyPassages(doc)[0];
  const text = `[data-testid=column][data-doc="${doc.id}"] [data-testid=passage][data-passage="${first.id}"] .passage-text`;
  await page.waitForFunction(seenInPage, text, { polling: 100 });
  assert.equal(squash(await page.locator(text).innerText()), squash(first.text), `${doc.id}: its first passage is on screen`);
  const title = `[data-testid=column][data-doc="${doc.id}"] [data-testid=column-title]`;
  assert.equal(await page.evaluate(seenInPage, title), true, `${doc.id}: its title is on screen`);
  assert.equal(squash(await page.locator(title).innerText()), shownTitle(doc));
  const width = await page.$eval(text, (el) => el.getBoundingClientRect().width);
  assert.ok(width > 150, `${doc.id}: the passage is a readable width on a phone, got ${width}px`);
}

test('on a phone the library and the reader fit the width and show passages', async () => {
  const guard = await watchedContext(browser, server.origin, PHONE);
  const page = await guard.newPage();
  await open(page, server.url);
  const ids = await libraryIds(page);
  const [a, b] = exp.documents;
  assert.deepEqual(ids, exp.documents.map((d) => d.id));
  assert.equal(await page.evaluate(seenInPage, `[data-testid=doc-card][data-doc="${a.id}"] .doc-title`), true, 'the first card is on screen');
  let o = await overflow(page);
  assert.ok(o.scrollWidth <= o.width + 1, `library overflows the phone width: ${JSON.stringify(o)}`);
  await screenshot(page, 'phone-library.png');

  for (const docs of [[a], [a, b]]) {
    await open(page, `${server.url}#docs=${docs.map((d) => d.id).join(',')}`);
    await waitShown(page, a);
    if (docs.length === 2) {
      // One column at a time: tabs name both; the second is behind its tab until it is tapped.
      const tabs = page.locator('nav.tabs button.tab');
      assert.deepEqual((await tabs.allInnerTexts()).map(squash), docs.map(shownTitle), 'a tab per document');
      assert.equal(await tabs.nth(0).getAttribute('aria-pressed'), 'true', 'the first tab is the one shown');
      const hiddenFirst = `[data-testid=column][data-doc="${b.id}"] [data-testid=passage][data-passage="${bodyPassages(b)[0].id}"] .passage-text`;
      assert.equal(await page.evaluate(seenInPage, hiddenFirst), false, `${b.id} is not shown over ${a.id}`);
      await tabs.nth(1).tap();
      await waitShown(page, b);
      assert.equal(await tabs.nth(1).getAttribute('aria-pressed'), 'true', 'the second tab is now the one shown');
    }
    o = await overflow(page);
    assert.ok(o.scrollWidth <= o.width + 1, `the page overflows horizontally with ${docs.length} column(s): ${JSON.stringify(o)}`);
    await screenshot(page, `phone-reader-${docs.length}.png`);
  }
  guard.check();
  await guard.close();
});
