export { GeoMap } from './GeoMap';
export type { GeoMapProps } from './GeoMap';
export type { GeoAccessors, GeoDatum, GeoMode, GeoRow } from './types';
export type { WorldTopology, CountryProperties } from './topology';
export { loadWorldTopology } from './topology';
export { alpha2ToNumeric, numericToAlpha2 } from './iso';
export { viridis, sequentialColors } from './ramp';
