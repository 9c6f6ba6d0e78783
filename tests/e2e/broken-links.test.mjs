// A teacher follows links that are wrong: a passage that no longer exists, or a mangled URL.
// The page must never go blank and must not throw.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchedContext, open, libraryIds, columnPassages, passageSelector } from './helpers.mjs';

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

/** Something a person can read is on screen: the library or the reader, with visible text. */
async function assertNotBlank(page, label) {
  const state = await page.evaluate(() => {
    const view = document.querySelector('[data-testid=library], [data-testid=reader]');
    const r = view ? view.getBoundingClientRect() : null;
    return {
      view: view ? view.getAttribute('data-testid') : null,
      visible: !!r && r.width > 0 && r.height > 0,
      text: document.body.innerText.trim().length,
    };
  });
  assert.ok(state.view, `${label}: neither library nor reader is shown`);
  assert.ok(state.visible, `${label}: the ${state.view} has no size`);
  assert.ok(state.text > 20, `${label}: almost no visible text (${state.text} chars)`);
  return state;
}

test('a link to a passage that does not exist says "not found" and shows the document start', async () => {
  const [a, b] = ids;
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a},${b}&focus=${a}/s99-p99`);
  const notice = page.locator('[data-testid=notice]');
  await notice.first().waitFor({ timeout: 8000 });
  assert.match(await notice.first().innerText(), /not found/i, 'the notice says the passage was not found');
  const columns = await page.$$eval('[data-testid=column]', (els) => els.map((e) => e.getAttribute('data-doc')));
  assert.deepEqual(columns, [a, b], 'both columns are still open');
  const passages = await columnPassages(page, a);
  assert.ok(passages.length > 0, 'the column shows the document');
  assert.equal(passages.filter((p) => p.focused).length, 0, 'nothing is marked as the linked passage');
  // The document start is in view: the column is not scrolled away from its first passage.
  const first = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const col = el.closest('[data-testid=column]');
    const r = el.getBoundingClientRect();
    const c = col.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, colTop: c.top, colBottom: c.bottom, vh: window.innerHeight };
  }, passageSelector(a, passages[0].id));
  assert.ok(
    first.bottom > first.colTop && first.top < Math.min(first.colBottom, first.vh),
    `the first passage is visible in its column: ${JSON.stringify(first)}`,
  );
  guard.check();
  await guard.close();
});

test('an unknown document id next to a known one: the known one is shown with a notice', async () => {
  const [a] = ids;
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a},no-such-document`);
  await assertNotBlank(page, 'unknown id');
  await page.waitForSelector(`[data-testid=column][data-doc="${a}"] [data-testid=passage]`);
  await page.locator('[data-testid=notice]').first().waitFor({ timeout: 8000 });
  guard.check();
  await guard.close();
});

test('garbage fragments never give a blank page or an error', async () => {
  const [a, b] = ids;
  const cases = [
    '#docs=%%%',
    '#focus=x',
    '#docs=',
    '#docs=,,,&focus=/&q=',
    '#%FF%FE%00',
    `#docs=${a}&focus=${a}/%E0%A4%A&q=%E3%81`,
    `#docs=${a}&focus=${a}/s1-p1&q=${'%'.repeat(50)}`,
    `#docs=${a}&at=${a}/zzz,,,/,${b}/s1`,
    `#docs=${ids.join(',')}`,
    `#docs=${Array(500).fill(a).join(',')}`,
    `#docs=${'x'.repeat(20000)}`,
    `#docs=${a}&focus=${a}/${'s1-p'.repeat(3000)}&q=${'あ'.repeat(2000)}`,
    '#docs=<script>alert(1)</script>',
    '#docs=日本語&focus=日本語/s1',
  ];
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  page.on('dialog', (d) => {
    guard.problems.push(`a dialog opened: ${d.message()}`);
    d.dismiss();
  });
  for (const frag of cases) {
    const label = frag.length > 60 ? `${frag.slice(0, 60)}… (${frag.length} chars)` : frag;
    await open(page, server.url + frag);
    await assertNotBlank(page, `loading ${label}`);
  }
  // The same fragments typed into an open page (a hash change, not a reload).
  await open(page, `${server.url}#docs=${a}`);
  for (const frag of cases) {
    const label = frag.length > 60 ? `${frag.slice(0, 60)}… (${frag.length} chars)` : frag;
    await page.evaluate((f) => {
      location.hash = f;
    }, frag);
    await page.waitForTimeout(150);
    await assertNotBlank(page, `hash change to ${label}`);
  }
  guard.check();
  await guard.close();
});
