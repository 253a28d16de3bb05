import { defineConfig } from 'vite';

// No @vitejs/plugin-react: Vite's built-in JSX transform (Oxc in Vite 8, the successor of
// `esbuild: { jsx: 'automatic' }`) with the automatic runtime.
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
});
