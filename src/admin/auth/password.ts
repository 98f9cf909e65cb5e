// Staff password hashing with PBKDF2-SHA256 over WebCrypto, so the same code runs on Node and Workers.
// Stored as `pbkdf2$<iterations>$<salt b64>$<hash b64>`. Cloudflare's production runtime refuses
// more than 100,000 iterations in one deriveBits call (the local workerd does not enforce it), so the
// iterations are run in segments of at most 100,000, each segment's 32-byte output being the next
// segment's key material: the total work stays the stated count and a 100,000-or-less hash is plain
// PBKDF2.
const SEGMENT = 100_000;
export const DEFAULT_ITERATIONS = 210_000;
/** Verification refuses stored counts outside this range (a crafted row must not burn the CPU). */
const MIN_ITERATIONS = 1_000;
const MAX_ITERATIONS = 2_000_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export async function hashPassword(password: string, iterations = DEFAULT_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `pbkdf2$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** Always does the full derivation, even for a malformed row, so timing says little. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  const salt = parsed?.salt ?? new Uint8Array(SALT_BYTES);
  const actual = await derive(password, salt, parsed?.iterations ?? DEFAULT_ITERATIONS);
  return parsed !== null && constantTimeEqual(actual, parsed.hash);
}

/** A well-formed hash of a random password, verified against when the login id is unknown. */
export const DUMMY_HASH = `pbkdf2$${DEFAULT_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;

function parse(stored: string): { iterations: number; salt: Uint8Array; hash: Uint8Array } | null {
  const [scheme, iter, salt, hash] = stored.split("$");
  const iterations = Number(iter);
  if (scheme !== "pbkdf2" || !Number.isInteger(iterations) || salt === undefined || hash === undefined)
    return null;
  if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) return null;
  try {
    return { iterations, salt: fromBase64(salt), hash: fromBase64(hash) };
  } catch {
    return null;
  }
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  let material: Uint8Array = new TextEncoder().encode(password.normalize("NFC"));
  for (let left = iterations; left > 0; left -= SEGMENT) {
    const key = await crypto.subtle.importKey("raw", material as BufferSource, "PBKDF2", false, [
      "deriveBits",
    ]);
    const bits = await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations: Math.min(left, SEGMENT) },
      key,
      HASH_BITS,
    );
    material = new Uint8Array(bits);
  }
  return material;
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(s: string): Uint8Array {
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}
