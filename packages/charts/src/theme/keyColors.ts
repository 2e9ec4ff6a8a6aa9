import { palette } from './palette';
import type { FilterableField } from '@sightline/schema';

/** Palette slots by meaning: success green, the failed results warm, fraud the darkest. */
const RESULT_SLOTS: Readonly<Record<string, number>> = {
  success: 2,
  denied: 1,
  failure: 3,
  error: 4,
  fraud: 7,
};

const colour = (slot: number) => palette[slot % palette.length] ?? palette[0]!;

/**
 * The colour of each value of a field, remembered for the page's lifetime: a value keeps the colour
 * it was first drawn with whatever is filtered, and values of one field never share a colour until
 * the palette runs out. Results keep fixed colours by meaning, so "denied" is the same everywhere.
 */
export class KeyColors {
  private readonly byField = new Map<string, Map<string, string>>();

  colorOf(field: FilterableField | string, key: string): string {
    let keys = this.byField.get(field);
    if (!keys) {
      keys = new Map();
      this.byField.set(field, keys);
    }
    const known = keys.get(key);
    if (known) return known;
    const fixed = field === 'result' ? RESULT_SLOTS[key] : undefined;
    const taken = new Set(keys.values());
    if (field === 'result') for (const slot of Object.values(RESULT_SLOTS)) taken.add(colour(slot));
    const free = palette.find((c) => !taken.has(c));
    const next = fixed !== undefined ? colour(fixed) : (free ?? colour(keys.size));
    keys.set(key, next);
    return next;
  }
}

/** The page's one registry, so every chart of a field agrees. */
export const keyColors = new KeyColors();

const lookups = new Map<string, (key: string) => string>();

/** A chart's `colorOf` for one field; the same function each time, so charts need not recompute. */
export function colorsFor(field: FilterableField | string): (key: string) => string {
  let lookup = lookups.get(field);
  if (!lookup) {
    lookup = (key) => keyColors.colorOf(field, key);
    lookups.set(field, lookup);
  }
  return lookup;
}
