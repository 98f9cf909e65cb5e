// Wording of the account's front desk: welcome, menu, the answers that are not part of a flow.
// Validated at load time; editing the words here never touches src/.
import { z } from "zod";

const Label = z.string().min(1).max(20);
const Text = z.string().min(1).max(1000);

const MenuSchema = z.object({
  welcome: z.array(Text).min(1).max(3),
  welcomeBack: z.array(Text).min(1).max(3),
  menuPrompt: Text,
  /** The first menu choice when the menu is asked for in the middle of a form. */
  resumeLabel: Label,
  /** The button that brings the menu back, under answers. */
  menuLabel: Label,
  menu: z
    .array(z.object({ label: Label, action: z.string().min(1) }))
    .min(2)
    .max(13),
  nonText: Text,
  passwordRefused: z.array(Text).min(1).max(2),
  tooLong: Text,
  erase: z.object({ confirm: Text, yes: Label, no: Label, done: Text, kept: Text }),
  inquiry: z.object({
    askLabel: Label,
    askPrompt: Text,
    /** When the message after 「担当者に聞く」 was 「はい」 or a word, not a question. */
    askAgain: Text,
    /** 「ちがいます」 to the question shown for sending: ask for the one meant. */
    notThis: Text,
    /** Shown before sending; {question} is what the member wrote. */
    confirm: Text.refine((t) => t.includes("{question}")),
    sendLabel: Label,
    addLabel: Label,
    cancelLabel: Label,
    addPrompt: Text,
    /** 「電話してほしい」 with no topic: what it is about, please. */
    callBackTopic: Text,
    sendAsIsLabel: Label,
    cancelled: Text,
    tooLong: Text,
    /** {hours}: when staff answer. */
    created: Text.refine((t) => t.includes("{hours}")),
    /** When the association's staff read and answer questions (set by the association). */
    staffHours: Text,
    /**
     * Words that make a 「まだ」 text about the reply from staff (「返事まだ？」「でんわまだこない」), not
     * a question of its own (「カードリーダーはまだ買ってない」); 「まだ？」 alone is too.
     */
    aboutReply: z.array(z.string().min(1)),
    weekend: Text,
    /** Before the status when the member asks again. */
    sorryWait: Text,
    /** {date}: when it was sent (送る tapped again). */
    alreadySent: Text,
    callBackNoted: Text,
    /** {date}: when it was sent; {hours}: when staff answer. */
    status: Text,
    /** Asked after staff answered: {date}: when the answer was sent to this chat. */
    answeredStatus: Text,
  }),
  unknownPostback: Text,
  faqPrompt: Text,
  /** The same mid-form: the examples come under the form's question. */
  faqPromptInForm: Text,
  secondQuestion: Text.refine((t) => t.includes("{question}")),
  /** Sample questions offered under よくある質問; they go through the FAQ like typed text. */
  faqExamples: z.array(Label).min(1).max(12),
  /**
   * Phrases that make a short message a request even inside a sentence (「オンライン資格確認の登録を
   * したいのですが」「担当の人に聞きたいことがあるんだけど」「昨日の続きをお願いします」): each is a
   * list of word groups that must all appear. Tried when the FAQ has no direct answer.
   */
  requests: z.object({
    registration: z.array(z.array(z.string().min(1)).min(1)),
    resume: z.array(z.array(z.string().min(1)).min(1)),
    inquiry: z.array(z.array(z.string().min(1)).min(1)),
    /** 「次は何をすればいいですか」「いまどこまで進んだ？」: the progress card. */
    progress: z.array(z.array(z.string().min(1)).min(1)),
    /** After a question was sent to staff: asking where it stands (「まだ？」「返事は？」). */
    inquiryStatus: z.array(z.array(z.string().min(1)).min(1)),
    /** 「さっきのもう一回」: the last answer again. */
    repeat: z.array(z.array(z.string().min(1)).min(1)),
    /** 「データ全部消して」: the erase question (it asks before anything is erased). */
    erase: z.array(z.array(z.string().min(1)).min(1)),
  }),
  /**
   * FAQ entries that only describe a request (「担当者に聞く」を押して…): when the FAQ's answer is one of
   * these, the request itself is done instead (「人に代わってください」 starts the question to staff).
   */
  requestEntries: z.object({
    erase: z.array(z.string().min(1)),
    registration: z.array(z.string().min(1)),
    resume: z.array(z.string().min(1)),
    inquiry: z.array(z.string().min(1)),
  }),
  /** Words that hold a request's word but are not it (「手続き」 holds 「続き」): ignored when reading requests. */
  requestMasks: z.array(z.string().min(1)),
  /** Longest message read as such a request. */
  requestMaxLength: z.number().int().min(10).max(120),
  /** Words that start a feature when typed in free chat (compared after normalization). */
  triggers: z.object({
    menu: z.array(z.string().min(1)),
    registration: z.array(z.string().min(1)),
    eligibility: z.array(z.string().min(1)),
    progress: z.array(z.string().min(1)),
    erase: z.array(z.string().min(1)),
    inquiry: z.array(z.string().min(1)),
    callCentre: z.array(z.string().min(1)),
    /** The FAQ's list of sample questions (the menu's own label typed). */
    faq: z.array(z.string().min(1)),
    /** 「修正したい」: the confirmation card again (or, mid-form, the field list). */
    correction: z.array(z.string().min(1)),
    /** 「さっきの表もういっかいみせて」: the copy sheet again (when the form is complete). */
    sheet: z.array(z.string().min(1)),
    /** 「入力を続ける」 typed: the form's question again (or, outside it, 続きから). */
    resume: z.array(z.string().min(1)),
    /** 「どれでもない」 typed under a 「もしかして」 list: a person or the call centre. */
    noneOfThese: z.array(z.string().min(1)),
  }),
});

