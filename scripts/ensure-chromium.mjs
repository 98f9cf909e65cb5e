// Runs before `npm test`: the browser tests drive Debian's chromium (playwright-core never downloads
// its own browser here). Installs it with apt-get when missing and we are allowed to; otherwise says how.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(path)) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  const sudo = !root && hasCommand("sudo") ? "sudo " : "";
  if (!root && !sudo) {
    console.error(
      `chromium not found at ${path}: install it with 'apt-get install -y chromium' or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the browser tests (once)…");
  execSync(`${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq --no-install-recommends chromium`, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

function hasCommand(name) {
  try {
    execSync(`command -v ${name}`, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
