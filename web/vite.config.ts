import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The runtime config (/config.json: API URL, API key, Cognito endpoint and client id) is served by the local
// stack in development and written next to the bundle by the CDK deployment.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
});
