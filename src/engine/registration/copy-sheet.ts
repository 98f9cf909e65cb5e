// The copy sheet handed over after 「この内容でOK」: every value exactly as the portal wants it, typed
// ones with a 「コピー」 (clipboard) button, then the steps on the portal and how to report progress.
import type { messagingApi } from "@line/bot-sdk";
import { action, flex, postbackData, text } from "../messages.js";
import type { LineMessage, RegistrationAnswers } from "../types.js";
import { COPY } from "./copy.js";
import { registrationNumberOf } from "./model.js";

const SHEET = COPY.copySheet;
const F = COPY.fields;

/** How a row is used on the portal: typed (copy button), chosen (radio), or filled in by the portal. */
type Use = "copy" | "choose" | "auto" | "note";

function trailing(value: string, use: Use): messagingApi.FlexComponent[] {
  if (use === "note") return [];
  if (use === "copy") {
    const copy = action({ label: COPY.buttons.copy, clipboardText: value });
    return [{ type: "button", style: "secondary", height: "sm", flex: 2, action: copy }];
  }
  const note = use === "choose" ? SHEET.choose : SHEET.auto;
  return [
    { type: "text", text: note, size: "xxs", color: "#888888", flex: 2, wrap: true, gravity: "center" },
  ];
}

function row(label: string, value: string, use: Use): messagingApi.FlexBox {
  return {
    type: "box",
    layout: "vertical",
    margin: "md",
    contents: [
      { type: "text", text: label, size: "xs", color: "#666666" },
      {
        type: "box",
        layout: "horizontal",
        spacing: "sm",
        contents: [
          { type: "text", text: value, size: "md", weight: "bold", flex: 5, wrap: true, gravity: "center" },
          ...trailing(value, use),
        ],
      },
    ],
  };
}

function rows(a: RegistrationAnswers): messagingApi.FlexBox[] {
  const list: [string, string | undefined, Use][] = [
    [F.familyName.label, a.familyName, "copy"],
    [F.givenName.label, a.givenName, "copy"],
    [F.affiliation.label, a.affiliation, "choose"],
    [F.agreementKind.label, a.agreementKind, "choose"],
    [F.registrationDigits.label, a.registrationDigits, "copy"],
    [COPY.confirmCard.rows.registrationNumber, registrationNumberOf(a), "auto"],
    [F.clinicName.label, a.clinicName, "auto"],
    [F.phoneNumber.label, a.phoneNumber, "copy"],
    [F.email.label, a.email, "copy"],
    [SHEET.passwordLabel, SHEET.passwordValue, "note"],
  ];
  return list.map(([label, value, use]) =>
    row(label, value ?? COPY.confirmCard.missing, value ? use : "note"),
  );
}

export function sheetBubble(answers: RegistrationAnswers): messagingApi.FlexBubble {
  return {
    type: "bubble",
    size: "giga",
    header: {
      type: "box",
      layout: "vertical",
      contents: [
        { type: "text", text: SHEET.title, weight: "bold", size: "lg" },
        { type: "text", text: SHEET.lead, size: "xs", color: "#666666", wrap: true },
      ],
    },
    body: { type: "box", layout: "vertical", contents: rows(answers) },
    footer: {
      type: "box",
      layout: "vertical",
      contents: [
        {
          type: "button",
          style: "link",
          action: action({ label: COPY.buttons.openPortal, uri: SHEET.portalUrl }),
        },
      ],
    },
  };
}

/** Sheet, portal steps, and the progress question (quick replies on the last message). */
export function copySheetMessages(answers: RegistrationAnswers): LineMessage[] {
  return [
    flex(SHEET.altText, sheetBubble(answers)),
    text(SHEET.steps),
    text(SHEET.report, [
      { label: COPY.buttons.linkSent, data: postbackData("journey.report", { step: "linkSent" }) },
      { label: COPY.buttons.later, data: postbackData("reg.later") },
    ]),
  ];
}
