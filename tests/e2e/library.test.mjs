// A teacher opens yomikurabe, sees the five documents, picks two and reads them side by side.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  cli,
  serve,
  launch,
  watchedContext,
  open,
  libraryIds,
  columnPassages,
  screenshot,
  fragment,
  squash,
  shownTitle,
  bodyPassages,
  waitDocumentShown, evalAll } from './helpers.mjs';

let server;
let browser;
let exp; // the CLI export: what the cards and columns must show
before(async () => {
  exp = JSON.parse(cli(['export']));
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A date as the Japanese interface writes it (frontend `i18n::date`): 2024年3月5日, 2024年3月, 2024年. */
function jaDate(iso) {
  const [y, m, d] = iso.split('-');
  return `${y}年${m ? `${Number(m)}月` : ''}${d ? `${Number(d)}日` : ''}`;
}

/**
 * What a card shows of a document in the default (Japanese) interface (frontend
 * `reading::{date_line, length_line, opening}`).
 */
function card(doc) {
  const body = bodyPassages(doc);
  const chars = body.reduce((n, p) => n + Array.from(p.text).length, 0);
  const first = body.find((p) => p.kind === 'paragraph') || body.find((p) => !['heading', 'meta'].includes(p.kind)) || body[0];
  const text = Array.from(first.text.trim());
  const label = { published: '公開日：', completed: '作成日：', other: '' };
  return {
    title: shownTitle(doc),
    author: doc.author === null ? null : squash(doc.author),
    date: doc.date ? `${label[doc.date_kind]}${jaDate(doc.date)}` : null,
    length: `${chars.toLocaleString('en-US')}字`,
    opening: squash(text.length > 90 ? `${text.slice(0, 90).join('')}…` : text.join('')),
  };
}

/** The "Read side by side" status line under the cards, once it says `expected`. */
async function pickStatus(page, expected) {
  const status = page.locator('#pick-status');
  await status.filter({ hasText: expected }).waitFor();
  return squash(await status.innerText());
}

test('the library lists five documents with titles; two open side by side', async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, server.url);

  const ids = await libraryIds(page);
  assert.deepEqual(ids, exp.documents.map((d) => d.id), 'one card per default document, in corpus order');
  for (const doc of exp.documents) {
    const c = page.locator(`[data-testid=doc-card][data-doc="${doc.id}"]`);
    const text = async (sel) => ((await c.locator(sel).count()) ? squash(await c.locator(sel).innerText()) : null);
    const want = card(doc);
    assert.equal(await text('.doc-title'), want.title, `${doc.id}: the card's title`);
    assert.equal(await text('.doc-author'), want.author, `${doc.id}: the card's author`);
    assert.equal(await text('.doc-date'), want.date, `${doc.id}: the card's date`);
    assert.equal(await text('.doc-length'), want.length, `${doc.id}: the card's length`);
    assert.equal(await text('.doc-opening'), want.opening, `${doc.id}: the card's opening`);
  }

  const openButton = page.locator('[data-testid=open-selected]');
  assert.equal(await openButton.isDisabled(), true, '"Read side by side" is disabled while nothing is picked');
  assert.equal(await pickStatus(page, '1〜4件'), '並べて読む文書を1〜4件選んでください。');
  await screenshot(page, 'library.png');

  const [first, second] = ids;
  await page.check(`input[data-testid=pick][data-doc="${first}"]`);
  await page.check(`input[data-testid=pick][data-doc="${second}"]`);
  assert.equal(await pickStatus(page, '2件選択中'), '2件選択中。');
  assert.equal(await openButton.isEnabled(), true, '"Read side by side" is enabled with two picked');
  await openButton.click();

  await page.waitForSelector('[data-testid=reader]');
  const columns = await evalAll(page, '[data-testid=column]', (els) => els.map((e) => e.getAttribute('data-doc')));
  assert.deepEqual(columns, [first, second], 'two columns, in the order picked');
  for (const id of columns) {
    const doc = exp.documents.find((d) => d.id === id);
    await waitDocumentShown(page, doc);
    const shown = (await columnPassages(page, id)).filter((p) => p.kind !== 'note');
    assert.deepEqual(
      shown.map((p) => [p.id, p.text]),
      bodyPassages(doc).map((p) => [p.id, squash(p.text)]),
      `column ${id} shows the document's text, passage by passage`,
    );
  }
  assert.equal(fragment(page.url()).docs, `${first},${second}`, 'the URL names the open documents');
  const shot = await screenshot(page, 'reader.png');
  console.log(`screenshot: ${shot}`);

  // Back to the library by the home link.
  await page.click('[data-testid=home]');
  await page.waitForSelector('[data-testid=library]');
  assert.deepEqual(await libraryIds(page), ids, 'the library again');
  guard.check();
  await guard.close();
});

test('more than four picked cannot be opened, and the page says why', async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, server.url);
  const ids = await libraryIds(page);
  assert.equal(ids.length, 5, 'five documents to pick');
  for (const id of ids) await page.check(`input[data-testid=pick][data-doc="${id}"]`);
  const openButton = page.locator('[data-testid=open-selected]');
  const why = await pickStatus(page, '5件選択中です');
  assert.equal(why, '5件選択中です。並べられるのは4件までです。1件の選択を外してください。', 'the library explains the limit of four');
  assert.equal(await page.locator('#pick-status').isVisible(), true, 'where the reader can see it');
  assert.equal(await openButton.isDisabled(), true, '"Read side by side" is disabled with five picked');
  assert.equal(await openButton.getAttribute('aria-describedby'), 'pick-status', 'the button points to the reason');

  // Unpicking one is enough.
  await page.uncheck(`input[data-testid=pick][data-doc="${ids[4]}"]`);
  assert.equal(await pickStatus(page, '4件選択中'), '4件選択中。');
  assert.equal(await openButton.isEnabled(), true, '"Read side by side" is enabled with four picked');
  await openButton.click();
  await page.waitForSelector('[data-testid=reader]');
  const columns = await evalAll(page, '[data-testid=column]', (els) => els.map((e) => e.getAttribute('data-doc')));
  assert.deepEqual(columns, ids.slice(0, 4), 'the four picked open side by side');
  guard.check();
  await guard.close();
});
