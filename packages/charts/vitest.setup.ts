import '@testing-library/jest-dom/vitest';
import { setProjectAnnotations } from '@storybook/react-vite';
import * as preview from '../../.storybook/preview';

// Portable stories render with the same decorators and globals as Storybook itself.
setProjectAnnotations([preview.default]);
