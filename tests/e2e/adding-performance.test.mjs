// How long does adding a teacher's own text take, and does the page stay responsive? Figures,
// printed and written to tests/e2e/artifacts/adding-perf.json; nothing here asserts on a
// duration (the test fails only if a card never shows). Texts of 1 MB and 10 MB are chosen in
// the file chooser of a fresh page; measured from the chooser's change to the new card on
// screen, with the main thread's long tasks in between (PerformanceObserver `longtask`).
import { test, before, after } from 'node:test';
import { serve, launch, watchedContext, open, writeArtifact, essay } from './helpers.mjs';

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

function recordLongTasks() {
  const seen = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.push({ start: e.startTime, duration: e.duration });
  });
  observer.observe({ type: 'longtask', buffered: true });
  window.__ykLongTasks = () => {
    for (const e of observer.takeRecords()) seen.push({ start: e.startTime, duration: e.duration });
    return seen.slice();
  };
}

test('adding a 1 MB and a 10 MB text: time to the card, the longest main-thread task, time to open it (printed)', async () => {
  const figures = {};
  for (const [label, bytes] of [['1MB', 1 << 20], ['10MB', 10 << 20]]) {
    const guard = await watchedContext(browser, server.origin);
    await guard.context.addInitScript(recordLongTasks);
    const page = await guard.newPage();
    await open(page, server.url);
    await page.waitForFunction(() => performance.getEntriesByName('yomikurabe:startup-done').length > 0, null, { timeout: 60000 });
    const text = essay(bytes, label);
    const t0 = await page.evaluate(() => performance.now());
    await page.setInputFiles('[data-testid=add-files]', { name: `long-${label}.txt`, mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.waitForSelector(`[data-testid=doc-card] >> text=長い文書${label}`, { timeout: 120000 });
    const t1 = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
    const tasks = (await page.evaluate(() => window.__ykLongTasks())).filter((t) => t.start + t.duration >= t0);
    const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    // Then open it (in the same visit: the analysis takes the document parsed for its card).
    const id = await page.locator('[data-testid=doc-card]', { hasText: `長い文書${label}` }).getAttribute('data-doc');
    const t2 = await page.evaluate((id) => {
      const t = performance.now();
      location.hash = `docs=${id}`;
      return t;
    }, id);
    await page.waitForSelector(`[data-testid=column][data-doc="${id}"] [data-testid=passage]`, { timeout: 120000 });
    const t3 = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
    // Of which parsing (the pipeline's marks): the documents parsed during the open.
    const parseMs = await page.evaluate((t2) => {
      const starts = performance.getEntriesByName('yomikurabe:parse-doc-start').filter((e) => e.startTime >= t2);
      const ends = performance.getEntriesByName('yomikurabe:parse-doc-end').filter((e) => e.startTime >= t2);
      return starts.reduce((sum, s, i) => sum + ((ends[i]?.startTime ?? s.startTime) - s.startTime), 0);
    }, t2);
    figures[label] = {
      bytes: Buffer.byteLength(text),
      to_card_ms: Math.round(t1 - t0),
      long_tasks: tasks.length,
      longest_task_ms: Math.round(longest),
      open_ms: Math.round(t3 - t2),
      open_parse_ms: Math.round(parseMs),
    };
    console.log(`perf: add a ${label} text → its card on screen: ${figures[label].to_card_ms} ms; long tasks ${tasks.length}, longest ${figures[label].longest_task_ms} ms (budget: none over 50 ms)${longest > 50 ? '  OVER BUDGET' : ''}; then open it: ${figures[label].open_ms} ms (parsing ${figures[label].open_parse_ms} ms of it)`);
    guard.check();
    await guard.close();
  }
  await writeArtifact('adding-perf.json', JSON.stringify(figures, null, 2));
});
