// The progress card: every step of the journey with a done / current / next mark and, for the
// steps done, the day they were reported (Japan time); then what to do next in a sentence or two.
import type { messagingApi } from "@line/bot-sdk";
import { flex } from "../messages.js";
import { JOURNEY_STEPS, type JourneyStep, type LineMessage, type MemberView } from "../types.js";
import { buttonChoices, nextChoices } from "./choices.js";
import type { JourneyCopy } from "./schema.js";
import { addHours, currentStep, fill, formatDate, formatDateTime, stepIndex } from "./steps.js";

type FlexComponent = messagingApi.FlexComponent;

const COLORS = { done: "#06C755", current: "#111111", next: "#AAAAAA", muted: "#888888", alert: "#D93025" };

/** When the portal's link stops working, if the member is waiting on it. */
export function linkDeadline(copy: JourneyCopy, member: MemberView, now: Date): Date | null {
  if (member.journeyStep !== "linkSent") return null;
  const sentAt = member.journeyAt.linkSent;
  return addHours(sentAt ? new Date(sentAt) : now, copy.linkValidHours);
}

export function progressCard(copy: JourneyCopy, member: MemberView, now: Date): LineMessage {
  const reached = stepIndex(member.journeyStep);
  const current = currentStep(member.journeyStep);
  // Registering on the portal does not need the device: it is ticked only when reported, or when a
  // later step needs it (端末の登録), not because the member reported the portal steps.
  const deviceImplied = reached >= JOURNEY_STEPS.indexOf("deviceRegistered");
  const rows = JOURNEY_STEPS.map((step, i) => {
    const unreported = step === "device" && !member.journeyAt.device && !deviceImplied;
    const mark = i <= reached ? (unreported ? "next" : "done") : i === reached + 1 ? "current" : "next";
    return stepRow(copy, step, mark, i <= reached ? member.journeyAt[step] : undefined);
  });
  if (member.exemption) return exemptCard(copy, member, rows);
  const deadline = linkDeadline(copy, member, now);
  const expired = deadline !== null && now >= deadline;
  const bubble: messagingApi.FlexBubble = {
    type: "bubble",
    header: box([{ type: "text", text: copy.card.title, weight: "bold", size: "lg" }]),
    body: box(
      [...rows, { type: "separator", margin: "md" }, ...nextSection(copy, current, deadline, expired)],
      "sm",
    ),
  };
  const altText = current ? fill(copy.card.altText, { title: copy.steps[current].title }) : copy.card.allDone;
  // The card is the progress: its quick replies are only what can be reported next.
  const choices = nextChoices(copy, current, expired).filter((c) => c.label !== copy.buttons.progress);
  return flex(altText, bubble, choices);
}

/** 対象外（届出）: the steps stay visible, the next-step section says the member is exempt. */
function exemptCard(copy: JourneyCopy, member: MemberView, rows: FlexComponent[]): LineMessage {
  const status = exemptionStatus(copy, member);
  const bubble: messagingApi.FlexBubble = {
    type: "bubble",
    header: box([{ type: "text", text: copy.card.title, weight: "bold", size: "lg" }]),
    body: box(
      [
        ...rows,
        { type: "separator", margin: "md" },
        { type: "text", text: status, weight: "bold", size: "sm", margin: "md", wrap: true },
        { type: "text", text: copy.card.exemptNote, wrap: true, size: "sm" },
      ],
      "sm",
    ),
  };
  const b = buttonChoices(copy);
  return flex(status, bubble, [b.withdrawExemption, b.askPerson, b.menu]);
}

/** 「対象外（届出）：常勤の施術者が皆70歳以上」 */
export function exemptionStatus(copy: JourneyCopy, member: MemberView): string {
  const reason = member.exemption ? copy.exemption.reasons[member.exemption].name : "";
  return fill(copy.card.exempt, { reason });
}

function stepRow(
  copy: JourneyCopy,
  step: JourneyStep,
  mark: "done" | "current" | "next",
  at?: string,
): FlexComponent {
  const color = COLORS[mark];
  const contents: FlexComponent[] = [
    { type: "text", text: copy.card.marks[mark], flex: 0, color, weight: "bold", size: "sm" },
    {
      type: "text",
      text: copy.steps[step].title,
      flex: 5,
      wrap: true,
      size: "sm",
      color: mark === "done" ? COLORS.muted : color,
      weight: mark === "current" ? "bold" : "regular",
    },
  ];
  if (at)
    contents.push({
      type: "text",
      text: formatDate(at),
      flex: 2,
      align: "end",
      size: "xs",
      color: COLORS.muted,
    });
  return { type: "box", layout: "horizontal", spacing: "sm", contents };
}

function nextSection(
  copy: JourneyCopy,
  current: JourneyStep | null,
  deadline: Date | null,
  expired: boolean,
): FlexComponent[] {
  if (current === null)
    return [{ type: "text", text: copy.card.allDone, wrap: true, size: "sm", margin: "md" }];
  const out: FlexComponent[] = [
    { type: "text", text: copy.card.nextHeading, weight: "bold", size: "sm", margin: "md" },
    { type: "text", text: copy.steps[current].todo, wrap: true, size: "sm" },
  ];
  if (deadline) {
    const line = fill(expired ? copy.card.linkExpired : copy.card.linkDeadline, {
      deadline: formatDateTime(deadline),
    });
    out.push({
      type: "text",
      text: line,
      wrap: true,
      size: "sm",
      weight: "bold",
      color: expired ? COLORS.alert : COLORS.current,
    });
  }
  return out;
}

function box(contents: FlexComponent[], spacing?: string): messagingApi.FlexBox {
  return { type: "box", layout: "vertical", contents, ...(spacing ? { spacing } : {}) };
}
