export { palette, paletteHex, seriesColor, themeVar } from './palette';
export { PatternDefs, patternFill, patternId } from './patterns';
export type { PatternDefsProps } from './patterns';
export { colorsFor, KeyColors, keyColors } from './keyColors';
