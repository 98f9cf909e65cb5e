// The Node entry seals with node:crypto, the Worker with WebCrypto: one stored format, so a database
// written by either runtime (or before the switch) opens with the other.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nodeAesGcmCipher } from "../../src/node/field-cipher.js";
import { aesGcmCipher, plainCipher } from "../../src/store/cipher.js";

const KEY = randomBytes(32).toString("base64");
const TEXT = JSON.stringify({ flow: "registration", answers: { familyName: "山田", email: "a@example.jp" } });

describe("node:crypto field cipher", () => {
  it("opens what WebCrypto sealed, and WebCrypto opens what it sealed", async () => {
    const node = nodeAesGcmCipher(KEY);
    const web = await aesGcmCipher(KEY);
    const byNode = await node.seal(TEXT);
    expect(byNode).toMatch(/^v1:[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    expect(byNode).not.toContain("山田");
    expect(await web.open(byNode)).toBe(TEXT);
    expect(await node.open(await web.seal(TEXT))).toBe(TEXT);
  });

  it("uses a fresh IV each time", async () => {
    const node = nodeAesGcmCipher(KEY);
    expect(await node.seal(TEXT)).not.toBe(await node.seal(TEXT));
  });

  it("refuses a value altered after sealing, or sealed with another key", async () => {
    const node = nodeAesGcmCipher(KEY);
    const sealed = await node.seal(TEXT);
    const [iv, data] = sealed.slice(3).split(".") as [string, string];
    const bytes = Buffer.from(data, "base64");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expect(node.open(`v1:${iv}.${bytes.toString("base64")}`)).rejects.toThrow();
    await expect(nodeAesGcmCipher(randomBytes(32).toString("base64")).open(sealed)).rejects.toThrow();
    await expect(node.open("v1:AAAA.AAAA")).rejects.toThrow();
  });

  it("reads values stored before a key was set, and refuses a key of the wrong size", async () => {
    expect(await nodeAesGcmCipher(KEY).open(await plainCipher.seal(TEXT))).toBe(TEXT);
    expect(() => nodeAesGcmCipher(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
