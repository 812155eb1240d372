import { describe, expect, test } from 'vitest';
import { browserAvailable, renderHtmlInChromium } from '../src/index.js';

describe.skipIf(!browserAvailable())('renderHtmlInChromium', { timeout: 60_000 }, () => {
  test('lays out an HTML string, lists what it tried to fetch (refused) and returns a PNG screenshot', async () => {
    const page = await renderHtmlInChromium(
      '<!doctype html><title>t</title><link rel="stylesheet" href="https://cdn.example/x.css"><h1 style="height:2000px">Hello</h1>',
    );
    expect(page.title).toBe('t');
    expect(page.text).toBe('Hello');
    expect(page.requests).toEqual(['https://cdn.example/x.css']);
    expect(page.height).toBeGreaterThanOrEqual(2000);
    expect([...page.screenshot.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});
