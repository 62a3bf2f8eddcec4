// Generates src/api/schema.d.ts from the repository's openapi.json (the document the server
// embeds and serves at /openapi.json) with openapi-typescript. Never edit the output by hand.
//   node scripts/gen-api.mjs            write it
//   node scripts/gen-api.mjs --check    exit 1 when it is stale
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const spec = path.resolve(here, "../../openapi.json");
const out = path.resolve(here, "../src/api/schema.d.ts");
const header =
  "// Generated from openapi.json by web/scripts/gen-api.mjs (openapi-typescript). Do not edit.\n";

const ast = await openapiTS(new URL(`file://${spec}`), { alphabetize: true, defaultNonNullable: false });
const text = header + astToString(ast);
if (process.argv.includes("--check")) {
  const current = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
  if (current !== text) {
    console.error("web/src/api/schema.d.ts is stale: run `npm run gen:api` in web/ and commit it");
    process.exit(1);
  }
  console.log("web/src/api/schema.d.ts is up to date");
} else {
  fs.writeFileSync(out, text);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
