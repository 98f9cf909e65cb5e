// Composes the engine from the flows and features: the one place that says which conversations exist.
import { eligibilityFlow } from "../../flows/eligibility.js";
import { menuContent } from "../../flows/menu.js";
import { understanding } from "../../flows/understanding.js";
import { callCentreReplies, faqReplies } from "../answerer/replies.js";
import { journeyFeature } from "./journey/index.js";
import { looksLikePassword, registrationFlow } from "./registration/index.js";
import { createEngine, type Engine } from "./router.js";

export function buildEngine(): Engine {
  return createEngine({
    menu: menuContent,
    understanding,
    flows: { registration: registrationFlow, eligibility: eligibilityFlow },
    journey: journeyFeature,
    looksLikePassword,
    faqReplies,
    callCentreReplies,
  });
}
