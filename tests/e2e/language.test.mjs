// The interface speaks Japanese by default and English on request: a teacher switches with the
// visible 日本語 / English switch, the choice is remembered in this browser and travels in the
// links they share (`lang=en`), and a fresh browser without it sees Japanese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, serve, launch, watchedContext, open, fragment, WAIT_MS, evalAll } from './helpers.mjs';

let server;
let browser;
let ids;
before(async () => {
  ids = JSON.parse(cli(['export'])).documents.map((d) => d.id);
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** What the page says about its language: `<html lang>`, the app's `lang`, the switch's pressed button. */
async function languageOf(page) {
  return page.evaluate(() => ({
    html: document.documentElement.getAttribute('lang'),
    app: document.querySelector('.app')?.getAttribute('lang'),
    pressed: document.querySelector('[data-testid=lang-switch] button[aria-pressed=true]')?.getAttribute('data-lang'),
  }));
}

/** Wait until the page speaks `lang` (`<html lang>`, the app and the switch agree). */
async function waitLanguage(page, lang) {
  try {
    await page.waitForFunction(
      (l) =>
        document.documentElement.getAttribute('lang') === l &&
        document.querySelector('.app')?.getAttribute('lang') === l &&
        document.querySelector(`[data-testid=lang-switch] button[data-lang=${l}]`)?.getAttribute('aria-pressed') === 'true',
      lang,
      { timeout: WAIT_MS, polling: 100 },
    );
  } catch {
    throw new Error(`the page does not speak ${lang}: ${JSON.stringify(await languageOf(page))}`);
  }
}

/** The label of the library's "Read side by side" button. */
const openLabel = async (page) => (await page.locator('[data-testid=open-selected]').innerText()).trim();

test('Japanese by default; the switch turns the interface English, which is remembered and kept in shared links', async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, server.url);

  // A fresh browser: Japanese, with the switch showing both languages, each in its own.
  await waitLanguage(page, 'ja');
  assert.equal(await openLabel(page), '並べて読む', 'a Japanese button label');
  const names = await evalAll(page, '[data-testid=lang-switch] button', (els) =>
    els.map((b) => [b.textContent.trim(), b.getAttribute('lang')]),
  );
  assert.deepEqual(names, [['日本語', 'ja'], ['English', 'en']], 'the switch names each language in itself');
  assert.equal(fragment(page.url()).lang, undefined, 'Japanese, the default, is not in the link');
  // Document text is Japanese whatever the interface says.
  assert.equal(await page.locator('[data-testid=doc-card] .doc-title').first().getAttribute('lang'), 'ja');

  // Switch to English: the same page in English, and the link says so.
  await page.click('[data-testid=lang-switch] button[data-lang=en]');
  await waitLanguage(page, 'en');
  assert.equal(await openLabel(page), 'Read side by side', 'an English button label');
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('lang') === 'en');
  assert.equal(await page.evaluate(() => localStorage.getItem('yomikurabe:lang')), 'en', 'remembered in this browser');
  assert.equal(await page.locator('[data-testid=doc-card] .doc-title').first().getAttribute('lang'), 'ja');

  // A reload (even of the bare address) stays English.
  await page.reload();
  await page.waitForSelector('[data-testid=library]');
  await waitLanguage(page, 'en');
  await open(page, server.url);
  await waitLanguage(page, 'en');
  assert.equal(await openLabel(page), 'Read side by side', 'still English after a reload');

  // Reading in English: the reader's bar is English, and a passage link carries the language.
  await open(page, `${server.url}#docs=${ids[0]}`);
  await waitLanguage(page, 'en');
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('lang') === 'en');
  assert.equal((await page.locator('[data-testid=timeline-button]').innerText()).trim(), 'Timeline');
  const shared = `${server.url}#docs=${ids[0]}&lang=en`;

  // Back to Japanese with the switch, from the reader.
  await page.click('[data-testid=lang-switch] button[data-lang=ja]');
  await waitLanguage(page, 'ja');
  assert.equal((await page.locator('[data-testid=timeline-button]').innerText()).trim(), '年表');
  await page.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).has('lang'));
  assert.equal(await page.evaluate(() => localStorage.getItem('yomikurabe:lang')), 'ja');
  guard.check();
  await guard.close();

  // A shared link with lang=en, opened in a fresh browser: English.
  const other = await watchedContext(browser, server.origin);
  const p2 = await other.newPage();
  await open(p2, shared);
  await waitLanguage(p2, 'en');
  assert.equal((await p2.locator('[data-testid=timeline-button]').innerText()).trim(), 'Timeline');
  assert.equal(await p2.locator('[data-testid=column-title]').first().getAttribute('lang'), 'ja', 'the document stays Japanese');
  other.check();
  await other.close();

  // The same link without lang, in another fresh browser: Japanese.
  const third = await watchedContext(browser, server.origin);
  const p3 = await third.newPage();
  await open(p3, `${server.url}#docs=${ids[0]}`);
  await waitLanguage(p3, 'ja');
  assert.equal((await p3.locator('[data-testid=timeline-button]').innerText()).trim(), '年表');
  assert.equal(fragment(p3.url()).lang, undefined);
  third.check();
  await third.close();
});

test('notices follow the language, and English words inside a Japanese note are marked English', async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${ids[0]},no-such-document`);
  const notice = page.locator('[data-testid=notice] li');
  await notice.first().waitFor();
  assert.deepEqual(await notice.allInnerTexts(), ['文書「no-such-document」が見つからないため、除外しました。']);
  // The notice is data: switching the language re-words it where it stands.
  await page.click('[data-testid=lang-switch] button[data-lang=en]');
  await waitLanguage(page, 'en');
  await notice.filter({ hasText: 'not found' }).waitFor();
  assert.deepEqual(await notice.allInnerTexts(), ['Document “no-such-document” not found; it was left out.']);
  // Interface words inside document text (lang="ja") say their own language.
  const inside = await evalAll(page, '.passage-text[lang=ja] [data-testid=note-cut-off], .passage-text[lang=ja] [data-testid=note-back]', (els) =>
    els.map((e) => e.getAttribute('lang')),
  );
  assert.ok(inside.every((l) => l === 'en'), `English inside Japanese text is marked lang="en": ${JSON.stringify(inside)}`);
  guard.check();
  await guard.close();
});
