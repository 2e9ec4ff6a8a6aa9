import { arcCentroid, arcPath } from './arcPath';

describe('arcPath', () => {
  it("draws a quarter annulus clockwise from 12 o'clock", () => {
    expect(arcPath({ startAngle: 0, endAngle: Math.PI / 2 }, 50, 100)).toBe(
      'M0,-100A100,100,0,0,1,100,0L50,0A50,50,0,0,0,0,-50Z',
    );
  });

  it('uses the large-arc flag past half a turn and closes pie slices at the centre', () => {
    expect(arcPath({ startAngle: 0, endAngle: 1.5 * Math.PI }, 0, 10)).toBe('M0,-10A10,10,0,1,1,-10,0L0,0Z');
  });

  it('draws a full ring as two circles', () => {
    expect(arcPath({ startAngle: 0, endAngle: 2 * Math.PI }, 5, 10)).toBe(
      'M0,-10A10,10,0,1,1,0,10A10,10,0,1,1,0,-10ZM0,-5A5,5,0,1,0,0,5A5,5,0,1,0,0,-5Z',
    );
  });

  it('pads with a gap of constant width at both radii', () => {
    const padAngle = 0.1;
    const d = arcPath({ startAngle: 0, endAngle: Math.PI / 2, padAngle }, 50, 100);
    const [x0] = d.slice(1).split('A')[0]!.split(',').map(Number);
    const inner = d.split('A')[2]!.split(',').slice(-2).map(Number);
    // Both edges sit half the gap (100 * sin(0.05)) away from the 12 o'clock axis.
    expect(x0).toBeCloseTo(100 * Math.sin(0.05), 1);
    expect(inner[0]).toBeCloseTo(100 * Math.sin(0.05), 1);
  });

  it('returns nothing for empty slices and finds the centroid', () => {
    expect(arcPath({ startAngle: 1, endAngle: 1 }, 5, 10)).toBe('');
    const [x, y] = arcCentroid({ startAngle: 0, endAngle: Math.PI }, 50, 100);
    expect(x).toBeCloseTo(75);
    expect(y).toBeCloseTo(0);
  });
});
