// A teacher opens the reader on a phone (390×844).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchedContext, open, libraryIds, screenshot } from './helpers.mjs';

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

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function overflow(page) {
  return page.evaluate(() => ({
    scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    width: document.documentElement.clientWidth,
  }));
}

test('on a phone the library and the reader fit the width and show passages', async () => {
  const guard = await watchedContext(browser, server.origin, PHONE);
  const page = await guard.newPage();
  await open(page, server.url);
  const ids = await libraryIds(page);
  let o = await overflow(page);
  assert.ok(o.scrollWidth <= o.width + 1, `library overflows the phone width: ${JSON.stringify(o)}`);
  await screenshot(page, 'phone-library.png');

  for (const docs of [[ids[0]], [ids[0], ids[1]]]) {
    await open(page, `${server.url}#docs=${docs.join(',')}`);
    await page.waitForSelector('[data-testid=passage]');
    const shown = await page.$$eval('[data-testid=passage]', (els) =>
      els.filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight && r.left < window.innerWidth && r.right > 0;
      }).length,
    );
    assert.ok(shown > 0, `passages are visible on the phone screen (${docs.join(',')})`);
    const widths = await page.$$eval('[data-testid=passage]', (els) => els.slice(0, 5).map((el) => el.getBoundingClientRect().width));
    for (const w of widths) assert.ok(w > 150, `passages are readable width on a phone, got ${w}px`);
    o = await overflow(page);
    assert.ok(o.scrollWidth <= o.width + 1, `the page overflows horizontally with ${docs.length} column(s): ${JSON.stringify(o)}`);
    await screenshot(page, `phone-reader-${docs.length}.png`);
  }
  guard.check();
  await guard.close();
});
