import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { browserAvailable, renderHtmlInChromium } from '@x/testkit';
import { accessExceptionsCsv, accessViewersCsv, conversationAccess, openSpruceExport, renderAccessHtml } from '../src/index.js';
import { buildSpruceExportZip, FAKE_ACCESS_ENDPOINTS, fakeSpruceExport, SpruceAccessScenario } from '../src/testing.js';
import { accessOf, may } from './helpers/index.js';

const LINE = '+14155550100';
const ENDPOINTS = { endpoints: { [LINE]: { owner: 'ana' }, 'link_"night"': { owner: 'night' } } };

/** A story whose names try to break out of the HTML, and whose patient has a name to keep out. */
function hostileStory(): SpruceAccessScenario {
  return new SpruceAccessScenario()
    .teammate('ana', { name: 'Dr. <script>alert(1)</script> Ana' })
    .teammate('ben', { name: 'Ben "Bobby" O\'Tester & Co' })
    .patient('pat1', { name: 'Jane Fakepatient' })
    .team('night', ['ben'], { name: '<img src=x onerror=alert(2)>' })
    .conversation('c1', { endpoint: LINE, patient: 'pat1' })
    .conversation('c2', { endpoint: 'link_"night"', patient: 'pat1' })
    .conversation('c3', { endpoint: '+14155550177' })
    .addMembers('c1', ['ben'], { at: may(3), by: 'ana' })
    .message('c1', { by: 'ana', at: may(4) })
    .page('c2', ['ana'], { at: may(5), by: 'ben' });
}

describe('renderAccessHtml', () => {
  test('one self-contained page: no script, nothing to fetch, names escaped, exceptions before the teammates and endpoints', async () => {
    const html = renderAccessHtml(await accessOf(hostileStory(), ENDPOINTS));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<img|<link|<iframe|url\(|https?:\/\//i);
    expect(html).toContain('Dr. &lt;script&gt;alert(1)&lt;/script&gt; Ana');
    expect(html).toContain('Ben &quot;Bobby&quot; O&#39;Tester &amp; Co');
    expect(html).toContain('link_&quot;night&quot;');
    const order = ['id="exceptions"', 'temporary-access (1)', 'paged-not-viewer (1)', 'unlisted-endpoint (1)', 'id="teammates"', 'id="endpoints"'].map((marker) => html.indexOf(marker));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual([order[0], order[2], order[1], order[3], order[4], order[5]]);
  });

  test('no message text ever, and no patient name unless the analysis was asked for them', async () => {
    const story = hostileStory();
    const without = renderAccessHtml(await accessOf(story, ENDPOINTS));
    expect(without).not.toContain('Fake message.');
    expect(without).not.toContain('Internal note.');
    expect(without).not.toContain('Fakepatient');
    const report = await accessOf(story, ENDPOINTS, { patientNames: true });
    expect(report.patient_names).toEqual({ c1: 'Jane Fakepatient', c2: 'Jane Fakepatient' });
    const withNames = renderAccessHtml(report);
    expect(withNames).toContain('<th>Patient</th>');
    expect(withNames).toContain('Jane Fakepatient');
    expect(withNames).not.toContain('Fake message.');
  });

  describe.skipIf(!browserAvailable())('in headless Chromium', { timeout: 60_000 }, () => {
    test('the report of a fake export with a strict privacy setup renders, asks for nothing on the network, and is screenshotted', async () => {
      const exp = await openSpruceExport(buildSpruceExportZip(fakeSpruceExport({ messages: 2_000, seed: 42, days: 7 })));
      const report = await conversationAccess(exp, FAKE_ACCESS_ENDPOINTS);
      expect(new Set(report.exceptions.map((e) => e.kind)).size).toBeGreaterThanOrEqual(4);
      const folder = await mkdtemp(join(tmpdir(), 'access-report-'));
      const screenshotPath = join(folder, 'access-report.png');
      const page = await renderHtmlInChromium(renderAccessHtml(report, { title: 'Fake Clinic access' }), { screenshotPath });
      expect(page.requests).toEqual([]);
      expect(page.title).toBe('Fake Clinic access');
      expect(page.text).toContain('Exceptions');
      expect(page.text).toContain('who could see each conversation, not who looked');
      expect(page.text).toContain('+14155550101');
      expect(page.width).toBeLessThanOrEqual(1280);
      const png = await readFile(screenshotPath);
      expect(png.length).toBeGreaterThan(10_000);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    });
  });
});

describe('CSV of viewers and exceptions', () => {
  test('a header, one line per row, ISO instants, empty cells for null, quotes where a value needs them', async () => {
    const report = await accessOf(hostileStory(), ENDPOINTS);
    expect(accessViewersCsv(report).split('\n')).toEqual([
      'conversation_id,entity_id,reason,via_team,since,endpoint',
      'c1,ana,endpoint-owner,,,+14155550100',
      'c1,ben,conversation-member,,2024-05-03T00:00:00.000Z,+14155550100',
      'c2,ben,endpoint-owner,night,,"link_""night"""',
      'c3,,organisation,,,+14155550177',
      '',
    ]);
    expect(accessExceptionsCsv(report).split('\n')).toEqual([
      'kind,conversation_id,entity_id,endpoint,at,conversations',
      'paged-not-viewer,c2,ana,"link_""night""",2024-05-05T00:00:00.000Z,',
      'temporary-access,c1,ben,+14155550100,2024-05-03T00:00:00.000Z,',
      'unlisted-endpoint,,,+14155550177,,1',
      '',
    ]);
  });
});
