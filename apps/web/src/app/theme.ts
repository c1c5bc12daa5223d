import {
  Anchor,
  type CSSVariablesResolver,
  Modal,
  Notification,
  type VariantColorsResolver,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
} from '@mantine/core';

/**
 * Light badges and buttons: Mantine writes them in the colour's middle shade, too pale on its own
 * tint for WCAG 2.1 AA (yellow on cream is about 1.5:1); a much darker shade reads at 6:1 or more.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return colors;
  const parsed = parseThemeColor({
    color: input.color ?? input.theme.primaryColor,
    theme: input.theme,
  });
  const shades = parsed.isThemeColor ? input.theme.colors[parsed.color] : undefined;
  if (shades === undefined) return colors;
  const text = darken(shades[9], 0.4);
  return { ...colors, color: text, hoverColor: text };
};

// Every filled control uses shade 8, with dark text where white would read below 4.5:1 (green,
// teal, orange, yellow); every text colour passes WCAG 2.1 AA on white.
export const theme = createTheme({
  primaryColor: 'cordage',
  primaryShade: 8,
  autoContrast: true,
  luminanceThreshold: 0.19,
  variantColorResolver,
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
  components: {
    // A link inside a sentence must not be told apart by its colour alone.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // Notifications and dialogs close with a button that says what it does.
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Fermer la notification' } },
    }),
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Fermer' } } }),
  },
});

/**
 * Mantine's "dimmed" grey is 3.3:1 on white, its error red 3.3:1: these read at 5.9:1 and 5.5:1,
 * placeholders at 4.6:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-placeholder': '#6c737a',
    '--mantine-color-error': '#c92a2a',
  },
  dark: {},
});
