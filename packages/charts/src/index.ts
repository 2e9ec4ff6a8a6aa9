/**
 * @sightline/charts — every chart, the connected layer and the shared building blocks.
 * Each chart is also its own entry point (`@sightline/charts/donut`, …) that pulls in nothing else.
 */
export * from './donut';
export * from './stacked-area';
export * from './geo';
export * from './headline';
export * from './table';
export * from './ranked';
export * from './connected';
export * from './shared';
export * from './theme';
