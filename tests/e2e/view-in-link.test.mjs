// A teacher opens the notes, turns on aligned scrolling, opens a footnote or the citation dialog,
// and reloads (or sends the link): the same things are open again. Back and forward step
// between the passages read, each with the panels as they were left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchedContext, open, libraryIds, passageSelector, waitFocusedAndVisible, fragment } from './helpers.mjs';

let server;
let browser;
let ids;
before(async () => {
  server = await serve();
  browser = await launch();
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, server.url);
  ids = await libraryIds(page);
  await guard.close();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Wait until the address bar says `key` is `value` (`undefined`: absent). */
async function linkSays(page, key, value) {
  await page.waitForFunction(
    ([k, v]) => (new URLSearchParams(location.hash.slice(1)).get(k) ?? undefined) === (v ?? undefined),
    [key, value],
    { timeout: 5000 },
  );
}

/** What is open: the panel, aligned mode, a footnote, the citation dialog. */
async function openThings(page) {
  return page.evaluate(() => ({
    panel: document.querySelector('#side-panel')?.getAttribute('data-testid') ?? null,
    aligned: document.querySelector('[data-testid=aligned-toggle]')?.getAttribute('aria-pressed') === 'true',
    note: document.querySelector('[data-testid=note-popover]') ? true : false,
    cite: document.querySelector('[data-testid=cite-dialog]') ? true : false,
  }));
}

test('the open panel, aligned mode and a footnote are in the link and come back after a reload', async () => {
  const [a, b] = ids;
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a},${b}`);
  await page.click('[data-testid=notes-button]');
  await page.waitForSelector('[data-testid=notes-panel]');
  await linkSays(page, 'p', 'notes');
  await page.click('[data-testid=aligned-toggle]');
  await linkSays(page, 'al', '1');
  const marker = page.locator(`[data-testid=column][data-doc="${a}"] [data-testid=note-ref]`).first();
  await marker.scrollIntoViewIfNeeded();
  await marker.click();
  await page.waitForSelector('[data-testid=note-popover]');
  const note = await marker.getAttribute('data-note');
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has('n'));
  const n = fragment(page.url()).n;
  assert.match(n, new RegExp(`^${a}/[^/]+/${note}$`), `the link names the footnote: ${n}`);

  const link = page.url();
  await page.reload();
  await page.waitForSelector('[data-testid=note-popover]');
  assert.deepEqual(await openThings(page), { panel: 'notes-panel', aligned: true, note: true, cite: false });
  assert.equal(page.url(), link, 'the reload keeps the link as it was');

  // Esc closes the footnote, then the panel; the link follows.
  await page.keyboard.press('Escape');
  await linkSays(page, 'n', undefined);
  assert.equal((await openThings(page)).note, false);
  await page.keyboard.press('Escape');
  await linkSays(page, 'p', undefined);
  assert.equal((await openThings(page)).panel, null);
  assert.equal(fragment(page.url()).al, '1', 'Esc leaves aligned mode on');

  // The same link in a fresh browser opens the same things.
  const guard2 = await watchedContext(browser, server.origin);
  const page2 = await guard2.newPage();
  await open(page2, link);
  await page2.waitForSelector('[data-testid=note-popover]');
  assert.deepEqual(await openThings(page2), { panel: 'notes-panel', aligned: true, note: true, cite: false });
  guard2.check();
  await guard2.close();
  guard.check();
  await guard.close();
});

test('the passage being cited is in the link; a reload opens the citation dialog again', async () => {
  const [a] = ids;
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a}`);
  const passage = page.locator(`[data-testid=column][data-doc="${a}"] [data-testid=passage][data-kind=paragraph]`).nth(2);
  const id = await passage.getAttribute('data-passage');
  await passage.scrollIntoViewIfNeeded();
  await passage.hover();
  await passage.locator('button[data-testid=cite-button]').click();
  await page.waitForSelector('[data-testid=cite-dialog]');
  await linkSays(page, 'c', `${a}/${id}`);
  await page.reload();
  await page.waitForSelector('[data-testid=cite-dialog]');
  const permalink = await page.locator('input[data-testid=cite-link]').inputValue();
  assert.equal(fragment(permalink).focus, `${a}/${id}`, 'the dialog cites the same passage');
  assert.equal(fragment(permalink).c, undefined, 'the permalink cites the passage, not the dialog');
  await page.click('[data-testid=cite-close]');
  await linkSays(page, 'c', undefined);
  guard.check();
  await guard.close();
});

test('back and forward return to each passage with the panel as it was left', async () => {
  const [a, b] = ids;
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a},${b}`);
  const paragraphs = page.locator(`[data-testid=column][data-doc="${a}"] [data-testid=passage][data-kind=paragraph]`);
  const first = await paragraphs.nth(1).getAttribute('data-passage');
  const second = await paragraphs.nth(4).getAttribute('data-passage');

  await page.evaluate((h) => (location.hash = h), `docs=${a},${b}&focus=${a}/${first}`);
  await waitFocusedAndVisible(page, passageSelector(a, first));
  await page.click('[data-testid=sources-button]'); // replaces this entry: no new step in history
  await linkSays(page, 'p', 'sources');
  await page.evaluate((h) => (location.hash = h), `docs=${a},${b}&focus=${a}/${second}`);
  await waitFocusedAndVisible(page, passageSelector(a, second));
  assert.equal((await openThings(page)).panel, null, 'the new link opens no panel');

  await page.goBack();
  await waitFocusedAndVisible(page, passageSelector(a, first));
  await page.waitForSelector('[data-testid=sources-panel]');
  assert.equal(fragment(page.url()).p, 'sources', 'back: the first passage, with the sources panel it had');
  await page.goBack();
  await page.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).has('focus'));
  assert.equal((await openThings(page)).panel, null, 'before that: no mark, no panel');
  await page.goForward();
  await page.goForward();
  await waitFocusedAndVisible(page, passageSelector(a, second));
  assert.equal((await openThings(page)).panel, null);
  guard.check();
  await guard.close();
});
