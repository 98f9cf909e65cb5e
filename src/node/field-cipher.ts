// The same AES-256-GCM sealing as src/store/cipher.ts, in the same stored format
// ("v1:" + base64(iv) + "." + base64(ciphertext ‖ tag)), through node:crypto. WebCrypto on Node runs
// each operation on the thread pool: two per webhook event cost ~0.2 ms of CPU in hand-offs; this
// runs inline in ~10 µs. Values sealed by either one open with the other.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { decodeKey, type FieldCipher, readStored, sealedValue } from "../store/cipher.js";

const TAG_BYTES = 16;

export function nodeAesGcmCipher(keyBase64: string): FieldCipher {
  const key = Buffer.from(decodeKey(keyBase64));
  return {
    async seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return sealedValue(iv.toString("base64"), data.toString("base64"));
    },
    async open(stored) {
      const value = readStored(stored);
      if ("plain" in value) return value.plain;
      const data = Buffer.from(value.data, "base64");
      if (data.length < TAG_BYTES) throw new Error("sealed value is too short");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(value.iv, "base64"));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(data.subarray(0, data.length - TAG_BYTES)),
        decipher.final(),
      ]).toString("utf8");
    },
  };
}
