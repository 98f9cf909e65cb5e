// Read-mostly endpoints: quota and consumption, user profiles, the loading animation.
import { Hono } from "hono";
import { invalidBody, lineError, readJsonObject } from "./http.js";
import type { EmulatorState } from "./state.js";
import type { Problem } from "./types.js";

export function accountRoutes(state: EmulatorState): Hono {
  const app = new Hono();
  app.get("/v2/bot/message/quota", (c) => c.json({ type: "limited", value: state.quota }));
  app.get("/v2/bot/message/quota/consumption", (c) => c.json({ totalUsage: state.totalUsage }));
  app.get("/v2/bot/profile/:userId", (c) => {
    const profile = state.users.get(c.req.param("userId"));
    return profile ? c.json(profile) : lineError(c, 404, "Not found");
  });
  app.post("/v2/bot/chat/loading/start", async (c) => {
    const body = await readJsonObject(c);
    if (!body.ok) return body.response;
    const { chatId, loadingSeconds = 20 } = body.value;
    const problems = validateLoading(chatId, loadingSeconds);
    if (problems.length > 0) return invalidBody(c, problems);
    state.loadings.push({
      chatId: chatId as string,
      loadingSeconds: loadingSeconds as number,
      at: state.now(),
    });
    return c.json({}, 202);
  });
  return app;
}

function validateLoading(chatId: unknown, seconds: unknown): Problem[] {
  const problems: Problem[] = [];
  if (typeof chatId !== "string" || chatId.length === 0) {
    problems.push({ property: "chatId", message: "must be specified" });
  }
  const ok = typeof seconds === "number" && Number.isInteger(seconds) && seconds >= 5 && seconds <= 60;
  if (!ok || (seconds as number) % 5 !== 0) {
    problems.push({ property: "loadingSeconds", message: "must be a multiple of 5 between 5 and 60" });
  }
  return problems;
}
