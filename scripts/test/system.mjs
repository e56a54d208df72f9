import { existsSync } from "node:fs";
import { run } from "./proc.mjs";

export const CHROMIUM = "/usr/bin/chromium";
// The real server binaries: a `pg_ctl` elsewhere on PATH may be a wrapper with other behaviour.
export const PG_BIN = "/usr/lib/postgresql/15/bin";

export const isRoot = () => process.getuid?.() === 0;

const aptEnv = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };

async function candidate(pkg) {
  const { output } = await run("apt-cache", ["policy", pkg], { env: aptEnv, capture: true });
  const match = /Candidate:\s*(\S+)/.exec(output);
  return match && match[1] !== "(none)" ? match[1] : null;
}

/**
 * Makes sure Chromium and a Postgres server are present for the tiers that need them. As root on
 * Debian it installs the missing ones from Debian's packages; otherwise it says what to install.
 * Returns which of the two are usable.
 */
export async function ensureSystem({ chromium, postgres }) {
  const wanted = [
    { pkg: "chromium", needed: chromium, present: () => existsSync(CHROMIUM) },
    { pkg: "postgresql", needed: postgres, present: () => existsSync(`${PG_BIN}/initdb`) && existsSync(`${PG_BIN}/pg_ctl`) },
  ];
  const missing = wanted.filter((w) => w.needed && !w.present());
  if (missing.length > 0) {
    const names = missing.map((m) => m.pkg);
    if (isRoot() && existsSync("/usr/bin/apt-get")) {
      console.log(`[setup] installing ${names.join(" ")} from Debian's packages`);
      await run("apt-get", ["update"], { env: aptEnv });
      const available = [];
      for (const name of names) {
        const version = await candidate(name);
        if (version) available.push(name);
        else console.log(`[setup] apt-cache policy: no installable candidate for ${name}`);
      }
      if (available.length > 0) {
        const { code } = await run("apt-get", ["install", "-y", ...available], { env: aptEnv });
        if (code !== 0) console.log(`[setup] apt-get install ${available.join(" ")} failed (exit ${code})`);
      }
    } else {
      console.log(`[setup] missing: ${names.join(", ")}. Install with:  sudo apt-get install -y ${names.join(" ")}`);
      console.log("[setup] (or run `npm test` as root, which installs them). Tiers that need them are counted as failed.");
    }
  }
  return { chromium: wanted[0].present(), postgres: wanted[1].present() };
}
