// A teacher clicks a footnote marker and reads the note without losing their place.
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

test('clicking a footnote marker shows the note', async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, server.url);
  const ids = await libraryIds(page);
  // Whichever documents have footnote markers: read from the page, not hard-coded.
  let found = 0;
  for (const id of ids) {
    await open(page, `${server.url}#docs=${id}`);
    await page.waitForSelector(`[data-testid=column][data-doc="${id}"] [data-testid=passage]`);
    const refs = page.locator(`[data-testid=column][data-doc="${id}"] [data-testid=note-ref]`);
    if ((await refs.count()) === 0) continue;
    found += 1;
    const ref = refs.first();
    const number = await ref.getAttribute('data-note');
    assert.ok(number && /^\d+$/.test(number), `a note marker names its note: ${number}`);
    assert.equal(await ref.evaluate((el) => el.closest('sup') !== null), true, 'the marker sits in a <sup>');
    await ref.click();
    const popover = page.locator('[data-testid=note-popover]');
    await popover.waitFor({ state: 'visible', timeout: 5000 });
    const text = (await popover.innerText()).trim();
    const missing = await popover.getAttribute('data-missing');
    if (missing === 'true') {
      assert.match(text, /note text not in the source/, 'a missing note says so');
    } else {
      assert.ok(text.length > 0, 'the popover shows the note text');
    }
    if (found === 1) await screenshot(page, 'footnote.png');
  }
  assert.ok(found > 0, 'at least one default document shows footnote markers');
  guard.check();
  await guard.close();
});
