import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The bundle is written into the Django app's static files with stable names, so the template loads
// it with {% static %} at whatever prefix the project mounts carrot.urls (and however STATIC_URL is set).
export default defineConfig({
  plugins: [react()],
  base: "./",
  build: {
    outDir: "../carrot/static/carrot",
    emptyOutDir: true,
    target: "es2022",
    cssCodeSplit: false,
    modulePreload: false,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: "src/main.tsx",
      output: {
        entryFileNames: "monitor.js",
        chunkFileNames: "monitor-[name].js",
        assetFileNames: "monitor.[ext]",
      },
    },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./vitest.setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
