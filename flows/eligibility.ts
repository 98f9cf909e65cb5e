// The eligibility check as data: who may use 資格確認限定型, which 所属機関 to pick, the 登録記号番号,
// the devices, and the member's next step. Every sentence comes from the briefing (説明会資料
// 2024-02-12) or a dated public source named in flows/faq/sources.ts, said with its date.
import { createTreeFlow, type DecisionTree } from "../src/engine/tree-flow.js";

const ASK_PERSON = { label: "担当者に聞く", action: "inquiry.create" };
const START_REGISTRATION = { label: "登録をはじめる", action: "reg.start" };
const CALL_CENTRE = { label: "コールセンター", action: "callcentre" };
/** Whether the clinic is exempt from the duty (70歳以上, closing…) is the journey's own check. */
const EXEMPT = { label: "対象外の方はこちら", action: "journey.exempt" };

export const ELIGIBILITY_TREE: DecisionTree = {
  flow: "eligibility",
  start: "facility",
  intro:
    "オンライン資格確認（資格確認限定型）を使えるか、いくつかの質問で確認します。途中でやめるときは「やめる」と送ってください。",
  reask: "すみません、うまく読み取れませんでした。下のボタンから選んでください。",
  stale: "そのボタンは前の画面のもので、今は使えません。対象かどうかの確認は「対象」と送るとはじめられます。",
  left: "確認をやめました。またいつでも「対象」と送ってください。",
  quitLabel: "やめる",
  quitWords: [
    "やめる",
    "やめます",
    "やめたい",
    "中止",
    "キャンセル",
    "終了",
    "もういい",
    "もういいです",
    "結構です",
    "けっこうです",
    "まちがえた",
    "間違えた",
    "まちがえておした",
    "間違えて押した",
    "まちがえて押しました",
  ],
  nodes: [
    {
      kind: "question",
      id: "facility",
      text: "あなたの施設はどれに当たりますか。",
      choices: [
        {
          id: "jusei",
          label: "柔道整復の施術所",
          also: ["柔道整復", "柔整", "接骨院", "整骨院"],
          say: "ポータルの所属機関選択では「施術所（柔道整復）」を選びます。",
          next: "juryo",
        },
        {
          id: "ahaki",
          label: "はり・きゅう等の施術所",
          also: ["あはき", "鍼灸", "はり・きゅう", "マッサージ"],
          say: "ポータルの所属機関選択では「施術所（あん摩マッサージ指圧・はり・きゅう）」を選びます。",
          next: "juryo-ahaki",
        },
        {
          id: "heisetsu",
          label: "柔整と鍼灸の併設",
          also: ["併設", "両方"],
          say: "2026年11月時点の本会が公開情報をまとめたところでは、併設の場合は登録記号番号ごとに登録するか、まとめて登録する方法があるとされています（確認中の情報です）。まず柔道整復について確認します。",
          next: "juryo",
        },
        { id: "kenshin", label: "健診実施機関等", also: ["健診"], next: "end-kenshin" },
        { id: "unknown", label: "わからない", also: ["分からない", "不明"], next: "end-ask" },
      ],
    },
    {
      kind: "question",
      id: "juryo",
      text: "受領委任の取扱いをしていますか（受領委任承諾通知書をお持ちですか）。",
      choices: [
        { id: "yes", label: "はい", also: ["している", "してます", "持っている"], next: "number" },
        { id: "no", label: "いいえ", also: ["していない", "してない"], next: "end-no-juryo" },
        { id: "unknown", label: "わからない", also: ["分からない"], next: "end-ask" },
      ],
    },
    {
      kind: "question",
      id: "juryo-ahaki",
      text: "受領委任の取扱いをしていますか。",
      choices: [
        { id: "yes", label: "はい", also: ["している", "してます"], next: "device" },
        { id: "no", label: "いいえ", also: ["していない", "してない"], next: "end-no-juryo" },
        { id: "unknown", label: "わからない", also: ["分からない"], next: "end-ask" },
      ],
    },
    {
      kind: "question",
      id: "number",
      text: "受領委任承諾通知書の「登録記号番号」の欄を見てください（例：【契0123456-7-8】）。最初の1文字はどちらですか。",
      choices: [
        {
          id: "kyo",
          label: "協",
          also: ["きょう", "協定"],
          say: "ポータルの① 入力項目では「協」を選び、② には数字9桁をハイフンなしで入力します。説明会資料でも、本会の会員は「協」を選ぶよう案内しています。",
          next: "device",
        },
        {
          id: "kei",
          label: "契",
          also: ["けい", "契約"],
          say: "ポータルの① 入力項目では「契」を選び、② には数字9桁をハイフンなしで入力します。",
          next: "device",
        },
        {
          id: "missing",
          label: "通知書が見つからない",
          also: ["ない", "見つからない"],
          next: "end-no-notice",
        },
      ],
    },
    {
      kind: "question",
      id: "device",
      text: "オンライン資格確認に使う機器はありますか。",
      choices: [
        {
          id: "phone",
          label: "スマホ・タブレット",
          also: ["スマホ", "スマートフォン", "タブレット", "iPad"],
          say: "2026年11月時点の公式ポータルのよくある質問では、スマートフォンや一部のタブレットはカードリーダーなしで読み取れるものがあるとされています。iPadのようにUSBのカードリーダーをつなげない端末では、Bluetooth接続のカードリーダーが必要とされています。",
          next: "end-ready",
        },
        {
          id: "pc",
          label: "パソコン＋カードリーダー",
          also: ["パソコン", "PC", "カードリーダー"],
          next: "end-ready",
        },
        { id: "none", label: "まだない", also: ["ない", "持っていない"], next: "end-no-device" },
      ],
    },
    {
      kind: "end",
      id: "end-ready",
      text: "2026年11月時点の公式ポータルのよくある質問では、受領委任払いを行っている施術所は資格確認限定型の対象とされています。次の手順は、施術所等向け総合ポータルサイトでのユーザー登録です。このチャットで、入力する内容を一緒に準備できます。全整協の報告では、導入も対象外の届出もしていない施術所は令和8年12月ごろに受領委任の取扱いが中止される予定とされていましたので、お早めに進めてください（くわしくは「未導入のままだと」とお尋ねください）。",
      actions: [START_REGISTRATION, EXEMPT, ASK_PERSON],
    },
    {
      kind: "end",
      id: "end-no-device",
      text: "2026年11月時点の公式ポータルのよくある質問では、機器はパソコンと市販の汎用カードリーダー、またはカードを読み取れるスマートフォン・タブレットとされています。説明会資料（2024年2月）では補助金の上限は41,000円でしたが、2025年2月1日時点で申請受付は終了したと販売事業者のページで報告されています。購入の前に本会にご相談ください。ユーザー登録の準備は、このチャットでいつでもはじめられます。",
      actions: [ASK_PERSON, START_REGISTRATION, EXEMPT],
    },
    {
      kind: "end",
      id: "end-no-juryo",
      text: "2026年11月時点の公式ポータルのよくある質問では、施術所については受領委任払いを行っている施術所が対象とされています。受領委任の取扱いをしていない場合のことは、本会にご確認ください。",
      actions: [ASK_PERSON],
    },
    {
      kind: "end",
      id: "end-no-notice",
      text: "ユーザー登録では、受領委任承諾通知書の登録記号番号（協または契と数字9桁）を入力します。通知書が見つからない場合は、本会にご相談ください。",
      actions: [ASK_PERSON],
    },
    {
      kind: "end",
      id: "end-kenshin",
      text: "説明会資料では、令和6年4月から施術所・健診実施機関等でオンライン資格確認（資格確認限定型）を利用できるとされています。ポータルの所属機関選択では「健診実施機関等」を選びます。手続きの詳しいことは、オンライン資格確認等コールセンターにご確認ください。",
      actions: [START_REGISTRATION, CALL_CENTRE, ASK_PERSON],
    },
    {
      kind: "end",
      id: "end-ask",
      text: "わかりました。本会の担当者が一緒に確認します。下の「担当者に聞く」を押して、施術所の状況を送ってください。",
      actions: [ASK_PERSON],
    },
  ],
};

export const eligibilityFlow = createTreeFlow(ELIGIBILITY_TREE);
