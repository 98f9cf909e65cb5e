// X-Line-Signature: base64(HMAC-SHA256(raw body, channel secret)), checked on the raw bytes with
// WebCrypto (same code on Node and Workers) and compared in constant time.

const encoder = new TextEncoder();
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
    ]);
    keyCache.set(secret, key);
  }
  return key;
}

export async function sign(body: string | Uint8Array, secret: string): Promise<string> {
  const bytes = (typeof body === "string" ? encoder.encode(body) : body) as Uint8Array<ArrayBuffer>;
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), bytes);
  return bytesToBase64(new Uint8Array(mac));
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

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
