import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserCommandLine as commandLine, launchChromium } from './support/browser';

const disabledFeatures = (argv: string[]) => {
  const switches = argv.filter((arg) => arg.startsWith('--disable-features='));
  // Chromium keeps only the last of a repeated switch: one is the only safe number.
  expect(switches).toHaveLength(1);
  return switches[0]!.slice('--disable-features='.length).split(',');
};

describe('the Chromium the tests and benchmarks launch', () => {
  let lean: Browser;
  let stock: Browser;
  beforeAll(async () => {
    [lean, stock] = await Promise.all([launchChromium(), launchChromium({ addressBarPopup: true })]);
  });
  afterAll(async () => {
    await Promise.all([lean?.close(), stock?.close()]);
  });

  it('keeps every feature Playwright turns off, and turns off the address bar’s popup as well', async () => {
    const playwrights = disabledFeatures(await commandLine(stock));
    const ours = disabledFeatures(await commandLine(lean));
    expect(playwrights).toContain('PaintHolding');
    expect(playwrights).not.toContain('WebUIOmniboxPopup');
    expect(ours).toEqual(
      expect.arrayContaining([
        ...playwrights,
        'WebUIOmniboxPopup',
        'WebUIOmniboxAimPopup',
        'WebUIOmniboxFullPopup',
        'FullWebUIOmniboxFrame',
      ]),
    );
  });

  it('loads no address-bar popup into a new context, where Chromium left alone loads one', async () => {
    /** The popups a browser shows once a new context has opened a page, waiting up to 10 s for one. */
    const popups = async (browser: Browser, wait: number) => {
      const context = await browser.newContext();
      await context.newPage();
      const cdp = await browser.newBrowserCDPSession();
      let found: string[] = [];
      for (const deadline = Date.now() + wait; Date.now() < deadline && found.length === 0;) {
        const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { url: string }[] };
        found = targetInfos.map((t) => t.url).filter((url) => url.includes('omnibox-popup'));
        if (found.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await context.close();
      return found;
    };
    // Chromium left alone shows one, so looking for it finds it when it is there.
    expect((await popups(stock, 10_000)).length).toBeGreaterThan(0);
    expect(await popups(lean, 3_000)).toEqual([]);
  });
});
