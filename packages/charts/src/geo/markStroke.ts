import { themeVar } from '../theme/palette';

/** The thin page-coloured outline shared by countries and bubbles, unscaled by zoom. */
export const markStroke = {
  vectorEffect: 'non-scaling-stroke' as const,
  stroke: themeVar.bg,
  strokeWidth: 0.5,
  fillRule: 'evenodd' as const,
};
