// Node module hooks (registered by dev-loader.mjs): the workspace's own packages resolve under the
// export condition that points them at their TypeScript sources.
const SOURCE_CONDITION = '@sightline/source';

export async function resolve(specifier, context, nextResolve) {
  if (!specifier.startsWith('@sightline/')) return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [SOURCE_CONDITION, ...context.conditions] });
}
