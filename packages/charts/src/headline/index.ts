export { HeadlineFigures } from './HeadlineFigures';
export type { HeadlineFiguresProps } from './HeadlineFigures';
export { changeText } from './changeText';
export type { ChangeText } from './changeText';
export type { HeadlineItem } from './types';
