import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme } from '@mantine/core';
import './login-styles';
import { i18nReady } from './i18n';
import './styles.css';
import App from './App';

const theme = createTheme({
  primaryColor: 'teal',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
});

// The texts of the first language come as a chunk of their own (i18n/index.ts); rendering waits
// for them so no key is ever shown. A failed fetch renders anyway (keys rather than nothing).
const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <App />
      </MantineProvider>
    </StrictMode>,
  );
void i18nReady.then(render, render);
