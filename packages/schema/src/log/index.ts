export * from './fields';
export * from './record';
export * from './validate';
export * from './catalog';
export * from './customer';
export * from './time-zone';
export * from './intervals';
export * from './log-limits';
