// Browser JS that draws Flex Messages (bubble, carousel; box, text, span, separator, button, image,
// icon, filler, spacer) close enough to LINE to read them. Text only ever goes in via textContent.
export const FLEX_JS = String.raw`
var FX_SIZES = { xxs: 10, xs: 11, sm: 13, md: 14, lg: 16, xl: 18, xxl: 22, "3xl": 26, "4xl": 32, "5xl": 40 };
var FX_SPACING = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
var FX_BUBBLE_WIDTHS = { nano: 120, micro: 160, deca: 220, hecto: 240, kilo: 260, mega: 280, giga: 320 };
var FX_ALIGN = { start: "flex-start", end: "flex-end", center: "center" };

function fxLength(value, table) {
  if (value === undefined || value === null) return "";
  if (table && Object.prototype.hasOwnProperty.call(table, value)) return table[value] + "px";
  return /^\d+(\.\d+)?(px|%)$/.test(String(value)) ? String(value) : "";
}

function renderFlexMessage(message, onAction) {
  var wrap = el("div", "bot-flex");
  var contents = message.contents || {};
  wrap.appendChild(contents.type === "carousel" ? fxCarousel(contents, onAction) : fxBubble(contents, onAction));
  return wrap;
}

function fxCarousel(carousel, onAction) {
  var strip = el("div", "carousel");
  (carousel.contents || []).forEach(function (bubble) {
    var card = fxBubble(bubble, onAction);
    card.style.width = Math.min(parseInt(card.style.width, 10), 240) + "px";
    strip.appendChild(card);
  });
  return strip;
}

function fxBubble(bubble, onAction) {
  var node = el("div", "flex-bubble");
  var width = FX_BUBBLE_WIDTHS[bubble.size] || FX_BUBBLE_WIDTHS.mega;
  node.style.width = width + "px";
  var styles = bubble.styles || {};
  ["header", "hero", "body", "footer"].forEach(function (part) {
    if (!bubble[part]) return;
    var block = el("div", "fx-block fx-" + part);
    var style = styles[part] || {};
    if (style.backgroundColor) block.style.backgroundColor = style.backgroundColor;
    if (style.separator) block.style.borderTop = "1px solid " + (style.separatorColor || "#e0e2e6");
    var root = fxComponent(bubble[part], "vertical", onAction);
    var padded = ["paddingAll", "paddingTop", "paddingBottom", "paddingStart", "paddingEnd"].some(function (k) {
      return bubble[part][k] !== undefined;
    });
    if (part !== "hero" && !padded) root.style.padding = part === "footer" ? "10px" : "16px";
    block.appendChild(root);
    node.appendChild(block);
  });
  if (bubble.action) fxClickable(node, bubble.action, onAction);
  return node;
}

function fxComponent(c, parentLayout, onAction) {
  var node;
  switch (c && c.type) {
    case "box": node = fxBox(c, onAction); break;
    case "text": node = fxText(c, onAction); break;
    case "separator":
      node = el("hr", "fx-sep");
      if (c.color) node.style.borderTopColor = c.color;
      break;
    case "button": node = fxButton(c, onAction); break;
    case "image": case "video": node = fxImage(c); break;
    case "icon":
      node = el("span", "fx-img");
      node.style.width = node.style.height = fxLength(c.size || "md", FX_SIZES) || "14px";
      node.style.flex = "0 0 auto";
      break;
    case "filler": node = el("div"); node.style.flex = String(c.flex === undefined ? 1 : c.flex); break;
    case "spacer": node = el("div"); node.style.minHeight = fxLength(c.size || "md", FX_SPACING); break;
    default: node = el("div", "alt", "[" + (c && c.type) + "]");
  }
  fxPlace(node, c || {}, parentLayout);
  return node;
}

/** Flex factor and margin relative to the parent box, as LINE defines them. */
function fxPlace(node, c, parentLayout) {
  var horizontal = parentLayout === "horizontal" || parentLayout === "baseline";
  var grows = c.type !== "separator" && c.type !== "filler" && c.type !== "spacer";
  if (typeof c.flex === "number") node.style.flex = c.flex === 0 ? "0 0 auto" : c.flex + " 1 0";
  else if (horizontal && grows && c.type !== "icon") node.style.flex = "1 1 0";
  var margin = fxLength(c.margin, FX_SPACING);
  if (margin) node.style[horizontal ? "marginLeft" : "marginTop"] = margin;
  if (c.gravity && horizontal) node.style.alignSelf = { top: "flex-start", bottom: "flex-end", center: "center" }[c.gravity] || "";
  if (c.align && !horizontal && c.type !== "text") node.style.alignSelf = FX_ALIGN[c.align] || "";
}

function fxBox(c, onAction) {
  var layout = c.layout || "vertical";
  var node = el("div", "fx-box fx-" + layout);
  node.style.flexDirection = layout === "vertical" ? "column" : "row";
  if (layout === "baseline") node.style.alignItems = "baseline";
  node.style.gap = fxLength(c.spacing, FX_SPACING);
  var s = node.style;
  s.backgroundColor = c.backgroundColor || "";
  if (c.cornerRadius) s.borderRadius = fxLength(c.cornerRadius, FX_SPACING);
  if (c.borderWidth) s.border = (fxLength(c.borderWidth, { light: 1, normal: 1, medium: 2, "semi-bold": 3, bold: 4 }) || "1px") + " solid " + (c.borderColor || "#ddd");
  s.padding = fxLength(c.paddingAll, FX_SPACING);
  if (c.paddingTop) s.paddingTop = fxLength(c.paddingTop, FX_SPACING);
  if (c.paddingBottom) s.paddingBottom = fxLength(c.paddingBottom, FX_SPACING);
  if (c.paddingStart) s.paddingLeft = fxLength(c.paddingStart, FX_SPACING);
  if (c.paddingEnd) s.paddingRight = fxLength(c.paddingEnd, FX_SPACING);
  if (c.width) s.width = fxLength(c.width);
  if (c.height) s.height = fxLength(c.height);
  s.justifyContent = c.justifyContent || "";
  s.alignItems = c.alignItems || s.alignItems;
  (c.contents || []).forEach(function (child) { node.appendChild(fxComponent(child, layout, onAction)); });
  if (c.action) fxClickable(node, c.action, onAction);
  return node;
}

function fxText(c, onAction) {
  var node = el("div", "fx-text" + (c.wrap ? " wrap" : ""));
  fxTextStyle(node, c);
  if (c.align) node.style.textAlign = { start: "left", end: "right", center: "center" }[c.align] || "";
  if (c.contents && c.contents.length) {
    c.contents.forEach(function (span) {
      var part = el("span", "", span.text || "");
      fxTextStyle(part, span);
      node.appendChild(part);
    });
  } else {
    appendLinkified(node, c.text || "");
  }
  if (c.action) fxClickable(node, c.action, onAction);
  return node;
}

function fxTextStyle(node, c) {
  var size = fxLength(c.size, FX_SIZES);
  if (size) node.style.fontSize = size;
  if (c.weight === "bold") node.style.fontWeight = "bold";
  if (c.color) node.style.color = c.color;
  if (c.style === "italic") node.style.fontStyle = "italic";
  if (c.decoration === "underline" || c.decoration === "line-through") node.style.textDecoration = c.decoration;
}

function fxButton(c, onAction) {
  var style = c.style || "link";
  var button = actionButton(c.action, "fx-btn " + style, onAction);
  if (c.color) button.style[style === "link" ? "color" : "backgroundColor"] = c.color;
  if (c.height === "sm") button.style.minHeight = "32px";
  return button;
}

function fxImage(c) {
  var box = el("div", "fx-img", c.type === "video" ? "動画" : "画像");
  var ratio = String(c.aspectRatio || "1:1").split(":");
  var w = Number(ratio[0]) || 1;
  var h = Number(ratio[1]) || 1;
  box.style.aspectRatio = w + " / " + h;
  var width = { xxs: 40, xs: 60, sm: 80, md: 100, lg: 120, xl: 140, xxl: 160 }[c.size];
  if (width && c.size !== "full") { box.style.width = width + "px"; box.style.alignSelf = "center"; }
  return box;
}

function fxClickable(node, action, onAction) {
  node.style.cursor = "pointer";
  node.addEventListener("click", function (event) {
    event.stopPropagation();
    onAction(action);
  });
}
`;
