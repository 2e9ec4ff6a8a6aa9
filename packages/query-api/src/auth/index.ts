export * from './tokens';
export { loadTokens } from './load';
export { issueDemoTokens, writeDemoTokens, type IssuedToken } from './demo';
