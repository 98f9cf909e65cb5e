// Rich menu endpoints: create, upload the image (api-data in real LINE), set the default, list, delete.
import { randomBytes } from "node:crypto";
import { type Context, Hono } from "hono";
import { invalidBody, lineError, readBytes, readJsonObject } from "./http.js";
import type { EmulatorState } from "./state.js";
import type { RichMenuRecord } from "./types.js";
import { RICH_MENU_IMAGE_MAX_BYTES, RICH_MENU_IMAGE_TYPES, validateRichMenu } from "./validate-richmenu.js";

export function richMenuRoutes(state: EmulatorState): Hono {
  const app = new Hono();
  const find = (c: Context) => state.richMenus.get(c.req.param("richMenuId") ?? "");
  const notFound = (c: Context) => lineError(c, 404, "Not found");

  app.post("/v2/bot/richmenu", async (c) => {
    const body = await readJsonObject(c);
    if (!body.ok) return body.response;
    const problems = validateRichMenu(body.value);
    if (problems.length > 0) return invalidBody(c, problems);
    const richMenuId = `richmenu-${randomBytes(16).toString("hex")}`;
    state.richMenus.set(richMenuId, { richMenuId, menu: body.value, createdAt: state.now() });
    return c.json({ richMenuId });
  });
  app.get("/v2/bot/richmenu/list", (c) => c.json({ richmenus: [...state.richMenus.values()].map(describe) }));
  app.get("/v2/bot/richmenu/:richMenuId", (c) => {
    const record = find(c);
    return record ? c.json(describe(record)) : notFound(c);
  });
  app.delete("/v2/bot/richmenu/:richMenuId", (c) => {
    const record = find(c);
    if (!record) return notFound(c);
    state.richMenus.delete(record.richMenuId);
    if (state.defaultRichMenuId === record.richMenuId) state.defaultRichMenuId = undefined;
    return c.json({});
  });
  app.post("/v2/bot/richmenu/:richMenuId/content", async (c) => {
    const record = find(c);
    return record ? uploadImage(c, record) : notFound(c);
  });
  defaultMenuRoutes(app, state);
  return app;
}

/** The menu every user sees unless linked to another: set, read, cancel. */
function defaultMenuRoutes(app: Hono, state: EmulatorState): void {
  app.post("/v2/bot/user/all/richmenu/:richMenuId", (c) => {
    const record = state.richMenus.get(c.req.param("richMenuId"));
    if (!record) return lineError(c, 404, "Not found");
    if (!record.image) return lineError(c, 400, "must upload richmenu image before applying it to user");
    state.defaultRichMenuId = record.richMenuId;
    return c.json({});
  });
  app.get("/v2/bot/user/all/richmenu", (c) =>
    state.defaultRichMenuId
      ? c.json({ richMenuId: state.defaultRichMenuId })
      : lineError(c, 404, "no default richmenu"),
  );
  app.delete("/v2/bot/user/all/richmenu", (c) => {
    state.defaultRichMenuId = undefined;
    return c.json({});
  });
}

async function uploadImage(c: Context, record: RichMenuRecord): Promise<Response> {
  const contentType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!RICH_MENU_IMAGE_TYPES.includes(contentType)) {
    return lineError(c, 415, `The content type, ${contentType || "(none)"}, is not supported`);
  }
  if (record.image) return lineError(c, 400, "An image has already been uploaded to the richmenu");
  const bytes = await readBytes(c);
  if (!bytes.ok) return bytes.response;
  if (bytes.value.byteLength === 0) return lineError(c, 400, "The image is empty");
  if (bytes.value.byteLength > RICH_MENU_IMAGE_MAX_BYTES) {
    return lineError(c, 400, "The image size exceeds the limit of 1 MB");
  }
  record.image = { contentType, bytes: bytes.value.byteLength };
  return c.json({});
}

/** The RichMenuResponse shape: the stored request plus its ID. */
function describe(record: RichMenuRecord): Record<string, unknown> {
  return { richMenuId: record.richMenuId, ...record.menu };
}
