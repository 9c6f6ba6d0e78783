// A teacher copies a link to a passage, sends it to a colleague, and moves through history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serve,
  launch,
  watchedContext,
  open,
  libraryIds,
  columnPassages,
  passageSelector,
  waitFocusedAndVisible,
  screenshot,
  fragment,
  cli, evalAll } from './helpers.mjs';

let server;
let browser;
let exp; // the CLI export: the passages links must lead to
let ids;
before(async () => {
  exp = JSON.parse(cli(['export']));
  server = await serve();
  browser = await launch();
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, server.url);
  ids = await libraryIds(page);
  assert.deepEqual(ids, exp.documents.map((d) => d.id), 'the library lists the exported documents');
  await guard.close();
});

/** The quote a link carries for a passage: its first 16 characters (core `anchor::link_quote`). */
const quoteOf = (docId, passageId) => {
  const p = exp.documents.find((d) => d.id === docId).passages.find((x) => x.id === passageId);
  return p.anchor.exact;
};

// What the toast says, in the reader's default language (Japanese).
const COPIED = 'リンクをクリップボードにコピーしました';
const REFUSED =
  'ブラウザがクリップボードへのコピーを許可しなかったため、下の欄にリンクを表示しました。そこからコピーしてください。';
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A readable passage well down the column (so opening the link has to scroll to it). */
function pickPassage(passages, position = 0.6) {
  const candidates = passages.filter((p) => p.kind === 'paragraph' && p.text.length > 0);
  const pool = candidates.length ? candidates : passages;
  assert.ok(pool.length > 0, 'the column has passages');
  return pool[Math.min(pool.length - 1, Math.floor(pool.length * position))];
}

/**
 * Copy a passage's link with its button; waits until the toast says where the link went.
 * Returns the link and that message.
 */
async function copyLink(page, docId, passageId) {
  const sel = passageSelector(docId, passageId);
  await page.hover(sel);
  const button = page.locator(`${sel} [data-testid=copy-link]`);
  assert.equal(await button.getAttribute('aria-label'), 'この箇所へのリンクをコピー', 'the link button is named for screen readers');
  await button.click();
  const message = page.locator('[data-testid=toast] .toast-message');
  await message.filter({ hasText: /クリップボード/ }).waitFor();
  const said = (await message.innerText()).trim();
  assert.ok([COPIED, REFUSED].includes(said), `the toast says where the link went: ${said}`);
  const link = await page.locator('input[data-testid=last-link]').inputValue();
  return { link, said };
}

test('a copied passage link opens the same columns with that passage focused and in view', async () => {
  const [a, b] = ids;
  const guard = await watchedContext(browser, server.origin, { permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a},${b}`);
  const target = pickPassage(await columnPassages(page, b));

  const { link, said } = await copyLink(page, b, target.id);
  assert.equal(said, COPIED, 'the toast says the link is on the clipboard');
  assert.ok(link.startsWith(server.url + '#'), `the link is absolute on this site: ${link}`);
  const f = fragment(link);
  assert.equal(f.docs, `${a},${b}`, 'the link keeps both columns');
  assert.equal(f.focus, `${b}/${target.id}`, 'the link names the passage');
  assert.equal(f.q, quoteOf(b, target.id), "the link carries the passage's opening words");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, 'the clipboard holds the same link');

  // The copying page itself now shows the passage focused.
  await waitFocusedAndVisible(page, passageSelector(b, target.id));

  // A colleague opens the link in a fresh browser context.
  const guard2 = await watchedContext(browser, server.origin);
  const page2 = await guard2.newPage();
  await open(page2, link);
  const columns = await evalAll(page2, '[data-testid=column]', (els) => els.map((e) => e.getAttribute('data-doc')));
  assert.deepEqual(columns, [a, b], 'the same two columns are open');
  await waitFocusedAndVisible(page2, passageSelector(b, target.id));
  const focused = await evalAll(page2, '[data-focused=true]', (els) => els.map((el) => el.getAttribute('data-passage')));
  assert.deepEqual(focused, [target.id], 'exactly that passage is marked');
  const shown = (await columnPassages(page2, b)).find((p) => p.id === target.id);
  assert.equal(shown.text, target.text, 'with the text that was linked');
  await screenshot(page2, 'linked-passage.png');

  guard.check('copying page');
  guard2.check('opened link');
  await guard.close();
  await guard2.close();
});

test('back and forward move between focused passages', async () => {
  const [a, b] = ids;
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a},${b}`);
  const passages = await columnPassages(page, a);
  const first = pickPassage(passages, 0.3);
  const second = pickPassage(passages, 0.8);
  assert.notEqual(first.id, second.id, 'two different passages to move between');

  await open(page, `${server.url}#docs=${a},${b}&focus=${a}/${first.id}`);
  await waitFocusedAndVisible(page, passageSelector(a, first.id));

  await copyLink(page, a, second.id);
  await waitFocusedAndVisible(page, passageSelector(a, second.id));
  assert.equal(fragment(page.url()).focus, `${a}/${second.id}`);

  await page.goBack();
  await waitFocusedAndVisible(page, passageSelector(a, first.id));
  assert.equal(fragment(page.url()).focus, `${a}/${first.id}`, 'back returns to the previous focus');
  assert.notEqual(
    await page.getAttribute(passageSelector(a, second.id), 'data-focused'),
    'true',
    'the later passage is no longer marked',
  );

  await page.goForward();
  await waitFocusedAndVisible(page, passageSelector(a, second.id));
  guard.check();
  await guard.close();
});

test('a link whose passage id moved finds the passage again by its quote', async () => {
  const [a] = ids;
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a}`);
  const passages = await columnPassages(page, a);
  // A passage whose opening words occur nowhere else in the document, from the middle.
  const quoteOf = (p) => Array.from(p.text).slice(0, 16).join('');
  const unique = passages.filter(
    (p) =>
      p.kind === 'paragraph' &&
      Array.from(p.text).length >= 16 &&
      passages.filter((o) => o.text.includes(quoteOf(p))).length === 1,
  );
  assert.ok(unique.length > 0, 'the document has a paragraph with a distinctive opening');
  const target = unique[Math.floor(unique.length / 2)];
  const q = encodeURIComponent(quoteOf(target));

  await open(page, `${server.url}#docs=${a}&focus=${a}/s0-p999&q=${q}`);
  await waitFocusedAndVisible(page, passageSelector(a, target.id));
  const notice = page.locator('[data-testid=notice] li');
  assert.deepEqual(await notice.allInnerTexts(), ['この箇所は移動しています。今の位置を表示します。'], 'the page says the passage moved');
  assert.equal(fragment(page.url()).focus, `${a}/${target.id}`, 'the link now names where it is');
  guard.check();
  await guard.close();
});
