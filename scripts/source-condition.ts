import { defaultClientConditions, defaultServerConditions, type Plugin } from 'vite';

/**
 * The export condition under which the workspace's packages resolve to their TypeScript sources
 * (`packages/*\/src`) instead of their build (`dist`), which is what an installed package resolves to.
 * tsconfig.base.json names it too (`customConditions`).
 */
export const SOURCE_CONDITION = '@sightline/source';

/** Lets Vite, Vitest and Storybook read the workspace packages' sources, in the browser and in Node. */
export function workspaceSources(): Plugin {
  return {
    name: 'sightline:workspace-sources',
    config: () => ({
      resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
      ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
    }),
  };
}
