import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { PUBLIC_PAGE_PREFIXES, serverOnlyPatterns } from '../src/domain/public-paths.ts';
import { rescueScript } from './src/sw-rescue.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The screens a first visit needs: the service worker precaches the app's entry with these
 * routes' code and styles and nothing else (no other screens, no English catalogue, no PNG
 * icons). Other screens come from the network and, once used, from the runtime cache.
 */
const PRECACHED_ROUTES = ['/src/features/auth/SignIn.tsx', '/src/features/home/Home.tsx'];
/** Files outside the bundle the sign-in page itself loads. */
const PRECACHED_FILES = ['index.html', 'registerSW.js'];

/** Collects, from the finished bundle, the files of the entry and of PRECACHED_ROUTES. */
function precacheSet(): Plugin & { files: Set<string> } {
  const files = new Set<string>();
  return {
    name: 'simpul:precache-set',
    apply: 'build',
    files,
    generateBundle(_options, bundle) {
      files.clear();
      const byName = new Map(Object.values(bundle).map((o) => [o.fileName, o]));
      const add = (name: string) => {
        const o = byName.get(name);
        if (!o || files.has(name)) return;
        files.add(name);
        if (o.type !== 'chunk') return;
        // static imports only: what the chunk needs to run, not what it may load later
        for (const i of o.imports) add(i);
        for (const css of o.viteMetadata?.importedCss ?? []) add(css);
      };
      const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
      for (const c of chunks) if (c.isEntry) add(c.fileName);
      for (const route of PRECACHED_ROUTES) {
        const c = chunks.find((x) => x.facadeModuleId?.endsWith(route));
        if (!c) this.error(`precache: no chunk for ${route} (renamed? update PRECACHED_ROUTES)`);
        add(c.fileName);
      }
    },
  };
}

const precache = precacheSet();

/**
 * The worker's own addition (web/src/sw-rescue.ts), with the server's list of public pages. Its
 * name carries a hash of its content: browsers may take a worker's imported scripts from the
 * HTTP cache, so a changed script must have a new name.
 */
const SW_RESCUE_SOURCE = rescueScript(PUBLIC_PAGE_PREFIXES);
const SW_RESCUE = `sw-rescue-${createHash('sha256').update(SW_RESCUE_SOURCE).digest('hex').slice(0, 10)}.js`;
const swRescue: Plugin = {
  name: 'simpul:sw-rescue',
  apply: 'build',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: SW_RESCUE, source: SW_RESCUE_SOURCE });
  },
};

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    // .vite/manifest.json: which files each screen loads (npm run bench follows it); not served
    manifest: true,
  },
  server: {
    // during `vite dev`, forward API calls to a locally running server
    proxy: { '/api': process.env.SIMPUL_API ?? 'http://localhost:8080' },
  },
  plugins: [
    preact({ prerender: { enabled: false } }),
    precache,
    swRescue,
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      // the favicon and header logo; the PNG icons are for installing only, not precached
      includeAssets: ['icon.svg'],
      includeManifestIcons: false,
      manifest: {
        name: 'Simpul',
        short_name: 'Simpul',
        description: 'Sistem penanganan kasus kekerasan terhadap perempuan dan anak',
        lang: 'id',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#6b2a7a',
        background_color: '#ffffff',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // Only the application shell of sign-in and home (see PRECACHED_ROUTES). Never API
        // responses: personal data must not be stored on the device.
        globPatterns: ['**/*.{js,css,html}'],
        manifestTransforms: [
          (entries) => {
            const manifest = entries.filter((e) => precache.files.has(e.url) || PRECACHED_FILES.includes(e.url));
            const missing = PRECACHED_FILES.filter((f) => !manifest.some((e) => e.url === f));
            if (precache.files.size === 0 || missing.length > 0)
              throw new Error(`precache: nothing collected or missing ${missing.join(', ')}`);
            return { manifest, warnings: [] };
          },
        ],
        navigateFallback: 'index.html',
        // The public pages (report, status, services, joining, letter check) and the machine
        // endpoints are the server's: the worker must never answer them with the staff app, or a
        // victim on a computer staff have used would get the staff sign-in instead of the form.
        navigateFallbackDenylist: serverOnlyPatterns(),
        // Code and styles of the other screens (and the English catalogue) once fetched: hashed
        // names never change, so cache first; bounded, and never anything under /api.
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'simpul-assets',
              expiration: { maxEntries: 80, purgeOnQuotaError: true },
            },
          },
        ],
        // browsers still running the worker from before the denylist: see web/src/sw-rescue.ts
        importScripts: [SW_RESCUE],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
});
