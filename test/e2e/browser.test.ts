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
    expect(ours).toEqual(expect.arrayContaining([...playwrights, 'WebUIOmniboxPopup']));
  });

  it('loads no address-bar popup into a new context', async () => {
    const context = await lean.newContext();
    await context.newPage();
    const cdp = await lean.newBrowserCDPSession();
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { url: string }[] };
    expect(targetInfos.map((t) => t.url).filter((url) => url.includes('omnibox-popup'))).toEqual([]);
    await context.close();
  });
});
