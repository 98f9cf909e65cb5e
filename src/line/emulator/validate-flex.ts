// Flex messages: altText, container sizes and a sanity walk of the component tree.
import { type Problems, requireArray, requireOneOf, requireString, utf8Bytes } from "./checks.js";
import { isObject } from "./http.js";
import { validateAction } from "./validate-action.js";

const BUBBLE_MAX_BYTES = 30 * 1024;
const CAROUSEL_MAX_BYTES = 50 * 1024;
const MAX_DEPTH = 32;
const BLOCKS = ["header", "hero", "body", "footer"] as const;

export function validateFlexMessage(
  problems: Problems,
  message: Record<string, unknown>,
  property: string,
): void {
  requireString(problems, message.altText, `${property}.altText`, { min: 1, max: 1500 });
  const contents = message.contents;
  const at = `${property}.contents`;
  if (!isObject(contents)) {
    problems.push({ property: at, message: "must be specified" });
    return;
  }
  if (contents.type === "bubble") validateBubble(problems, contents, at);
  else if (contents.type === "carousel") validateCarousel(problems, contents, at);
  else requireOneOf(problems, contents.type, `${at}.type`, ["bubble", "carousel"]);
}

function validateCarousel(problems: Problems, carousel: Record<string, unknown>, property: string): void {
  const at = `${property}.contents`;
  if (!requireArray(problems, carousel.contents, at, { min: 1, max: 12 })) return;
  carousel.contents.forEach((bubble, i) => {
    if (isObject(bubble) && bubble.type === "bubble") validateBubble(problems, bubble, `${at}[${i}]`);
    else problems.push({ property: `${at}[${i}].type`, message: "must be bubble" });
  });
  if (utf8Bytes(carousel) > CAROUSEL_MAX_BYTES) {
    problems.push({ property, message: `Carousel JSON must be at most ${CAROUSEL_MAX_BYTES} bytes` });
  }
}

function validateBubble(problems: Problems, bubble: Record<string, unknown>, property: string): void {
  if (utf8Bytes(bubble) > BUBBLE_MAX_BYTES) {
    problems.push({ property, message: `Bubble JSON must be at most ${BUBBLE_MAX_BYTES} bytes` });
  }
  for (const block of BLOCKS) {
    const component = bubble[block];
    if (component === undefined) continue;
    const at = `${property}.${block}`;
    const allowed = block === "hero" ? ["box", "image", "video"] : ["box"];
    if (!isObject(component) || !allowed.includes(String(component.type))) {
      problems.push({ property: `${at}.type`, message: `must be one of ${allowed.join(", ")}` });
      continue;
    }
    validateComponent(problems, component, at, 0);
  }
  if (bubble.action !== undefined) validateAction(problems, bubble.action, `${property}.action`, "flex");
}

function validateComponent(
  problems: Problems,
  node: Record<string, unknown>,
  property: string,
  depth: number,
): void {
  if (depth > MAX_DEPTH) {
    problems.push({ property, message: "component tree is too deep" });
    return;
  }
  if (node.action !== undefined) validateAction(problems, node.action, `${property}.action`, "flex");
  switch (node.type) {
    case "box":
      validateBox(problems, node, property, depth);
      return;
    case "text":
      validateText(problems, node, property);
      return;
    case "button":
      if (node.action === undefined)
        problems.push({ property: `${property}.action`, message: "must be specified" });
      return;
    case "image":
    case "icon":
      requireString(problems, node.url, `${property}.url`, { min: 1, max: 2000 });
      return;
    case "video":
      validateVideo(problems, node, property, depth);
      return;
    case "separator":
    case "filler":
    case "spacer":
      return;
    default:
      problems.push({
        property: `${property}.type`,
        message: `unknown component type: ${String(node.type)}`,
      });
  }
}

function validateBox(
  problems: Problems,
  box: Record<string, unknown>,
  property: string,
  depth: number,
): void {
  requireOneOf(problems, box.layout, `${property}.layout`, ["horizontal", "vertical", "baseline"]);
  const at = `${property}.contents`;
  if (!requireArray(problems, box.contents, at, { min: 0, max: Number.MAX_SAFE_INTEGER })) return;
  box.contents.forEach((child, i) => {
    const childAt = `${at}[${i}]`;
    if (!isObject(child)) problems.push({ property: childAt, message: "must be a component object" });
    else if (child.type === "span")
      problems.push({ property: `${childAt}.type`, message: "span is only allowed in text" });
    else validateComponent(problems, child, childAt, depth + 1);
  });
}

function validateText(problems: Problems, text: Record<string, unknown>, property: string): void {
  const spans = text.contents;
  if (Array.isArray(spans) && spans.length > 0) {
    spans.forEach((span, i) => {
      const at = `${property}.contents[${i}]`;
      if (!isObject(span) || span.type !== "span")
        problems.push({ property: `${at}.type`, message: "must be span" });
      else requireString(problems, span.text, `${at}.text`, { min: 1, max: 5000 });
    });
    return;
  }
  requireString(problems, text.text, `${property}.text`, { min: 1, max: 5000 });
}

function validateVideo(
  problems: Problems,
  video: Record<string, unknown>,
  property: string,
  depth: number,
): void {
  requireString(problems, video.url, `${property}.url`, { min: 1, max: 2000 });
  requireString(problems, video.previewUrl, `${property}.previewUrl`, { min: 1, max: 2000 });
  if (isObject(video.altContent))
    validateComponent(problems, video.altContent, `${property}.altContent`, depth + 1);
  else problems.push({ property: `${property}.altContent`, message: "must be specified" });
}
