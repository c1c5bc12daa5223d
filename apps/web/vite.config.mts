import path from 'node:path';
import { defineConfig } from 'vite';

// The api serves the built app (apps/web/dist) in production; in development, Vite serves it and
// passes /api to an api started with `npm run up` (port 3000 unless API_URL says otherwise).
export default defineConfig({
  root: import.meta.dirname,
  // The domain's pure rules the form shares with the api, so that both refuse the same input.
  resolve: {
    alias: {
      '@cordage/domain/identifiers': path.resolve(
        import.meta.dirname,
        '../../libs/domain/src/identifiers/identifier.ts',
      ),
      '@cordage/domain/time': path.resolve(
        import.meta.dirname,
        '../../libs/domain/src/time/procurement-time.ts',
      ),
      '@cordage/domain/share-percent': path.resolve(
        import.meta.dirname,
        '../../libs/domain/src/allocation/share-percent.ts',
      ),
      '@cordage/domain/french-decimal': path.resolve(
        import.meta.dirname,
        '../../libs/domain/src/texts/french-decimal.ts',
      ),
      '@cordage/domain/french-format': path.resolve(
        import.meta.dirname,
        '../../libs/domain/src/allocation/french-format.ts',
      ),
      '@cordage/domain/drift': path.resolve(
        import.meta.dirname,
        '../../libs/domain/src/execution/drift.ts',
      ),
      '@cordage/domain/uncovered-part': path.resolve(
        import.meta.dirname,
        '../../libs/domain/src/allocation-versions/uncovered-part.ts',
      ),
      '@cordage/domain/split-summary': path.resolve(
        import.meta.dirname,
        '../../libs/domain/src/allocation-versions/split-summary.ts',
      ),
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // Mantine marks its modules "use client" for React Server Components; a SPA has none.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' },
  },
});
