// The named sources FAQ entries cite. Facts that change with time carry the date they were
// stated or checked (asOf); their answers say 「…時点」 and point members to the association.
import type { FaqSource } from "../../src/answerer/types.js";

/** The association's briefing (the seed): source of truth for steps, fields and rules. */
export const BRIEFING: FaqSource = {
  title: "オンライン資格確認説明会資料（埼玉県柔道整復師会, 2024-02-12）",
};

/** The official portal's FAQ on 資格確認限定型 (who it is for, what the app does). */
export const PORTAL_FAQ: FaqSource = {
  title: "施術所等向け総合ポータルサイト よくある質問",
  url: "https://iryohokenjyoho.service-now.com/csm/ja?id=kb_article_view&sys_kb_id=06de843f47655258450493c4116d435d",
  asOf: "2026-11-25",
};

/** The official portal's FAQ 「③導入について」 (devices, whether it is mandatory). */
export const PORTAL_FAQ_SETUP: FaqSource = {
  title: "施術所等向け総合ポータルサイト よくある質問 ③導入について",
  url: "https://iryohokenjyoho.service-now.com/omf?id=kb_article_view&sysparm_article=KB0010166",
  asOf: "2026-11-25",
};

/** The Ministry's notice on exemptions from the mandatory introduction (as relayed by public pages). */
export const MHLW_NOTICE_2024_11: FaqSource = {
  title: "厚生労働省 事務連絡（令和6年11月6日）オンライン資格確認の導入義務化の対象外について",
  asOf: "2024-11-06",
};

/** Vendor pages reporting the end of the device-subsidy application window. */
export const VENDOR_SUBSIDY_REPORT: FaqSource = {
  title: "機器販売事業者のウェブページ（補助金の申請受付終了の報告）",
  asOf: "2025-02-01",
};

/** An association's report of the Ministry's briefing on clinics still not set up. */
export const ZENSEIKYO_2025_08: FaqSource = {
  title: "施術所団体の説明会報告（令和7年8月8日開催, zenseikyo.net）",
  url: "https://www.zenseikyo.net/post-3500/",
  asOf: "2025-08-08",
};

/** An association notice on entering the 運用開始日 after the app is set up. */
export const JAMMA_NOTICE: FaqSource = {
  title: "日本あん摩マッサージ指圧師会 お知らせ（オンライン資格確認の導入義務化）",
  url: "https://jamma.org/news.php?keyno=540",
  asOf: "2024-12-02",
};

/** 近畿厚生局「柔道整復師の方へ」: mandatory since 2024-12-02, the call centre (official). */
export const KINKI_KOSEI: FaqSource = {
  title: "近畿厚生局「柔道整復師の方へ」",
  url: "https://kouseikyoku.mhlw.go.jp/kinki/shinsei/shido_kansa/judo/index.html",
  asOf: "2025-12-12",
};

/** The Ministry's figures on introduction (as of 2025-02-23), shown to the 柔道整復療養費検討専門委員会. */
export const MHLW_COMMITTEE_2025_02: FaqSource = {
  title: "厚生労働省 柔道整復療養費検討専門委員会 資料「施術所におけるオンライン資格確認の導入状況」",
  url: "https://www.mhlw.go.jp/stf/shingi2/0000204312_00030.html",
  asOf: "2025-02-23",
};

/** The Ministry's notice on insurance cards: the grace rule for expired cards (to 2026-03-31). */
export const MHLW_NOTICE_2025_11: FaqSource = {
  title: "厚生労働省 通知（令和7年11月12日）有効期限切れの健康保険証の取扱い等について",
  asOf: "2025-11-12",
};

/** The association's own notes on public pages (the design brief, section 6), not yet verified line by line. */
export const ASSOCIATION_NOTES: FaqSource = {
  title: "本会のまとめ（公開されている情報から）",
  asOf: "2026-11-25",
};

/** How this LINE account itself works (bot usage answers). */
export const BOT_GUIDE: FaqSource = { title: "このLINEの使い方（本会）" };
