// How soon does a reader see the first document? Prints figures; asserts only that they exist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchedContext, open, libraryIds, writeArtifact } from './helpers.mjs';

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

async function timings(page) {
  await page.waitForFunction(() => performance.getEntriesByName('yomikurabe:first-document').length > 0, null, {
    timeout: 10000,
  });
  return page.evaluate(() => {
    const mark = performance.getEntriesByName('yomikurabe:first-document');
    const nav = performance.getEntriesByType('navigation')[0];
    const r = (x) => Math.round(x * 10) / 10;
    const at = (name) => {
      const e = performance.getEntriesByName(name)[0];
      return e ? r(e.startTime) : null;
    };
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return {
      marks: mark.length,
      parse_start_ms: at('yomikurabe:parse-start'),
      parse_end_ms: at('yomikurabe:parse-end'),
      wasm_fetched_ms: wasm ? r(wasm.responseEnd) : null,
      fcp_ms: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null,
      first_document_ms: r(mark[0].startTime),
      response_end_ms: r(nav.responseEnd),
      dom_content_loaded_ms: r(nav.domContentLoadedEventEnd),
      load_ms: r(nav.loadEventEnd),
      transfer_bytes: performance
        .getEntriesByType('resource')
        .concat([nav])
        .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0),
    };
  });
}

test('first document figure (cold load, fresh context)', async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, server.url);
  const ids = await libraryIds(page);
  const library = await timings(page);
  assert.equal(library.marks, 1, 'the app marks yomikurabe:first-document exactly once');
  // The same page loaded again: the browser has the fonts and the compiled wasm cached, as a
  // returning reader's browser would.
  await page.reload();
  await libraryIds(page);
  const warm = await timings(page);
  await guard.close();

  // A cold load straight into the reader with the longest pair of documents open.
  const guard2 = await watchedContext(browser, server.origin);
  const page2 = await guard2.newPage();
  await open(page2, `${server.url}#docs=${ids.slice(0, 4).join(',')}`);
  await page2.waitForSelector('[data-testid=passage]');
  const reader = await timings(page2);
  await guard2.close();

  const figures = { library, library_reload: warm, reader_4_columns: reader };
  console.log(`perf: first document (library) ${library.first_document_ms} ms after navigation start; ` +
    `DOMContentLoaded ${library.dom_content_loaded_ms} ms; load ${library.load_ms} ms`);
  console.log(`perf: first document (reader, 4 columns) ${reader.first_document_ms} ms`);
  console.log(`perf: first document (library, reload with warm caches) ${warm.first_document_ms} ms ` +
    `(parse ${Math.round((warm.parse_end_ms - warm.parse_start_ms) * 10) / 10} ms)`);
  console.log(`perf: library breakdown: wasm fetched ${library.wasm_fetched_ms} ms, app started (parse start) ` +
    `${library.parse_start_ms} ms, corpus parsed ${library.parse_end_ms} ms ` +
    `(parse ${Math.round((library.parse_end_ms - library.parse_start_ms) * 10) / 10} ms in release wasm), first document ${library.first_document_ms} ms, first contentful paint ${library.fcp_ms} ms`);
  await writeArtifact('perf.json', JSON.stringify(figures, null, 2) + '\n');
  guard.check();
  guard2.check();
});
