// The Mantine styles the first screen needs: the base layers and the components the login
// page, the loaders and the sign-in error use (in the order `@mantine/core/styles.css` has
// them). The signed-in app loads the whole `@mantine/core/styles.css` with its layout
// (components/AppLayout.tsx), so a component missing here only looks unstyled on the login
// page. Which components the first chunk holds: the `$initial` group in vite.config.ts; check
// with `npm run build` and the README's Performance notes when the login page changes.
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import '@mantine/core/styles/UnstyledButton.css';
import '@mantine/core/styles/VisuallyHidden.css';
import '@mantine/core/styles/Paper.css';
import '@mantine/core/styles/Loader.css';
import '@mantine/core/styles/ActionIcon.css';
import '@mantine/core/styles/CloseButton.css';
import '@mantine/core/styles/Group.css';
import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/Alert.css';
import '@mantine/core/styles/Text.css';
import '@mantine/core/styles/Button.css';
import '@mantine/core/styles/Center.css';
import '@mantine/core/styles/PasswordInput.css';
import '@mantine/core/styles/Stack.css';
import '@mantine/core/styles/Title.css';
