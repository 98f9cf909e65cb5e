// Action objects (quick reply buttons, flex buttons, rich menu areas) checked the way LINE does.
import { optionalString, type Problems, requireOneOf, requireString } from "./checks.js";
import { isObject } from "./http.js";

export type ActionPlace = "quickReply" | "flex" | "richMenu";

const QUICK_REPLY_TYPES = [
  "postback",
  "message",
  "uri",
  "clipboard",
  "datetimepicker",
  "camera",
  "cameraRoll",
  "location",
] as const;
const FLEX_TYPES = ["postback", "message", "uri", "clipboard", "datetimepicker"] as const;
const RICH_MENU_TYPES = [...FLEX_TYPES, "richmenuswitch"] as const;

const ALLOWED: Record<ActionPlace, readonly string[]> = {
  quickReply: QUICK_REPLY_TYPES,
  flex: FLEX_TYPES,
  richMenu: RICH_MENU_TYPES,
};

export function validateAction(
  problems: Problems,
  action: unknown,
  property: string,
  place: ActionPlace,
): void {
  if (!isObject(action)) {
    problems.push({ property, message: "must be specified" });
    return;
  }
  requireOneOf(problems, action.type, `${property}.type`, ALLOWED[place]);
  // Quick reply buttons show their label, so it is required there (1..20).
  if (place === "quickReply") requireString(problems, action.label, `${property}.label`, { min: 1, max: 20 });
  else optionalString(problems, action.label, `${property}.label`, { max: 40 });
  validateFields(problems, action, property);
}

function validateFields(problems: Problems, action: Record<string, unknown>, property: string): void {
  const at = (field: string) => `${property}.${field}`;
  switch (action.type) {
    case "postback":
      requireString(problems, action.data, at("data"), { max: 300 });
      optionalString(problems, action.displayText, at("displayText"), { max: 300 });
      optionalString(problems, action.text, at("text"), { max: 300 });
      optionalString(problems, action.fillInText, at("fillInText"), { max: 300 });
      return;
    case "message":
      requireString(problems, action.text, at("text"), { min: 1, max: 300 });
      return;
    case "uri":
      requireString(problems, action.uri, at("uri"), { min: 1, max: 1000 });
      if (typeof action.uri === "string" && !/^(https?|line|tel):/.test(action.uri)) {
        problems.push({ property: at("uri"), message: "invalid uri scheme" });
      }
      return;
    case "clipboard":
      requireString(problems, action.clipboardText, at("clipboardText"), { min: 1, max: 1000 });
      return;
    case "datetimepicker":
      requireString(problems, action.data, at("data"), { max: 300 });
      requireOneOf(problems, action.mode, at("mode"), ["date", "time", "datetime"]);
      return;
    case "richmenuswitch":
      requireString(problems, action.richMenuAliasId, at("richMenuAliasId"), { min: 1, max: 32 });
      requireString(problems, action.data, at("data"), { max: 300 });
      return;
  }
}
