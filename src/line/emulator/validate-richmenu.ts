// Rich menu objects: size, chat bar text and tappable areas within LINE's limits.
import { type Problems, requireArray, requireString } from "./checks.js";
import { isObject } from "./http.js";
import type { Problem } from "./types.js";
import { validateAction } from "./validate-action.js";

export const RICH_MENU_IMAGE_MAX_BYTES = 1024 * 1024;
export const RICH_MENU_IMAGE_TYPES = ["image/png", "image/jpeg"];

export function validateRichMenu(menu: Record<string, unknown>): Problem[] {
  const problems: Problems = [];
  const size = validateSize(problems, menu.size);
  if (typeof menu.selected !== "boolean")
    problems.push({ property: "selected", message: "must be specified" });
  requireString(problems, menu.name, "name", { min: 1, max: 300 });
  requireString(problems, menu.chatBarText, "chatBarText", { min: 1, max: 14 });
  if (!requireArray(problems, menu.areas, "areas", { min: 0, max: 20 })) return problems;
  menu.areas.forEach((area, i) => {
    validateArea(problems, area, `areas[${i}]`, size);
  });
  return problems;
}

type Size = { width: number; height: number };

function validateSize(problems: Problems, size: unknown): Size | undefined {
  if (!isObject(size) || typeof size.width !== "number" || typeof size.height !== "number") {
    problems.push({ property: "size", message: "must have numeric width and height" });
    return undefined;
  }
  const { width, height } = size;
  if (width < 800 || width > 2500)
    problems.push({ property: "size.width", message: "must be between 800 and 2500" });
  if (height < 250) problems.push({ property: "size.height", message: "must be at least 250" });
  if (height > 0 && width / height < 1.45) {
    problems.push({ property: "size", message: "width / height must be at least 1.45" });
  }
  return { width, height };
}

function validateArea(problems: Problems, area: unknown, property: string, size: Size | undefined): void {
  if (!isObject(area)) {
    problems.push({ property, message: "must be an area object" });
    return;
  }
  const bounds = area.bounds;
  const fields = ["x", "y", "width", "height"] as const;
  if (!isObject(bounds) || fields.some((f) => typeof bounds[f] !== "number" || (bounds[f] as number) < 0)) {
    problems.push({ property: `${property}.bounds`, message: "must have non-negative x, y, width, height" });
  } else if (size) {
    const { x, y, width, height } = bounds as Record<(typeof fields)[number], number>;
    if (x + width > size.width || y + height > size.height) {
      problems.push({ property: `${property}.bounds`, message: "must lie within the rich menu size" });
    }
  }
  validateAction(problems, area.action, `${property}.action`, "richMenu");
}
