// X-Line-Signature: base64(HMAC-SHA256(raw body, channel secret)), checked on the raw bytes and
// compared in constant time. node:crypto's HMAC (Node, and Workers with nodejs_compat) runs inline;
// WebCrypto's hops to a thread pool on Node, which cost more CPU than the hash itself.
import { createHmac } from "node:crypto";

export async function sign(body: string | Uint8Array, secret: string): Promise<string> {
  return createHmac("sha256", secret).update(body).digest("base64");
}

export async function verifySignature(
  body: Uint8Array,
  signature: string | undefined,
  secret: string,
): Promise<boolean> {
  if (!signature) return false;
  const expected = await sign(body, secret);
  return constantTimeEqual(expected, signature);
}

/** Compares every character whatever the first difference, so timing tells nothing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
