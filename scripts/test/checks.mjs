import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./proc.mjs";

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

// Comments may mention process.env (explaining why not to read it); only code counts.
const stripComments = (source) => source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
const ENV_READ = /\bprocess\s*(?:\.\s*env\b|\[\s*["'`]env["'`]\s*\])/;
const ALLOWED = new Set(["src/env.ts", "src/instrumentation.ts"]);

/** All configuration flows through src/env.ts: no other file under src/ may read process.env. */
export function envAccessCheck() {
  const offenders = [];
  for (const file of walk(path.join(ROOT, "src"))) {
    const rel = path.relative(ROOT, file).split(path.sep).join("/");
    if (ALLOWED.has(rel) || !/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(rel)) continue;
    const lines = stripComments(readFileSync(file, "utf8")).split("\n");
    lines.forEach((line, i) => {
      if (ENV_READ.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
    });
  }
  return offenders;
}

/** Every file under .next/static that contains one of the given secret values. */
export function secretScan(secrets) {
  const dir = path.join(ROOT, ".next/static");
  const hits = [];
  let files = 0;
  for (const file of walk(dir)) {
    if (statSync(file).size > 20 * 1024 * 1024) continue;
    files += 1;
    const text = readFileSync(file, "latin1");
    for (const { name, value } of secrets) {
      if (value && text.includes(value)) hits.push(`${path.relative(ROOT, file)} contains ${name}`);
    }
  }
  return { files, hits };
}
