// Tiny field checks that append LINE-style problems ("property" + "message") to a list.
import type { Problem } from "./types.js";

export type Problems = Problem[];

export function requireString(
  problems: Problems,
  value: unknown,
  property: string,
  limits: { min?: number; max: number },
): void {
  if (value === undefined || value === null) {
    problems.push({ property, message: "must be specified" });
    return;
  }
  optionalString(problems, value, property, limits);
}

/** Lengths are UTF-16 code units, as LINE counts them. */
export function optionalString(
  problems: Problems,
  value: unknown,
  property: string,
  limits: { min?: number; max: number },
): void {
  if (value === undefined) return;
  if (typeof value !== "string") {
    problems.push({ property, message: "must be a string" });
    return;
  }
  const min = limits.min ?? 0;
  if (value.length < min || value.length > limits.max) {
    problems.push({ property, message: `Length must be between ${min} and ${limits.max}` });
  }
}

export function requireArray(
  problems: Problems,
  value: unknown,
  property: string,
  limits: { min: number; max: number },
): value is unknown[] {
  if (value === undefined || value === null) {
    problems.push({ property, message: "must be specified" });
    return false;
  }
  if (!Array.isArray(value)) {
    problems.push({ property, message: "must be an array" });
    return false;
  }
  if (value.length < limits.min || value.length > limits.max) {
    problems.push({ property, message: `Size must be between ${limits.min} and ${limits.max}` });
  }
  return true;
}

export function requireOneOf(
  problems: Problems,
  value: unknown,
  property: string,
  allowed: readonly string[],
): void {
  if (typeof value !== "string" || !allowed.includes(value)) {
    problems.push({ property, message: `must be one of ${allowed.join(", ")}` });
  }
}

export function utf8Bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}
