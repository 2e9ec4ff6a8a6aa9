import type { StorybookConfig } from '@storybook/react-vite';
import { workspaceSources } from '../scripts/source-condition';

// Storybook reads its configuration from the default export.
const config: StorybookConfig = {
  stories: ['../packages/charts/src/**/*.stories.tsx', '../apps/dashboard/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  viteFinal: (vite) => ({ ...vite, plugins: [...(vite.plugins ?? []), workspaceSources()] }),
};

export default config;
