// The wording of flows/registration.ts as the engine reads it, and the one helper that fills its
// `{name}` slots. Nothing here is worded: change the text in flows/, not here.
import { registrationCopy } from "../../../flows/registration.js";

export const COPY = registrationCopy;

/** Replaces `{name}` with `vars.name`; unknown names are left as they are. */
export function fill(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
