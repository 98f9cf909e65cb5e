// The rich menu (the button board under the chat) as data: its size, the chat bar text and six tiles,
// each with its postback, the words drawn on the image and an icon. scripts/rich-menu-image.ts draws
// assets/rich-menu.png from this, src/line/rich-menu.ts sends it to LINE; the postbacks are the ones
// src/engine/router.ts already answers. Validated at load time against LINE's limits.
import { z } from "zod";
import { postbackData } from "../src/engine/messages.js";

export const RICH_MENU_ICONS = ["pen", "steps", "check", "question", "person", "phone"] as const;
export type RichMenuIcon = (typeof RICH_MENU_ICONS)[number];

const Int = z.number().int().min(0);
const BoundsSchema = z.object({ x: Int, y: Int, width: Int.min(1), height: Int.min(1) });
export type Bounds = z.infer<typeof BoundsSchema>;

const AreaSchema = z.object({
  /** Drawn large on the tile; also the action's accessibility label. */
  label: z.string().min(1).max(8),
  /** One short line under the label. */
  sublabel: z.string().min(1).max(12),
  icon: z.enum(RICH_MENU_ICONS),
  /** A lightly tinted tile: the first thing a new member should press. */
  primary: z.boolean().default(false),
  bounds: BoundsSchema,
  action: z.object({
    type: z.literal("postback"),
    label: z.string().min(1).max(20),
    data: z.string().min(1).max(300),
    /** Shown in the chat as if the member had typed it, so the history reads naturally. */
    displayText: z.string().min(1).max(300),
  }),
});

const RichMenuSchema = z
  .object({
    /** setupRichMenu replaces older menus with this name. */
    name: z.string().min(1).max(300),
    chatBarText: z.string().min(1).max(14),
    selected: z.boolean(),
    size: z.object({ width: z.literal(2500), height: z.union([z.literal(1686), z.literal(843)]) }),
    areas: z.array(AreaSchema).min(4).max(6),
  })
  .superRefine((menu, ctx) => {
    menu.areas.forEach((area, i) => {
      const { x, y, width, height } = area.bounds;
      if (x + width > menu.size.width || y + height > menu.size.height)
        ctx.addIssue({ code: "custom", path: ["areas", i, "bounds"], message: "outside the menu" });
      menu.areas.slice(0, i).forEach((other, j) => {
        if (overlap(area.bounds, other.bounds))
          ctx.addIssue({ code: "custom", path: ["areas", i, "bounds"], message: `overlaps area ${j}` });
      });
    });
  });

export type RichMenuDefinition = z.infer<typeof RichMenuSchema>;
export type RichMenuArea = RichMenuDefinition["areas"][number];

function overlap(a: Bounds, b: Bounds): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const SIZE = { width: 2500, height: 1686 } as const;
const COLUMNS = 3;
const ROWS = 2;

/** The tile at (column, row) of an even grid; the last column and row take the rounding pixels. */
function cell(column: number, row: number): Bounds {
  const x = Math.round((SIZE.width * column) / COLUMNS);
  const y = Math.round((SIZE.height * row) / ROWS);
  const right = Math.round((SIZE.width * (column + 1)) / COLUMNS);
  const bottom = Math.round((SIZE.height * (row + 1)) / ROWS);
  return { x, y, width: right - x, height: bottom - y };
}

function tile(
  at: [number, number],
  label: string,
  sublabel: string,
  icon: RichMenuIcon,
  action: string,
  displayText = label,
) {
  return {
    label,
    sublabel,
    icon,
    bounds: cell(...at),
    action: { type: "postback", label, data: postbackData(action), displayText },
  };
}

export const RICH_MENU: RichMenuDefinition = RichMenuSchema.parse({
  name: "helpdesk-main",
  chatBarText: "メニュー",
  selected: true,
  size: SIZE,
  areas: [
    { ...tile([0, 0], "登録をはじめる", "ポータルのユーザー登録", "pen", "reg.start"), primary: true },
    tile([1, 0], "進み具合", "いまの段階と次の手順", "steps", "journey.progress"),
    tile([2, 0], "対象か確認", "使えるかを質問で確認", "check", "elig.start", "対象か確認する"),
    tile([0, 1], "よくある質問", "補助金・機器・期限など", "question", "faq.top"),
    tile([1, 1], "担当者に聞く", "本会の担当者がお答え", "person", "inquiry.start"),
    tile([2, 1], "コールセンター", "ポータル操作の電話窓口", "phone", "callcentre"),
  ],
});
