// Personal fields at rest: AES-GCM with a key from the environment (WebCrypto here, for the Worker;
// the Node entry uses cipher-node.ts, same format).
// Without a key (development) values are stored marked as plain so a key can be added later.
const PLAIN = "plain:";
const SEALED = "v1:";

export interface FieldCipher {
  seal(plaintext: string): Promise<string>;
  open(stored: string): Promise<string>;
}

export const plainCipher: FieldCipher = {
  seal: async (plaintext) => PLAIN + plaintext,
  open: async (stored) => (stored.startsWith(PLAIN) ? stored.slice(PLAIN.length) : stored),
};

/** `keyBase64` is 32 random bytes in base64 (e.g. `openssl rand -base64 32`). */
export async function aesGcmCipher(keyBase64: string): Promise<FieldCipher> {
  const key = await crypto.subtle.importKey("raw", decodeKey(keyBase64), "AES-GCM", false, [
    "encrypt",
    "decrypt",
  ]);
  const encoder = new TextEncoder();
  return {
    async seal(plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(plaintext));
      return sealedValue(toBase64(iv), toBase64(new Uint8Array(data)));
    },
    async open(stored) {
      const value = readStored(stored);
      if ("plain" in value) return value.plain;
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromBase64(value.iv) },
        key,
        fromBase64(value.data),
      );
      return new TextDecoder().decode(plain);
    },
  };
}

/** The stored form of a sealed value: "v1:" + base64(iv) + "." + base64(ciphertext ‖ tag). */
export const sealedValue = (ivBase64: string, dataBase64: string) => `${SEALED}${ivBase64}.${dataBase64}`;

/** A stored value read back: plain text (written without a key, or before one) or the sealed parts. */
export function readStored(stored: string): { plain: string } | { iv: string; data: string } {
  if (stored.startsWith(PLAIN)) return { plain: stored.slice(PLAIN.length) };
  if (!stored.startsWith(SEALED)) return { plain: stored };
  const [iv = "", data = ""] = stored.slice(SEALED.length).split(".");
  return { iv, data };
}

/** The 32 key bytes of DATA_ENCRYPTION_KEY; anything else is a configuration error. */
export function decodeKey(keyBase64: string): Uint8Array<ArrayBuffer> {
  const raw = Uint8Array.from(atob(keyBase64), (c) => c.charCodeAt(0));
  if (raw.length !== 32) throw new Error("DATA_ENCRYPTION_KEY must be 32 bytes in base64");
  return raw;
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(s: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}
