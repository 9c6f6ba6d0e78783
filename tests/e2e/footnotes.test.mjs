// A teacher clicks a footnote marker and reads the note without losing their place.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, serve, launch, watchedContext, open, screenshot, squash } from './helpers.mjs';

let server;
let browser;
let exp; // the CLI export: which notes there are and what they say
before(async () => {
  exp = JSON.parse(cli(['export']));
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
  // Every document whose text has footnote markers (from the export, not hard-coded): its first
  // marker opens that note's text, or says that the source lacks it.
  const withMarkers = exp.documents.filter((d) => d.passages.some((p) => p.kind !== 'note' && p.note_refs.length));
  assert.ok(withMarkers.length > 0, 'at least one default document has footnote markers');
  const kinds = new Set();
  let shot = false;
  for (const doc of withMarkers) {
    const from = doc.passages.find((p) => p.kind !== 'note' && p.note_refs.length);
    const number = from.note_refs[0].number;
    await open(page, `${server.url}#docs=${doc.id}`);
    const col = `[data-testid=column][data-doc="${doc.id}"]`;
    const ref = page.locator(`${col} [data-testid=passage][data-passage="${from.id}"] [data-testid=note-ref][data-note="${number}"]`).first();
    await ref.waitFor();
    assert.equal(squash(await ref.innerText()), String(number), `${doc.id}: the marker shows the note number`);
    assert.equal(await ref.evaluate((el) => el.closest('sup') !== null), true, 'the marker sits in a <sup>');
    await ref.click();
    const popover = page.locator('[data-testid=note-popover]');
    await popover.waitFor({ state: 'visible' });
    assert.equal(squash(await popover.locator('.note-popover-title').innerText()), `注${number}`, `${doc.id}: the popover names note ${number}`);
    const text = doc.notes.find((n) => n.number === number)?.text;
    const body = squash(await popover.locator('p').first().innerText());
    if (text && text.trim()) {
      kinds.add('text');
      assert.equal(body, squash(text), `${doc.id}: the popover shows the text of note ${number}`);
    } else {
      kinds.add('absent');
      assert.equal(await popover.getAttribute('data-missing'), 'true');
      assert.equal(body, '原文に注の本文がありません', `${doc.id}: a missing note says so`);
    }
    if (!shot) {
      await screenshot(page, 'footnote.png');
      shot = true;
    }
    // The place is kept: the passage with the marker is still on screen behind the popover.
    const still = await page.$eval(`${col} [data-testid=passage][data-passage="${from.id}"]`, (el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    });
    assert.equal(still, true, `${doc.id}: the passage with the marker stays in view`);
  }
  console.log(`footnotes: ${withMarkers.map((d) => d.id).join(', ')}; notes shown: ${[...kinds].join(', ')}`);
  guard.check();
  await guard.close();
});
