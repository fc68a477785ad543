import { StrictMode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme, darken, type CSSVariablesResolver } from '@mantine/core';
import './login-styles';
import { i18nReady } from './i18n';
import './styles.css';
import App from './App';

const baseTheme = {
  primaryColor: 'teal',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
  // Contrast (WCAG AA, 4.5:1): white text on filled teal needs teal 9; teal 6 gives 2.6:1.
  primaryShade: { light: 9, dark: 8 } as const,
};

/**
 * The theme in the user's language: the × of every dialog and drawer is named for screen
 * readers (plain default props, so the login chunk does not pull in Modal and Drawer).
 */
function useTheme() {
  const { t } = useTranslation();
  const close = t('common.close');
  return useMemo(
    () =>
      createTheme({
        ...baseTheme,
        components: {
          Modal: { defaultProps: { closeButtonProps: { 'aria-label': close } } },
          Drawer: { defaultProps: { closeButtonProps: { 'aria-label': close } } },
        },
      }),
    [close],
  );
}

function Root() {
  const theme = useTheme();
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables} defaultColorScheme="light">
      <App />
    </MantineProvider>
  );
}

// Contrast in the light scheme: dimmed text (hints, times, secondary lines) at 6:1 on white
// instead of Mantine's gray 6 (3.3:1); the text of "light" buttons, badges and the active
// navigation entry darker than shade 9, so it reads at 4.5:1 on its pale background; filled
// buttons darken on hover (Mantine's hover for shade 9 is the lighter shade 8).
const cssVariables: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = { '--mantine-color-dimmed': '#5c636a' };
  for (const [name, shades] of Object.entries(t.colors)) {
    if (name === 'dark' || name === 'gray') continue;
    light[`--mantine-color-${name}-light-color`] = darken(shades[9], name === 'yellow' ? 0.35 : 0.25);
    light[`--mantine-color-${name}-filled-hover`] = darken(shades[9], 0.15);
  }
  return { variables: {}, light, dark: {} };
};

// The texts of the first language come as a chunk of their own (i18n/index.ts); rendering waits
// for them so no key is ever shown. A failed fetch renders anyway (keys rather than nothing).
const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
void i18nReady.then(render, render);
