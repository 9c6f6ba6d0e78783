// Takes docs/screenshot.png (1280×800): two documents side by side, a linked passage marked.
// Usage: node scripts/screenshot.mjs   (after `trunk build --release`; uses /usr/bin/chromium)
import path from 'node:path';
import { serve, launch, watchedContext, open, libraryIds, columnPassages, passageSelector, waitFocusedAndVisible, ROOT } from '../tests/e2e/helpers.mjs';

const out = path.join(ROOT, 'docs', 'screenshot.png');
const server = await serve();
const browser = await launch();
try {
  const guard = await watchedContext(browser, server.origin, { viewport: { width: 1280, height: 800 } });
  const page = await guard.newPage();
  await open(page, server.url);
  const [a, b] = await libraryIds(page);
  await open(page, `${server.url}#docs=${a},${b}`);
  const passages = (await columnPassages(page, b)).filter((p) => p.kind === 'paragraph');
  const target = passages[Math.floor(passages.length * 0.4)];
  await open(page, `${server.url}#docs=${a},${b}&focus=${b}/${target.id}`);
  await waitFocusedAndVisible(page, passageSelector(b, target.id));
  await page.waitForTimeout(300);
  await page.screenshot({ path: out });
  guard.check();
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
