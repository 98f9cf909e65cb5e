// The browser suites' launcher (shared with the rich-menu image script) and whether chromium is here.
import { existsSync } from "node:fs";
import { chromiumPath } from "../../scripts/chromium.js";

export { CHROMIUM_FLAGS, chromiumPath, launchBrowser } from "../../scripts/chromium.js";

/** True when a chromium binary is present; browser suites skip (with a reason) otherwise. */
export const hasChromium = (): boolean => existsSync(chromiumPath());
