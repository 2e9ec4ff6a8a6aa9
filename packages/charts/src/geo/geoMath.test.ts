import { geoEqualEarth } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { equalEarthRaw, fitEqualEarth, ringsToPath, unwrapRing } from './equalEarth';
import { alpha2ToNumeric, featureAlpha2, numericToAlpha2 } from './iso';
import { sequentialColors, viridis } from './ramp';
import { layoutBubbles } from './useBubbles';
import { clampTransform, zoomAround } from './useZoomPan';

describe('iso', () => {
  it('maps alpha-2 and numeric codes both ways', () => {
    expect(alpha2ToNumeric('fr')).toBe('250');
    expect(alpha2ToNumeric('US')).toBe('840');
    expect(numericToAlpha2(4)).toBe('AF');
    expect(numericToAlpha2('840')).toBe('US');
    expect(alpha2ToNumeric('ZZ')).toBeUndefined();
  });

  it('names the id-less world-atlas features it can, and only those', () => {
    expect(featureAlpha2(undefined, 'Kosovo')).toBe('XK');
    expect(featureAlpha2(undefined, 'Somaliland')).toBeUndefined();
    expect(featureAlpha2('250', 'France')).toBe('FR');
  });
});

describe('equal earth', () => {
  it('matches d3-geo geoEqualEarth', () => {
    const d3 = geoEqualEarth();
    for (const [lon, lat] of [
      [0, 0],
      [2.35, 48.85],
      [-74, 40.7],
      [139.7, 35.7],
      [-180, -90],
      [180, 85],
    ] as const) {
      const [x, y] = equalEarthRaw((lon * Math.PI) / 180, (lat * Math.PI) / 180);
      const [dx, dy] = d3([lon, lat])!;
      expect(d3.translate()[0] + d3.scale() * x).toBeCloseTo(dx, 6);
      expect(d3.translate()[1] - d3.scale() * y).toBeCloseTo(dy, 6);
    }
  });

  it('fits the globe into the box, centred', () => {
    const project = fitEqualEarth(0, 0, 1000, 1000);
    const [left] = project([-180, 0]);
    const [right] = project([180, 0]);
    const [, top] = project([0, 90]);
    const [, bottom] = project([0, -90]);
    expect(left).toBeCloseTo(0, 6);
    expect(right).toBeCloseTo(1000, 6);
    expect(top + bottom).toBeCloseTo(1000, 6);
  });

  it('draws rings crossing the antimeridian on both sides instead of across the map', () => {
    const fiji = [
      [178, -17],
      [-179, -17],
      [-179, -16],
      [178, -16],
      [178, -17],
    ];
    const { ring, shifts } = unwrapRing(fiji);
    expect(ring.map((p) => p[0])).toEqual([178, 181, 181, 178, 178]);
    expect(shifts).toEqual([0, -360]);
    // Antarctica circles the pole: its longitudes never come back, so it is drawn as is.
    const pole = [
      [-180, -80],
      [0, -70],
      [180, -80],
      [180, -90],
      [-180, -90],
      [-180, -80],
    ];
    expect(unwrapRing(pole).shifts).toEqual([0]);
    expect(unwrapRing(pole).ring).toEqual(pole);
  });

  it('writes closed rings with one decimal and no repeated points', () => {
    const identity = ([x, y]: readonly [number, number]): [number, number] => [x, y];
    expect(
      ringsToPath(
        [
          [
            [0, 0],
            [10.04, 0],
            [10.01, 0],
            [10, 10],
          ],
        ],
        identity,
      ),
    ).toBe('M0,0L10,0L10,10Z');
  });
});

describe('colour ramp', () => {
  it('samples viridis light to dark', () => {
    expect(viridis(0)).toBe('#fde725');
    expect(viridis(1)).toBe('#440154');
    expect(sequentialColors(3)[1]).toBe(viridis(0.5));
  });
});

describe('bubbles', () => {
  it('sizes by square root and draws the largest first', () => {
    const project = ([lon, lat]: readonly [number, number]): [number, number] => [lon, -lat];
    const bubbles = layoutBubbles(
      [
        { key: 'a', value: 25, lat: 1, lon: 2, row: null },
        { key: 'b', value: 100, lat: 3, lon: 4, row: null },
        { key: 'no-position', value: 50, row: null },
      ],
      project,
      10,
    );
    expect(bubbles.map((b) => [b.datum.key, b.x, b.y, b.r])).toEqual([
      ['b', 4, -3, 10],
      ['a', 2, -1, 5],
    ]);
  });
});

describe('zoom', () => {
  it('zooms around a point, which stays put', () => {
    const t = zoomAround({ k: 1, x: 0, y: 0 }, 2, 100, 50);
    expect(t).toEqual({ k: 2, x: -100, y: -50 });
    expect(2 * 100 + t.x).toBe(100);
  });

  it('keeps the map covering the viewport and the scale in range', () => {
    expect(clampTransform({ k: 0.5, x: 30, y: 30 }, 400, 200, 8)).toEqual({ k: 1, x: 0, y: 0 });
    expect(clampTransform({ k: 20, x: -99999, y: 10 }, 400, 200, 8)).toEqual({ k: 8, x: -2800, y: 0 });
  });
});
