// Writes `<file>.br` and `<file>.gz` next to every compressible file of the build output, so the
// server can send them as they are (Content-Encoding chosen by Accept-Encoding). Prints the
// gzip size of the JavaScript index.html loads first (the initial bundle).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const root = path.resolve(process.argv[2] ?? "dist");
const compressible = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/;
let files = 0;
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (compressible.test(entry.name)) {
      const data = fs.readFileSync(p);
      if (data.length < 256) continue;
      fs.writeFileSync(`${p}.gz`, zlib.gzipSync(data, { level: 9 }));
      fs.writeFileSync(
        `${p}.br`,
        zlib.brotliCompressSync(data, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
      );
      files++;
    }
  }
}
walk(root);

// Initial JavaScript: the entry script and the chunks it imports statically (modulepreload).
const html = fs.readFileSync(path.join(root, "index.html"), "utf8");
const initial = new Set(
  [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]),
);
let gz = 0;
for (const f of initial) gz += zlib.gzipSync(fs.readFileSync(path.join(root, f)), { level: 9 }).length;
console.log(
  `compressed ${files} files; initial JavaScript ${initial.size} files, ${(gz / 1024).toFixed(1)} KB gzip`,
);
