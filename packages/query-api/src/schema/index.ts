export * from './fields';
export * from './record';
export * from './mapping';
export * from './validate';
export * from './catalog';
export * from './customer';
export * from './time-zone';
export * from './intervals';
