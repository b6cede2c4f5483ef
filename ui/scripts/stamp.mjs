// Records (write) or verifies (check) a hash of everything the shipped bundle is built from, so a test
// can tell when carrot/static/carrot is stale against ui/. tests/browser/test_bundle.py computes the
// same hash in Python: keep the two in step (sorted relative paths, each "path\0sha256(bytes)\n").
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ui = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(ui, "..");
const stampPath = join(root, "carrot", "static", "carrot", "build-stamp.json");

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function sourceFiles() {
  const files = walk(join(ui, "src")).filter((path) => !path.startsWith(join(ui, "src", "gql") + sep));
  for (const name of ["package.json", "package-lock.json", "vite.config.ts", "codegen.ts", "tsconfig.json"]) {
    files.push(join(ui, name));
  }
  files.push(join(root, "schema.graphql"));
  return files.map((path) => relative(root, path).split(sep).join("/")).sort();
}

export function sourceHash() {
  const lines = sourceFiles().map((path) => {
    const digest = createHash("sha256").update(readFileSync(join(root, path))).digest("hex");
    return `${path}\0${digest}\n`;
  });
  return createHash("sha256").update(lines.join("")).digest("hex");
}

const command = process.argv[2];
if (command === "write") {
  writeFileSync(stampPath, JSON.stringify({ sources: sourceHash() }, null, 2) + "\n");
  console.log(`wrote ${relative(root, stampPath)}`);
} else if (command === "hash") {
  console.log(sourceHash());
} else if (command === "check") {
  const recorded = existsSync(stampPath) ? JSON.parse(readFileSync(stampPath, "utf8")).sources : null;
  if (recorded !== sourceHash()) {
    console.error("carrot/static/carrot is stale against ui/: run scripts/ui.sh (or npm run build in ui/)");
    process.exit(1);
  }
  console.log("bundle is up to date");
} else {
  console.error("usage: node scripts/stamp.mjs write|check|hash");
  process.exit(2);
}
