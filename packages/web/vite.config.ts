import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);
const here = fileURLToPath(new URL('.', import.meta.url));

/** dist/LICENSES.txt: the licences of what the site ships (the Vazirmatn font, the map outlines). */
function licences(): Plugin {
  return {
    name: 'abad-licences',
    apply: 'build',
    generateBundle() {
      const font = readFileSync(require.resolve('@fontsource/vazirmatn/LICENSE'), 'utf8');
      const map = readFileSync(`${here}licenses/react-iran-map.LICENSE`, 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'LICENSES.txt',
        source: [
          'Abad ships these third-party works in its web pages.',
          '',
          '== Vazirmatn font (npm @fontsource/vazirmatn), SIL Open Font License 1.1 ==',
          '',
          font.trim(),
          '',
          '== Map outlines of the provinces of Iran (npm react-iran-map 0.1.3), MIT License ==',
          '',
          map.trim(),
          '',
        ].join('\n'),
      });
    },
  };
}

/** The static site: `npm run build -w @abad/web` writes packages/web/dist, which `npm start` serves. */
export default defineConfig({
  root: here,
  base: './',
  plugins: [licences()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Map outlines are the largest part; they are split into their own chunk by the dynamic import.
    chunkSizeWarningLimit: 400,
    // Keep `/*! … */` notices (the map data's MIT licence) in the minified chunks.
    rolldownOptions: { output: { comments: { legal: true, annotation: false, jsdoc: false } } },
  },
  server: {
    // `npm run dev -w @abad/web`: the API of a running `npm start` behind Vite's dev server.
    proxy: Object.fromEntries(
      [
        '/provinces',
        '/projects',
        '/drives',
        '/donations',
        '/distributions',
        '/indicators',
        '/partners',
        '/plans',
        '/programmes',
        '/dev',
        '/health',
        '/openapi.json',
        '/.well-known',
      ].map((p) => [p, process.env.ABAD_API_URL ?? 'http://localhost:3000']),
    ),
  },
});
