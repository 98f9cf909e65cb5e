// The Node entry seals with node:crypto, the Worker with WebCrypto: one stored format and one key
// ring, so a database written by either runtime (or before the switch, or before a rotation) opens
// with the other.
import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nodeAesGcmCipher } from "../../src/node/field-cipher.js";
import { aesGcmCipher, plainCipher, UnreadableValueError } from "../../src/store/cipher.js";

const KEY = randomBytes(32).toString("base64");
const OLD = randomBytes(32).toString("base64");
const TEXT = JSON.stringify({ flow: "registration", answers: { familyName: "山田", email: "a@example.jp" } });

/** A value in the format written before key rings ("v1:", no key id). */
function sealedV1(keyBase64: string, text: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", Buffer.from(keyBase64, "base64"), iv);
  const data = Buffer.concat([c.update(text, "utf8"), c.final(), c.getAuthTag()]);
  return `v1:${iv.toString("base64")}.${data.toString("base64")}`;
}

describe("node:crypto field cipher", () => {
  it("opens what WebCrypto sealed, and WebCrypto opens what it sealed", async () => {
    const node = nodeAesGcmCipher(KEY);
    const web = await aesGcmCipher(KEY);
    const byNode = await node.seal(TEXT);
    expect(byNode).toMatch(/^v2:[A-Za-z0-9_-]{8}:[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    expect(byNode).not.toContain("山田");
    expect(node.currentKeyPrefix).toBe(web.currentKeyPrefix);
    expect(await web.open(byNode)).toBe(TEXT);
    expect(await node.open(await web.seal(TEXT))).toBe(TEXT);
  });

  it("uses a fresh IV each time", async () => {
    const node = nodeAesGcmCipher(KEY);
    expect(await node.seal(TEXT)).not.toBe(await node.seal(TEXT));
  });

  it("seals with the current key, opens with any key of the ring, and tells what needs re-sealing", async () => {
    const before = nodeAesGcmCipher(OLD);
    const oldValue = await before.seal(TEXT);
    const v1 = sealedV1(OLD, TEXT);
    for (const ring of [nodeAesGcmCipher(KEY, [OLD]), await aesGcmCipher(KEY, [OLD])]) {
      expect(await ring.open(oldValue)).toBe(TEXT);
      expect(await ring.open(v1)).toBe(TEXT);
      const fresh = await ring.seal(TEXT);
      expect(fresh.startsWith(ring.currentKeyPrefix ?? "?")).toBe(true);
      expect(ring.needsReseal(fresh)).toBe(false);
      expect(ring.needsReseal(oldValue)).toBe(true);
      expect(ring.needsReseal(v1)).toBe(true);
      expect(ring.needsReseal(await plainCipher.seal(TEXT))).toBe(true);
      await expect(before.open(fresh)).rejects.toBeInstanceOf(UnreadableValueError);
    }
  });

  it("refuses a value altered after sealing, or sealed with a key not in the ring, as unreadable", async () => {
    const node = nodeAesGcmCipher(KEY);
    const sealed = await node.seal(TEXT);
    const dot = sealed.lastIndexOf(".");
    const bytes = Buffer.from(sealed.slice(dot + 1), "base64");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expect(node.open(`${sealed.slice(0, dot + 1)}${bytes.toString("base64")}`)).rejects.toBeInstanceOf(
      UnreadableValueError,
    );
    await expect(nodeAesGcmCipher(randomBytes(32).toString("base64")).open(sealed)).rejects.toBeInstanceOf(
      UnreadableValueError,
    );
    await expect(node.open("v1:AAAA.AAAA")).rejects.toBeInstanceOf(UnreadableValueError);
    await expect(plainCipher.open(sealed)).rejects.toBeInstanceOf(UnreadableValueError);
  });

  it("reads values stored before a key was set, and refuses a key of the wrong size", async () => {
    expect(await nodeAesGcmCipher(KEY).open(await plainCipher.seal(TEXT))).toBe(TEXT);
    expect(() => nodeAesGcmCipher(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
    expect(() => nodeAesGcmCipher("not base64 at all!")).toThrow(/32 bytes/);
  });
});