export type MenuContent = z.infer<typeof MenuSchema>;

export const menuContent: MenuContent = MenuSchema.parse({
  welcome: [
    "友だち追加ありがとうございます。埼玉県柔道整復師会のオンライン資格確認ヘルプデスクです。",
    "ポータルサイトのユーザー登録のお手伝い、進み具合の確認、よくある質問へのお答えができます。下のボタンから選ぶか、ご質問をそのまま送ってください。",
  ],
  welcomeBack: [
    "おかえりなさい。またご利用いただけてうれしいです。",
    "下のボタンから選ぶか、ご質問をそのまま送ってください。",
  ],
  menuPrompt: "ご用件を選んでください。ご質問をそのまま送っていただいても大丈夫です。",
  resumeLabel: "入力を続ける",
  menuLabel: "メニュー",
  menu: [
    { label: "登録をはじめる", action: "reg.start" },
    { label: "進み具合", action: "journey.progress" },
    { label: "対象か確認する", action: "elig.start" },
    { label: "よくある質問", action: "faq.top" },
    { label: "担当者に聞く", action: "inquiry.start" },
  ],
  nonText: "申し訳ありません。スタンプや画像は読み取れません。文字で送っていただけますか。",
  passwordRefused: [
    "パスワードのようなものが送られてきたため、読み取らずに破棄しました。保存も表示もしていません。",
    "パスワードはポータルサイトの画面にだけ入力してください。このトークに送る必要はありません。",
  ],
  tooLong: "メッセージが長すぎるため読み取れませんでした。短く分けて送っていただけますか。",
  erase: {
    confirm:
      "お名前・番号・院名・電話番号・メールアドレス、所属、進み具合の記録、お問い合わせ、予定していたお知らせをすべて削除します。事務局からの一斉のお知らせも届かなくなります。よろしいですか。",
    yes: "削除する",
    no: "やめておく",
    done: "削除しました。お名前・番号・院名・電話番号・メールアドレス、所属、進み具合の記録、お問い合わせ、予定していたお知らせは残っていません。同じメッセージの二重受付を防ぐ記録だけが残り、7日後に自動で消えます。",
    kept: "削除は取りやめました。内容はそのままです。",
  },
  inquiry: {
    askLabel: "担当者に聞く",
    askPrompt:
      "本会の担当者に聞きたいことを、このあと文章で送ってください。送る前に内容を確かめていただけます。",
    askAgain: "担当者にお伝えするご質問を、文章で送ってください。（例）アプリの設定画面が出てきません",
    notThis: "失礼しました。では、担当者にお伝えすることを、このあと文章で送ってください。",
    confirm: "次の内容を本会の担当者にお送りします。\n\n「{question}」\n\nこの内容でよろしいですか。",
    sendLabel: "送る",
    addLabel: "書き足す",
    cancelLabel: "送らない",
    addPrompt: "書き足したいことを送ってください。",
    callBackTopic:
      "お電話をご希望ですね。担当者が確かめてからご連絡できるよう、どのようなご用件か、ひとこと送ってください（例：アプリの設定について）。お電話番号と、つながりやすい時間帯もあると確実です。",
    sendAsIsLabel: "このまま送る",
    cancelled:
      "今回の内容は担当者にお送りしませんでした（前にお送りしたご質問があれば、そちらはそのままです）。ほかにご用件があれば、下から選んでください。",
    tooLong: "長すぎるため受け付けられませんでした。3,000文字以内にまとめて送ってください。",
    created: "担当者にお送りしました。{hours}に、このトークで順番にお返事します。しばらくお待ちください。",
    staffHours: "本会事務局の受付時間（土日祝日・年末年始を除く平日の日中）",
    aboutReply: [
      "返事",
      "おへんじ",
      "こたえ",
      "答え",
      "回答",
      "返信",
      "連絡",
      "電話",
      "でんわ",
      "へんじ",
      "担当",
      "質問",
      "問い合わせ",
      "送った",
      "おくった",
      "待って",
      "まって",
    ],
    weekend: "今日は土日のため、お返事は月曜日以降になります。",
    sorryWait: "お待たせしていて、申し訳ありません。",
    alreadySent:
      "このお問い合わせは{date}に担当者へお送りしています。書き足すときは「担当者に聞く」を押してください。",
    callBackNoted: "お電話でのご連絡をご希望のことも、あわせて担当者にお伝えします。",
    answeredStatus:
      "担当者からのお返事は{date}に、このトークでお送りしています。画面を上にさかのぼってご確認ください。ほかにもご質問があれば「担当者に聞く」からお送りください。",
    status:
      "お問い合わせは{date}に担当者へお送りしています。{hours}に、このトークで順番にお返事しますので、もうしばらくお待ちください。お急ぎのときは「担当者に聞く」で書き足せます。\nポータルやアプリの操作でお急ぎのときは、オンライン資格確認等コールセンター（0800-080-4583、通話無料）にもご相談いただけます。",
  },
  unknownPostback: "そのボタンは今は使えません。メニューからもう一度お選びください。",
  faqPrompt: "ご質問をそのまま文字で送ってください。よくあるご質問はこちらです。",
  faqPromptInForm:
    "ご質問をそのまま文字で送ってください。よくあるご質問は下のボタンからどうぞ。お答えのあと、入力の続きに戻ります。",
  /** Before the part of a two-question message that got no direct answer. {question}: that part. */
  secondQuestion: "もう一つの「{question}」について：",
  faqExamples: [
    "登録の流れは？",
    "導入しないとどうなる？",
    "運用開始日の登録とは？",
    "必要な機器は？",
    "リンクの有効期限は？",
    "協と契の違いは？",
    "番号はどこに書いてある？",
    "登録完了後はどうする？",
    "コールセンターの番号は？",
  ],
  requests: {
    registration: [
      ["登録", "したい"],
      ["登録", "やりたい"],
      ["登録", "お願い"],
      ["登録", "始めたい"],
      ["登録", "はじめたい"],
      ["登録", "手伝って"],
      ["登録", "進めたい"],
      ["登録", "やってみ"],
      ["登録", "してみ"],
      // Not 「登録」+「やります」: 「…1台でやります。端末登録終わりました」 holds both.
      ["登録", "はじめます"],
      ["登録", "始めます"],
      ["とうろく", "はじめます"],
      ["とうろく", "したい"],
      ["とうろく", "やって"],
      ["とうろく", "はじめたい"],
      ["とうろく", "おねがい"],
    ],
    resume: [["続き"], ["つづき"], ["再開"], ["途中から"]],
    progress: [
      ["すすみぐあい"],
      ["どこまですすん"],
      ["次", "何"],
      ["次", "なに"],
      ["次", "どうすれば"],
      ["つぎ", "なに"],
      ["どこまで", "進"],
      ["これでおわり"],
      ["これで終わり"],
      ["これで完了"],
      ["おしまい"],
      ["これで全部"],
      ["これでぜんぶ"],
    ],
    inquiryStatus: [
      ["まだ"],
      ["おへんじ"],
      ["こたえきた"],
      ["答えきた"],
      ["答え来た"],
      ["返事"],
      ["回答"],
      ["返信"],
      ["へんじ"],
      ["どうなって"],
      ["どうなった"],
      ["答えてもらえ"],
      ["こたえてもらえ"],
      ["答えはまだ"],
    ],
    repeat: [
      ["もう一回", "言って"],
      ["もう一回", "いって"],
      ["もういっかい", "いって"],
      ["もう一度", "言って"],
      ["もう一度", "教えて"],
      ["もう一回", "教えて"],
      ["さっきの", "もう一回"],
      ["さっきの", "もう一度"],
      ["さっきの", "もういっかい"],
      ["さっきの", "見せて"],
      ["さっきの答え"],
    ],
    erase: [
      ["データ", "消して"],
      ["データ", "けして"],
      ["データ", "削除して"],
      ["データ", "消したい"],
      ["データ", "削除したい"],
      ["個人情報", "消して"],
      ["個人情報", "削除して"],
      ["全部消して"],
      ["ぜんぶけして"],
    ],
    inquiry: [
      ["担当", "聞きたい"],
      ["担当", "話したい"],
      ["担当", "相談したい"],
      ["担当の人"],
      ["人間", "話"],
      ["人と話"],
      ["事務局", "聞きたい"],
      ["事務局の人"],
      ["電話で相談したい"],
      // A call back from the association (「担当の方から電話もらえますか」): the topic is asked next.
      ["担当", "電話して"],
      ["担当", "電話もら"],
      ["担当", "電話くだ"],
      ["電話してほしい"],
      ["電話がほしい"],
      ["電話ください"],
      ["電話をください"],
      ["電話もらえ"],
      ["折り返し電話"],
      ["折り返しの電話"],
      ["にんげん"],
      ["人間の人"],
      ["担当の方"],
      ["人に代わ"],
      ["人にかわ"],
      ["人間", "代わ"],
      ["人間", "いない"],
      ["人に", "つない"],
      ["担当", "代わ"],
      ["担当", "つない"],
      ["事務局", "つない"],
      ["ロボットじゃなく"],
      ["機械じゃなく"],
      ["オペレーター"],
      ["係の人"],
      ["かかりの人"],
      ["かかりのひと"],
      ["詳しい人"],
      ["くわしい人"],
      ["くわしいひと"],
      // In kana, as typed on a phone.
      ["ひとにはなし"],
      ["ひととはなし"],
      ["ひとにきい"],
      ["ひとにきき"],
      ["人に聞いて"],
      ["人にきいて"],
      ["たんとうのひと"],
      ["たんとうのかた"],
      ["たんとう", "ききたい"],
      ["じむきょくのひと"],
      ["じむきょく", "ききたい"],
      ["じむきょく", "きいて"],
    ],
  },
  requestEntries: {
    registration: ["bot-start"],
    resume: [],
    inquiry: ["ask-association"],
    erase: ["bot-erase"],
  },
  requestMasks: [
    // 「引き続きよろしくお願いいたします」 closes a message: it is not 「続きから」.
    "引き続き",
    "引続き",
    "ひきつづき",
    "手続き",
    "手続",
    "手つづき",
    "てつづき",
    "持続",
    "接続",
    "継続",
    "相続",
    "連続",
    // Someone helped (「息子に手伝ってもらって…」): not 「登録を手伝って」.
    "手伝ってもらっ",
    "てつだってもらっ",
    // The portal's own button (「登録のボタンを押しました」 is a report, not 「登録したい」).
    "登録のボタン",
    "登録ボタン",
    "とうろくのぼたん",
    "とうろくぼたん",
  ],
  requestMaxLength: 60,
  triggers: {
    menu: ["メニュー", "menu", "最初の画面", "はじめ", "さいしょのがめん"],
    registration: [
      "登録",
      "登録したい",
      "ユーザー登録",
      "登録をはじめる",
      "登録する",
      "登録始め",
      "とうろく",
      "とうろくしたい",
      "とうろくをはじめる",
      "とうろくをはじめたい",
      "とうろくする",
    ],
    eligibility: [
      "対象",
      "対象か確認する",
      "使えるか",
      "うちは対象",
      "対象確認",
      "たいしょう",
      "たいしょうかかくにんする",
    ],
    progress: [
      "進み具合",
      "進捗",
      "状況",
      "今どこ",
      "次は何",
      "すすみぐあい",
      "しんちょく",
      "いまどこ",
      "つぎはなに",
    ],
    erase: ["データ削除", "データを削除", "個人情報を削除", "退会", "でーたさくじょ"],
    inquiry: [
      "担当者",
      "担当者に聞く",
      "担当者に聞きたい",
      "担当の人",
      "人と話したい",
      "人に聞きたい",
      "人間と話したい",
      "オペレーター",
      "問い合わせ",
      "問い合わせしたい",
      "事務局に聞きたい",
      "質問したい",
      "たんとうしゃ",
      "たんとうしゃにきく",
      "たんとうしゃにききたい",
      "といあわせ",
    ],
    callCentre: ["コールセンター", "コールセンターの番号", "電話番号を教えて", "こーるせんたー"],
    faq: ["よくある質問", "よくある質問を見る", "質問一覧", "faq", "よくあるしつもん", "しつもんいちらん"],
    resume: ["入力を続ける", "続ける", "続きから", "続きをやる", "再開", "再開する", "つづき", "続き"],
    noneOfThese: ["どれでもない", "どれも違う", "どれもちがう", "違う質問です"],
    correction: [
      "修正したい",
      "修正",
      "修正する",
      "訂正",
      "訂正したい",
      "直したい",
      "間違えたので直したい",
      "内容を直したい",
      "入力内容を修正したい",
      "入力内容を直したい",
      "入力を直したい",
      "直せる",
      "直せますか",
      "修正できる",
      "修正できますか",
      "訂正できますか",
    ],
    sheet: [
      "シート",
      "さっきのシートもう一回",
      "さっきのシート",
      "入力シート",
      "入力シート見たい",
      "入力シートを見たい",
      "シート見せて",
      "シートを見せて",
      "シート見たい",
      "シートを見たい",
      "さっきのシートをもう一度",
      "さっきのシートをもう一度おねがい",
      "入力シートまた出して",
      "シートまた出して",
      "シートをもう一度出して",
      "シートをもう一度",
      "シートもう一回",
      "さっきの表",
      "さっきの表もういっかいみせて",
      "さっきの表をもう一度見せて",
      "入力内容を見たい",
      "入力内容をもう一度見たい",
      "コピー用の内容",
    ],
  },
});
