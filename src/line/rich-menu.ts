// Puts the rich menu of flows/rich-menu.ts on the LINE account through the real SDK: create it,
// upload its image (api-data host), make it everyone's default, then delete older menus of the same
// name. Running it again leaves exactly one menu, so it is safe to repeat after editing the menu.
import { messagingApi } from "@line/bot-sdk";
import { RICH_MENU, type RichMenuDefinition } from "../../flows/rich-menu.js";

export type RichMenuImageType = "image/png" | "image/jpeg";

export interface RichMenuSetup {
  channelAccessToken: string;
  /** API host; the SDK's default (https://api.line.me) when omitted. */
  baseURL?: string;
  /** Host for the image upload; see dataBaseUrlFor when omitted. */
  dataBaseURL?: string;
  image: Uint8Array;
  contentType: RichMenuImageType;
  menu?: RichMenuDefinition;
}

const LINE_API = "https://api.line.me";
const LINE_DATA_API = "https://api-data.line.me";

/**
 * Real LINE serves uploads from api-data.line.me; anything else (the local emulator, a stand-in)
 * serves both from one host.
 */
export function dataBaseUrlFor(baseURL: string | undefined): string {
  if (baseURL === undefined || new URL(baseURL).origin === LINE_API) return LINE_DATA_API;
  return baseURL;
}

/** The request LINE expects: only its own fields (the image's words and icons stay here). */
export function richMenuRequest(menu: RichMenuDefinition = RICH_MENU): messagingApi.RichMenuRequest {
  return {
    size: menu.size,
    selected: menu.selected,
    name: menu.name,
    chatBarText: menu.chatBarText,
    areas: menu.areas.map((area) => ({ bounds: area.bounds, action: { ...area.action } })),
  };
}

/** Creates, uploads, sets as default and cleans up; returns the new rich menu ID. */
export async function setupRichMenu(options: RichMenuSetup): Promise<string> {
  const { channelAccessToken, baseURL, image, contentType, menu = RICH_MENU } = options;
  const client = new messagingApi.MessagingApiClient({ channelAccessToken, baseURL });
  const blob = new messagingApi.MessagingApiBlobClient({
    channelAccessToken,
    baseURL: options.dataBaseURL ?? dataBaseUrlFor(baseURL),
  });

  const { richMenuId } = await client.createRichMenu(richMenuRequest(menu));
  try {
    // Copy into a plain ArrayBuffer-backed view: Blob refuses SharedArrayBuffer-backed bytes in types.
    await blob.setRichMenuImage(richMenuId, new Blob([new Uint8Array(image)], { type: contentType }));
    await client.setDefaultRichMenu(richMenuId);
  } catch (error) {
    // Leave no half-made menu behind; the previous default stays in place.
    await client.deleteRichMenu(richMenuId).catch(() => undefined);
    throw error;
  }

  const { richmenus } = await client.getRichMenuList();
  for (const old of richmenus) {
    if (old.name === menu.name && old.richMenuId !== richMenuId) await client.deleteRichMenu(old.richMenuId);
  }
  return richMenuId;
}
