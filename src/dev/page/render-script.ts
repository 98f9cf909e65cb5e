// Browser JS that turns LINE message objects (text, template, sticker, image…) into DOM nodes.
// Every string that came from the bot goes through textContent: never innerHTML with bot data.
export const RENDER_JS = String.raw`
function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

var URL_PATTERN = /https?:\/\/[A-Za-z0-9\-._~:\/?#\[\]@!$&'()*+,;=%]+/g;

/** Appends text with its URLs as links; the text itself only ever becomes text nodes. */
function appendLinkified(parent, text) {
  var source = String(text);
  var last = 0;
  source.replace(URL_PATTERN, function (match, offset) {
    var url = match.replace(/[.,;:!?)\]]+$/, "");
    parent.appendChild(document.createTextNode(source.slice(last, offset)));
    var link = el("a", "", url);
    link.href = url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    parent.appendChild(link);
    last = offset + url.length;
    return match;
  });
  parent.appendChild(document.createTextNode(source.slice(last)));
  return parent;
}

/** A button for a LINE action (template, flex); the label is text, the action goes to onAction. */
function actionButton(action, className, onAction) {
  var button = el("button", className, (action && (action.label || action.text)) || "（ボタン）");
  button.type = "button";
  button.setAttribute("data-action", (action && action.type) || "");
  button.addEventListener("click", function () { onAction(action); });
  return button;
}

function placeholder(label, detail) {
  var box = el("div", "placeholder", label);
  if (detail) {
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(detail));
  }
  return box;
}

function renderTemplate(message, onAction) {
  var t = message.template || {};
  if (t.type === "carousel" || t.type === "image_carousel") {
    var strip = el("div", "carousel");
    (t.columns || []).forEach(function (column) {
      strip.appendChild(templateCard(Object.assign({ type: t.type === "carousel" ? "buttons" : "image" }, column), onAction));
    });
    return strip;
  }
  return templateCard(t, onAction);
}

function templateCard(t, onAction) {
  var card = el("div", "tpl" + (t.type === "confirm" ? " confirm" : ""));
  if (t.thumbnailImageUrl || t.imageUrl) card.appendChild(placeholder("画像"));
  if (t.title) card.appendChild(el("div", "tpl-title", t.title));
  if (t.text) card.appendChild(el("div", "tpl-text", t.text));
  var actions = el("div", "tpl-actions");
  var list = t.actions || (t.action ? [t.action] : []);
  list.forEach(function (a) { actions.appendChild(actionButton(a, "", onAction)); });
  card.appendChild(actions);
  return card;
}

/** One LINE message object → one DOM node (a bubble, a card, a carousel or a placeholder). */
function renderMessage(message, onAction) {
  switch (message && message.type) {
    case "text":
    case "textV2":
      return appendLinkified(el("div", "bubble"), message.text || "");
    case "flex":
      return renderFlexMessage(message, onAction);
    case "template":
      return renderTemplate(message, onAction);
    case "sticker":
      return placeholder("スタンプ", "package " + message.packageId + " / sticker " + message.stickerId);
    case "image":
      return placeholder("画像");
    case "video":
      return placeholder("動画");
    case "audio":
      return placeholder("音声");
    case "location":
      return placeholder("位置情報: " + (message.title || ""), message.address || "");
    case "imagemap":
      return placeholder("イメージマップ", message.altText || "");
    default:
      return placeholder("未対応のメッセージ: " + (message && message.type));
  }
}
`;
