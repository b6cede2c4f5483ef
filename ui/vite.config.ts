import { createHash } from "node:crypto";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

// Two pages, built one after the other into the Django app's static files with stable names, so the
// templates load them with {% static %} at whatever prefix the project mounts carrot.urls (and however
// STATIC_URL is set): the monitor (`vite build`, which empties the folder first) and GraphiQL
// (`vite build --mode graphiql`). Separate builds keep the monitor's bundle free of GraphiQL's code.
const PAGES = {
  monitor: { input: "src/main.tsx", emptyOutDir: true },
  graphiql: { input: "src/graphiql/main.tsx", emptyOutDir: false },
} as const;

const DATA_FONT = /url\(\s*["']?data:font\/(woff2?|ttf|otf);base64,([A-Za-z0-9+/=]+)["']?\s*\)/g;

/**
 * GraphiQL's stylesheet embeds its fonts as data: URLs, which a policy of `font-src 'self'` refuses:
 * write each one to a file in a folder beside the stylesheet (named by its content) and point the rule at it.
 */
function fontsAsFiles(page: string): Plugin {
  return {
    name: "carrot-fonts-as-files",
    enforce: "post",
    generateBundle(_options, bundle) {
      for (const asset of Object.values(bundle)) {
        if (asset.type !== "asset" || !asset.fileName.endsWith(".css")) continue;
        const css = typeof asset.source === "string" ? asset.source : new TextDecoder().decode(asset.source);
        asset.source = css.replace(DATA_FONT, (_match, format: string, base64: string) => {
          const bytes = Buffer.from(base64, "base64");
          const fileName = `${page}-fonts/${createHash("sha256").update(bytes).digest("hex").slice(0, 12)}.${format}`;
          if (!(fileName in bundle)) this.emitFile({ type: "asset", fileName, source: bytes });
          return `url(${fileName})`;
        });
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  const page = mode === "graphiql" ? "graphiql" : "monitor";
  return {
    plugins: [react(), fontsAsFiles(page)],
    base: "./",
    build: {
      outDir: "../carrot/static/carrot",
      emptyOutDir: PAGES[page].emptyOutDir,
      target: "es2022",
      cssCodeSplit: false,
      modulePreload: false,
      chunkSizeWarningLimit: page === "graphiql" ? 2500 : 800,
      rolldownOptions: {
        input: PAGES[page].input,
        output: {
          // One script per page: GraphiQL's lazily imported editor modules would otherwise be two
          // dozen files whose names depend on the order rolldown meets them.
          inlineDynamicImports: true,
          entryFileNames: `${page}.js`,
          chunkFileNames: `${page}-[name].js`,
          assetFileNames: `${page}.[ext]`,
        },
      },
    },
    test: {
      environment: "jsdom",
      setupFiles: ["./vitest.setup.ts"],
      include: ["src/**/*.test.{ts,tsx}"],
    },
  };
});
