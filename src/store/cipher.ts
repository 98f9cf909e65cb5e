// Personal fields at rest: AES-256-GCM with a key ring from the environment (WebCrypto here, for the
// Worker; the Node entry uses src/node/field-cipher.ts, same format). The current key
// (DATA_ENCRYPTION_KEY) seals; it and the older keys (DATA_ENCRYPTION_OLD_KEYS) open, so a key can be
// rotated without losing a member's state; the re-seal job (src/scheduler/reseal.ts) then moves old
// values to the current key. Each sealed value names its key by a short fingerprint.
// Without a key (development only) values are stored marked as plain so a key can be added later.
const PLAIN = "plain:";
/** Before key rings: "v1:" + iv + "." + data, no key id (opened by trying each key). */
const SEALED_V1 = "v1:";
/** "v2:" + key id + ":" + iv + "." + data. */
const SEALED_V2 = "v2:";

export interface FieldCipher {
  seal(plaintext: string): Promise<string>;
  /** Throws UnreadableValueError when no key of the ring opens the value. */
  open(stored: string): Promise<string>;
  /** True when the value is not sealed with the current key (plain, v1, or an older key's). */
  needsReseal(stored: string): boolean;
  /** The current key's id (the prefix its values start with), or null without a key. */
  readonly currentKeyPrefix: string | null;
}

/**
 * A stored value that no key of the ring opens: sealed with a key that is no longer configured, or
 * damaged. Permanent for that value (retrying cannot help), so callers answer it instead of failing.
 */
export class UnreadableValueError extends Error {
  override name = "UnreadableValueError";
  constructor(reason: string) {
    super(`a sealed value could not be opened: ${reason}`);
  }
}

export const plainCipher: FieldCipher = {
  seal: async (plaintext) => PLAIN + plaintext,
  async open(stored) {
    const value = readStored(stored);
    if ("plain" in value) return value.plain;
    throw new UnreadableValueError("no DATA_ENCRYPTION_KEY is configured");
  },
  needsReseal: () => false,
  currentKeyPrefix: null,
};

/** One key of the ring: its id and whatever the runtime's primitive needs to use it. */
export interface RingKey<K> {
  id: string;
  key: K;
}

/** The parts every cipher implementation shares: format, key lookup, fallback for v1 values. */
export function ringCipher<K>(
  ring: Array<RingKey<K>>,
  primitives: {
    encrypt(key: K, plaintext: string): Promise<{ iv: string; data: string }>;
    decrypt(key: K, iv: string, data: string): Promise<string>;
  },
): FieldCipher {
  const current = ring[0];
  if (!current) throw new Error("a key ring needs at least one key");
  const byId = new Map(ring.map((k) => [k.id, k]));
  const prefix = `${SEALED_V2}${current.id}:`;
  const tryKey = async (k: RingKey<K>, iv: string, data: string) => {
    try {
      return await primitives.decrypt(k.key, iv, data);
    } catch {
      return undefined;
    }
  };
  return {
    currentKeyPrefix: prefix,
    async seal(plaintext) {
      const { iv, data } = await primitives.encrypt(current.key, plaintext);
      return sealedValue(current.id, iv, data);
    },
    async open(stored) {
      const value = readStored(stored);
      if ("plain" in value) return value.plain;
      if (value.keyId !== undefined) {
        const k = byId.get(value.keyId);
        if (!k) throw new UnreadableValueError("sealed with a key that is not configured");
        const plain = await tryKey(k, value.iv, value.data);
        if (plain === undefined) throw new UnreadableValueError("damaged");
        return plain;
      }
      for (const k of ring) {
        const plain = await tryKey(k, value.iv, value.data);
        if (plain !== undefined) return plain;
      }
      throw new UnreadableValueError("no configured key opens it");
    },
    needsReseal: (stored) => !stored.startsWith(prefix),
  };
}

/**
 * `current` and each of `older` are 32 random bytes in base64 (e.g. `openssl rand -base64 32`).
 * The current key seals; every key opens.
 */
export async function aesGcmCipher(current: string, older: string[] = []): Promise<FieldCipher> {
  const ring = await Promise.all(
    [current, ...older].map(async (keyBase64) => {
      const raw = decodeKey(keyBase64);
      const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
      return { id: await keyId(raw), key };
    }),
  );
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return ringCipher(ring, {
    async encrypt(key, plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(plaintext));
      return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
    },
    async decrypt(key, iv, data) {
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromBase64(iv) },
        key,
        fromBase64(data),
      );
      return decoder.decode(plain);
    },
  });
}

/** The stored form of a sealed value: "v2:" + key id + ":" + base64(iv) + "." + base64(ciphertext ‖ tag). */
export const sealedValue = (keyId: string, ivBase64: string, dataBase64: string) =>
  `${SEALED_V2}${keyId}:${ivBase64}.${dataBase64}`;

/** A stored value read back: plain text (written without a key, or before one) or the sealed parts. */
export function readStored(stored: string): { plain: string } | { keyId?: string; iv: string; data: string } {
  if (stored.startsWith(PLAIN)) return { plain: stored.slice(PLAIN.length) };
  if (stored.startsWith(SEALED_V2)) {
    const rest = stored.slice(SEALED_V2.length);
    const colon = rest.indexOf(":");
    const [iv = "", data = ""] = rest.slice(colon + 1).split(".");
    return { keyId: colon < 0 ? "" : rest.slice(0, colon), iv, data };
  }
  if (!stored.startsWith(SEALED_V1)) return { plain: stored };
  const [iv = "", data = ""] = stored.slice(SEALED_V1.length).split(".");
  return { iv, data };
}

/** The 32 key bytes of a key in base64; anything else is a configuration error. */
export function decodeKey(keyBase64: string): Uint8Array<ArrayBuffer> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = fromBase64(keyBase64.trim());
  } catch {
    throw new Error("DATA_ENCRYPTION_KEY must be 32 bytes in base64");
  }
  if (raw.length !== 32) throw new Error("DATA_ENCRYPTION_KEY must be 32 bytes in base64");
  return raw;
}

/**
 * A key's id: the first 6 bytes of SHA-256 over "line-helpdesk key id" ‖ key, base64url. Short, the
 * same on both runtimes, and reveals nothing usable about the key.
 */
export async function keyId(raw: Uint8Array<ArrayBuffer>): Promise<string> {
  const label = new TextEncoder().encode("line-helpdesk key id");
  const input = new Uint8Array(label.length + raw.length);
  input.set(label);
  input.set(raw, label.length);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", input));
  return toBase64(digest.subarray(0, 6)).replaceAll("+", "-").replaceAll("/", "_");
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(s: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}
