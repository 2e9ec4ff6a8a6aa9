import type { StorybookConfig } from '@storybook/react-vite';

// Storybook reads its configuration from the default export.
const config: StorybookConfig = {
  stories: ['../packages/charts/src/**/*.stories.tsx', '../apps/dashboard/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
};

export default config;
