// The Flex bubble that mirrors the portal's 入力内容確認 window: same title, same lead, same rows,
// with 「この内容でOK」 and 「修正する」 buttons (postbacks reg.ok / reg.edit).
import type { messagingApi } from "@line/bot-sdk";
import { action, type Choice, flex, postbackData } from "../messages.js";
import type { LineMessage, RegistrationAnswers } from "../types.js";
import { COPY } from "./copy.js";
import { registrationNumberOf } from "./model.js";

const CARD = COPY.confirmCard;

function row(label: string, value: string | undefined): messagingApi.FlexBox {
  return {
    type: "box",
    layout: "horizontal",
    spacing: "md",
    contents: [
      { type: "text", text: label, size: "sm", color: "#666666", flex: 2, wrap: true },
      {
        type: "text",
        text: value ?? CARD.missing,
        size: "sm",
        color: value ? "#111111" : "#aa0000",
        flex: 3,
        wrap: true,
      },
    ],
  };
}

/** The rows in the portal's order; ① and ② appear combined as the derived 登録記号番号. */
export function confirmRows(answers: RegistrationAnswers): [string, string | undefined][] {
  const r = CARD.rows;
  return [
    [r.familyName, answers.familyName],
    [r.givenName, answers.givenName],
    [r.affiliation, answers.affiliation],
    [r.registrationNumber, registrationNumberOf(answers)],
    [r.clinicName, answers.clinicName],
    [r.phoneNumber, answers.phoneNumber],
    [r.email, answers.email],
  ];
}

export function confirmCard(answers: RegistrationAnswers, choices?: Choice[]): LineMessage {
  const bubble: messagingApi.FlexBubble = {
    type: "bubble",
    header: {
      type: "box",
      layout: "vertical",
      contents: [{ type: "text", text: CARD.title, weight: "bold", size: "lg" }],
    },
    body: {
      type: "box",
      layout: "vertical",
      spacing: "sm",
      contents: [
        { type: "text", text: CARD.lead, size: "sm", wrap: true },
        { type: "separator", margin: "md" },
        ...confirmRows(answers).map(([label, value]) => row(label, value)),
      ],
    },
    footer: {
      type: "box",
      layout: "vertical",
      spacing: "sm",
      contents: [
        {
          type: "button",
          style: "primary",
          action: action({ label: COPY.buttons.ok, data: postbackData("reg.ok") }),
        },
        {
          type: "button",
          style: "secondary",
          action: action({ label: COPY.buttons.edit, data: postbackData("reg.edit") }),
        },
      ],
    },
  };
  return flex(CARD.altText, bubble, choices);
}
