import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The server marks `name-<hash>.ext` immutable (static_files.h): hex hashes keep that pattern
// unambiguous. API calls go to a running `cairn serve` during `vite dev`.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    rollupOptions: {
      output: {
        hashCharacters: "hex",
        entryFileNames: "assets/[name]-[hash].js",
        chunkFileNames: "assets/[name]-[hash].js",
        assetFileNames: "assets/[name]-[hash][extname]",
      },
    },
  },
  server: {
    proxy: {
      "/api": process.env.CAIRN_URL ?? "http://127.0.0.1:8500",
      "/openapi.json": process.env.CAIRN_URL ?? "http://127.0.0.1:8500",
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
