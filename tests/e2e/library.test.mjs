// A teacher opens yomikurabe, sees the five documents, picks two and reads them side by side.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchedContext, open, libraryIds, columnPassages, screenshot, fragment } from './helpers.mjs';

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the library lists five documents with titles; two open side by side', async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, server.url);

  const cards = page.locator('[data-testid=doc-card]');
  assert.equal(await cards.count(), 5, 'the library shows one card per default document');
  const titles = await page.$$eval('[data-testid=doc-card] .doc-title', (els) => els.map((e) => e.textContent.trim()));
  assert.equal(titles.length, 5, 'every card has a .doc-title');
  for (const t of titles) assert.ok(t.length > 0, `a card has an empty title: ${JSON.stringify(titles)}`);
  const openings = await page.$$eval('[data-testid=doc-card] .doc-opening', (els) => els.map((e) => e.textContent.trim()));
  assert.equal(openings.length, 5, 'every card shows its opening');
  const lengths = await page.$$eval('[data-testid=doc-card] .doc-length', (els) => els.map((e) => e.textContent.trim()));
  assert.equal(lengths.length, 5, 'every card shows its length');

  const openButton = page.locator('[data-testid=open-selected]');
  assert.equal(await openButton.isDisabled(), true, '"Read side by side" is disabled while nothing is picked');
  await screenshot(page, 'library.png');

  const ids = await libraryIds(page);
  const [first, second] = ids;
  await page.check(`input[data-testid=pick][data-doc="${first}"]`);
  await page.check(`input[data-testid=pick][data-doc="${second}"]`);
  assert.equal(await openButton.isEnabled(), true, '"Read side by side" is enabled with two picked');
  await openButton.click();

  await page.waitForSelector('[data-testid=reader]');
  const columns = await page.$$eval('[data-testid=column]', (els) => els.map((e) => e.getAttribute('data-doc')));
  assert.deepEqual(columns, [first, second], 'two columns, in the order picked');
  for (const id of columns) {
    const passages = await columnPassages(page, id);
    assert.ok(passages.length > 0, `column ${id} shows passages`);
    assert.ok(passages.some((p) => p.text.length > 0), `column ${id} shows text`);
    const title = await page.locator(`[data-testid=column][data-doc="${id}"] [data-testid=column-title]`).innerText();
    assert.ok(title.trim().length > 0, `column ${id} has a title`);
  }
  assert.equal(fragment(page.url()).docs, `${first},${second}`, 'the URL names the open documents');
  const shot = await screenshot(page, 'reader.png');
  console.log(`screenshot: ${shot}`);

  // Back to the library by the home link.
  await page.click('[data-testid=home]');
  await page.waitForSelector('[data-testid=library]');
  guard.check();
  await guard.close();
});

test('more than four picked cannot be opened, and the page says why', async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, server.url);
  const ids = await libraryIds(page);
  for (const id of ids) await page.check(`input[data-testid=pick][data-doc="${id}"]`);
  const openButton = page.locator('[data-testid=open-selected]');
  assert.equal(ids.length > 4, true);
  assert.equal(await openButton.isDisabled(), true, '"Read side by side" is disabled with five picked');
  const body = await page.locator('[data-testid=library]').innerText();
  assert.match(body, /4/, 'the library explains the limit of four');
  guard.check();
  await guard.close();
});
