import { writeFile } from 'node:fs/promises';
import { CHROMIUM_PATH, FLAGS } from './chromium.js';

/** What a page rendered from an HTML string showed. */
export interface RenderedHtml {
  /** `document.title`. */
  title: string;
  /** The text a reader sees (`document.body.innerText`). */
  text: string;
  /** The page's size once laid out, in CSS pixels. */
  width: number;
  height: number;
  /** Every URL the page asked for: a self-contained page asks for none. */
  requests: string[];
  /** The screenshot (PNG), also written to `screenshotPath` when given. */
  screenshot: Uint8Array;
}

/**
 * Opens an HTML string in headless Chromium (no server: the page is set as content, so any
 * stylesheet, font, image or script it fetches shows up in `requests`, and is refused), lays it
 * out and takes a full-page screenshot.
 *
 * @example
 * ```ts
 * const page = await renderHtmlInChromium(html, { screenshotPath: join(dir, 'report.png') });
 * expect(page.requests).toEqual([]);
 * ```
 */
export async function renderHtmlInChromium(html: string, options: { screenshotPath?: string; timeoutMs?: number } = {}): Promise<RenderedHtml> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const requests: string[] = [];
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.route('**/*', async (route) => {
      requests.push(route.request().url());
      await route.abort();
    });
    await page.setContent(html, { waitUntil: 'load', timeout: options.timeoutMs ?? 15_000 });
    if (pageErrors.length > 0) throw pageErrors[0];
    const facts = await page.evaluate(() => ({
      title: document.title,
      text: document.body.innerText,
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
    }));
    const screenshot = new Uint8Array(await page.screenshot({ fullPage: true, type: 'png' }));
    if (options.screenshotPath) await writeFile(options.screenshotPath, screenshot);
    return { ...facts, requests, screenshot };
  } finally {
    await browser.close();
  }
}
