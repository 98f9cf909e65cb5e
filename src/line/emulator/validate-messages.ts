// The messages array of reply/push/multicast/broadcast: 1..5 message objects LINE would accept.
import { optionalString, type Problems, requireArray, requireString } from "./checks.js";
import { isObject } from "./http.js";
import type { Problem } from "./types.js";
import { validateAction } from "./validate-action.js";
import { validateFlexMessage } from "./validate-flex.js";

const TEXT_MAX = 5000;

/** Required fields of the message types the emulator does not inspect further. */
const REQUIRED_FIELDS: Record<string, readonly string[]> = {
  sticker: ["packageId", "stickerId"],
  image: ["originalContentUrl", "previewImageUrl"],
  video: ["originalContentUrl", "previewImageUrl"],
  audio: ["originalContentUrl", "duration"],
  location: ["title", "address", "latitude", "longitude"],
  imagemap: ["baseUrl", "altText", "baseSize", "actions"],
  template: ["altText", "template"],
  coupon: ["couponId"],
};

export function validateMessages(messages: unknown, property = "messages"): Problem[] {
  const problems: Problems = [];
  if (!requireArray(problems, messages, property, { min: 1, max: 5 })) return problems;
  messages.forEach((message, i) => {
    validateMessage(problems, message, `${property}[${i}]`);
  });
  return problems;
}

function validateMessage(problems: Problems, message: unknown, property: string): void {
  if (!isObject(message)) {
    problems.push({ property, message: "must be a message object" });
    return;
  }
  const type = message.type;
  if (type === "text" || type === "textV2") {
    requireString(problems, message.text, `${property}.text`, { min: 1, max: TEXT_MAX });
  } else if (type === "flex") {
    validateFlexMessage(problems, message, property);
  } else if (typeof type === "string" && REQUIRED_FIELDS[type]) {
    for (const field of REQUIRED_FIELDS[type]) {
      if (message[field] === undefined)
        problems.push({ property: `${property}.${field}`, message: "must be specified" });
    }
    if (type === "template")
      optionalString(problems, message.altText, `${property}.altText`, { min: 1, max: 400 });
  } else {
    problems.push({ property: `${property}.type`, message: `unknown message type: ${String(type)}` });
  }
  if (message.quickReply !== undefined)
    validateQuickReply(problems, message.quickReply, `${property}.quickReply`);
}

function validateQuickReply(problems: Problems, quickReply: unknown, property: string): void {
  if (!isObject(quickReply)) {
    problems.push({ property, message: "must be an object" });
    return;
  }
  const at = `${property}.items`;
  if (!requireArray(problems, quickReply.items, at, { min: 1, max: 13 })) return;
  quickReply.items.forEach((item, i) => {
    const itemAt = `${at}[${i}]`;
    if (!isObject(item) || item.type !== "action") {
      problems.push({ property: `${itemAt}.type`, message: "must be action" });
      return;
    }
    optionalString(problems, item.imageUrl, `${itemAt}.imageUrl`, { min: 1, max: 2000 });
    validateAction(problems, item.action, `${itemAt}.action`, "quickReply");
  });
}

/** `to` of a push: one user, group or room ID. */
export function validateRecipient(to: unknown): Problem[] {
  const problems: Problems = [];
  requireString(problems, to, "to", { min: 1, max: 100 });
  return problems;
}

/** `to` of a multicast: 1..500 user IDs. */
export function validateRecipients(to: unknown): Problem[] {
  const problems: Problems = [];
  if (!requireArray(problems, to, "to", { min: 1, max: 500 })) return problems;
  to.forEach((id, i) => {
    if (typeof id !== "string" || id.length === 0)
      problems.push({ property: `to[${i}]`, message: "must be a user ID" });
  });
  return problems;
}
