// A long document of a teacher's own (1 MB: thousands of passages) opens at once and reads
// like any other: the column renders the passages near the view and fills in the rest as the
// reader scrolls; a heading chosen in the contents, or a link to a passage far into the text,
// lands there. What a person sees is asserted; how fast is printed by adding-performance.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchedContext, open, evalAll, essay, waitInView, waitFocusedAndVisible, passageSelector } from './helpers.mjs';

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

const rendered = (page, id) =>
  evalAll(page, `[data-testid=column][data-doc="${id}"] [data-testid=passage]`, (els) => els.map((e) => e.getAttribute('data-passage')));

test('a 1 MB text of your own: opens with its first passages, fills in as you scroll, and its contents and links reach its far end', async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, server.url);
  await page.setInputFiles('[data-testid=add-files]', { name: 'long.txt', mimeType: 'text/plain', buffer: Buffer.from(essay(1 << 20, 'L')) });
  const card = page.locator('[data-testid=doc-card]', { hasText: '長い文書L' });
  await card.waitFor({ timeout: 60000 });
  const id = await card.getAttribute('data-doc');

  // Opened: the title and the first section are there; far passages are not rendered yet.
  await open(page, `${server.url}#docs=${id}`);
  const column = `[data-testid=column][data-doc="${id}"]`;
  await page.waitForSelector(`${column} [data-testid=passage]`, { timeout: 60000 });
  const first = await rendered(page, id);
  const sections = await evalAll(page, `${column} [data-testid=outline] button[data-section]`, (els) => els.map((e) => e.getAttribute('data-section')));
  assert.ok(sections.length >= 50, `the contents list the sections (${sections.length})`);
  assert.ok(first.length < 200, `only the passages near the view are rendered at first (${first.length})`);
  assert.ok(await page.locator(`${column} [data-testid=passage-gap]`).count() >= 1, 'the rest is a gap');
  assert.match(await page.locator(`${column} [data-testid=passage]`).first().innerText(), /山田太郎|長い文書L|第1節/, "the column starts at the start");

  // Scrolling down with the wheel: more passages appear below, in reading order.
  await page.hover(`${column} [data-testid=passage] >> nth=3`);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 2500);
  await page.waitForFunction(
    ([sel, n]) => document.querySelectorAll(sel).length > n,
    [`${column} [data-testid=passage]`, first.length],
    { timeout: 20000 },
  );
  const more = await rendered(page, id);
  assert.deepEqual(more.slice(0, first.length), first, 'what was there stays, in order');

  // The contents: the last section's heading, far beyond what was rendered, is brought into view.
  const last = sections[sections.length - 1];
  await page.locator(`${column} [data-testid=outline] button[data-section="${last}"]`).click();
  await waitInView(page, passageSelector(id, last));

  // Just above it fills in at once (it is within a screen of the view) without moving what the
  // reader is looking at.
  const before = await page.evaluate((sel) => document.querySelector(sel).getBoundingClientRect().top, passageSelector(id, last));
  await page.waitForSelector(passageSelector(id, sections[sections.length - 5]), { state: 'attached' });
  const after = await page.evaluate((sel) => document.querySelector(sel).getBoundingClientRect().top, passageSelector(id, last));
  assert.ok(Math.abs(after - before) < 4, `the heading stays where it was (${before} → ${after})`);

  // A link to a passage far into the text, in a fresh load: shown, marked.
  const near = await rendered(page, id);
  const far = near[near.indexOf(last) + 20];
  assert.ok(far && !first.includes(far), `a passage far from the start (${far})`);
  await open(page, `${server.url}#docs=${id}&focus=${id}/${far}`);
  await waitFocusedAndVisible(page, passageSelector(id, far), 60000);
  assert.ok((await rendered(page, id)).length < 400, 'still only part of the document is rendered');

  // The gap's button (keyboard readers) renders more.
  const gaps = page.locator(`${column} [data-testid=passage-gap] button`);
  const n = (await rendered(page, id)).length;
  await gaps.first().focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([sel, n]) => document.querySelectorAll(sel).length > n,
    [`${column} [data-testid=passage]`, n],
    { timeout: 20000 },
  );
  guard.check();
  await guard.close();
});
