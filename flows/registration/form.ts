// The form's fields in the portal's order (what each asks, where to find it, an example), the
// quick-reply options and the rejection messages. Part of flows/registration.ts, split for length.
import type { RegistrationCopyInput } from "./schema.js";

const MAIL_EXAMPLE = "例）saiseitaro@gmail.com";

export const formCopy = {
  fields: {
    familyName: {
      label: "姓",
      pick: "姓",
      prompt: "お名前の「姓」を入力してください。ポータルに登録する方のお名前です。\n例）埼玉",
      hint: "ポータルの「*姓」の欄に入れる内容です。ふだんお使いの漢字・かなで入力してください。",
      example: "埼玉",
    },
    givenName: {
      label: "名",
      pick: "名",
      prompt: "お名前の「名」を入力してください。\n例）太郎",
      hint: "ポータルの「*名」の欄に入れる内容です。",
      example: "太郎",
    },
    affiliation: {
      label: "所属機関選択",
      pick: "所属機関",
      prompt:
        "所属機関を下のボタンから選んでください。\n接骨院・整骨院（柔道整復）の方は「施術所（柔道整復）」です。",
      hint: "ポータルでは次の3つから1つを選びます。\n・健診実施機関等\n・施術所（柔道整復）\n・施術所（あん摩マッサージ指圧・はり・きゅう）\n本会の会員の方は、ふつう「施術所（柔道整復）」です。",
      example: "施術所（柔道整復）",
    },
    agreementKind: {
      label: "① 入力項目（協/契）",
      pick: "登録記号番号（協・契）",
      prompt:
        "受領委任承諾通知書の「登録記号番号」の最初の文字は「協」と「契」のどちらですか。\n例）【協1101234-5-6】なら「協」です。本会の会員の方は、ふつう「協」です。番号をそのまま送っていただいてもかまいません。",
      hint: "受領委任承諾通知書の登録記号番号の欄を見てください。【協1101234-5-6】のように、最初に「協」か「契」が書かれています。",
      example: "協",
    },
    registrationDigits: {
      label: "② 入力項目（数字9桁）",
      pick: "登録記号番号（数字）",
      prompt:
        "登録記号番号の数字9桁を入力してください。ハイフンはあってもなくてもかまいません。\n例）【契0123456-7-8】なら 012345678",
      hint: "受領委任承諾通知書の登録記号番号の数字の部分です。ポータルにはハイフンなしの9桁で入力します。「協1101234-5-6」のように番号をまるごと送っていただいても大丈夫です。",
      example: "012345678",
    },
    clinicName: {
      label: "施術所名",
      pick: "施術所名",
      prompt:
        "施術所名を入力してください。ポータルでは登録記号番号から自動で入りますが、正しく入ったか確かめるためにお聞きしています。\n例）埼玉接骨院",
      hint: "ポータルでは登録記号番号から自動で入ります。正しく入ったか確かめるためにお聞きしています。",
      example: "埼玉接骨院",
    },
    phoneNumber: {
      label: "電話番号",
      pick: "電話番号",
      prompt:
        "施術所の電話番号を入力してください。ハイフンはあってもなくてもかまいません（ポータルにはハイフンなしで入れるので、シートではハイフンを取ってお渡しします）。\n例）0486251211",
      hint: "ポータルには半角数字・ハイフンなしで入力します。市外局番から10桁か11桁で入力してください。",
      example: "0486251211",
    },
    email: {
      label: "メールアドレス",
      pick: "メールアドレス",
      prompt: `メールアドレスを入力してください。登録用のリンクがこのアドレスに届きます。\n${MAIL_EXAMPLE}`,
      hint: "ポータルのユーザー名にもなるアドレスです。使える文字は英小文字・数字・ピリオド（.）・ハイフン（-）・アンダーバー（_）です。ふだん受け取れるアドレスにしてください。",
      example: "saiseitaro@gmail.com",
    },
  },
  affiliations: [
    {
      value: "施術所（柔道整復）",
      label: "施術所（柔道整復）",
      words: [
        "施術所（柔道整復）",
        "柔道整復",
        "柔整",
        "接骨院",
        "整骨院",
        "ほねつぎ",
        "せっこついん",
        "せいこついん",
        "じゅうせい",
        "じゅうどうせいふく",
      ],
    },
    {
      value: "施術所（あん摩マッサージ指圧・はり・きゅう）",
      label: "施術所（あん摩・はり・きゅう）",
      words: [
        "施術所（あん摩マッサージ指圧・はり・きゅう）",
        "あはき",
        "あん摩",
        "マッサージ",
        "はり",
        "きゅう",
        "鍼灸",
        "鍼灸院",
        "しんきゅう",
        "はりきゅう",
        "あんま",
      ],
    },
    // Last: few of the association's members are 健診実施機関等 (the likeliest choice comes first).
    { value: "健診実施機関等", label: "健診実施機関等", words: ["健診実施機関等", "健診実施機関", "健診"] },
  ],
  agreementKinds: [
    { value: "協", label: "協", words: ["協", "協定", "きょう"] },
    { value: "契", label: "契", words: ["契", "契約", "けい"] },
  ],
  errors: {
    name: {
      empty: "{label}が空でした。{label}を入力してください。\n例）{example}",
      tooLong: "{label}は{max}文字以内で入力してください（いまは{n}文字です）。\n例）{example}",
      digitsOnly: "{label}が数字だけになっています。お名前を文字で入力してください。\n例）{example}",
      emoji: "{label}に絵文字は使えません。文字だけで入力してください。\n例）{example}",
      noLetters: "{label}として読み取れる文字がありませんでした。\n例）{example}",
    },
    clinic: {
      empty: "施術所名が空でした。\n例）{example}",
      tooLong: "施術所名は{max}文字以内で入力してください（いまは{n}文字です）。\n例）{example}",
      digitsOnly: "施術所名が数字だけになっています。施術所の名前を入力してください。\n例）{example}",
      emoji: "施術所名に絵文字は使えません。文字だけで入力してください。\n例）{example}",
      noLetters: "施術所名として読み取れる文字がありませんでした。\n例）{example}",
    },
    affiliation:
      "所属機関は下の3つのボタンから選んでください。\n例）接骨院・整骨院の方は「施術所（柔道整復）」です。",
    agreementKind: "「協」か「契」を下のボタンから選んでください。\n例）【契0123456-7-8】なら「契」です。",
    digits: {
      empty: "数字が入っていませんでした。登録記号番号の数字9桁を入力してください。\n例）012345678",
      notDigits: "数字以外の文字が入っています。登録記号番号の数字9桁だけを入力してください。\n例）012345678",
      wrongLength: "数字が{n}桁でした。登録記号番号の数字は9桁です。\n例）【契0123456-7-8】なら 012345678",
    },
    phone: {
      empty: "電話番号が空でした。\n例）0486251211",
      notDigits: "電話番号に数字以外の文字が入っています。数字だけで入力してください。\n例）0486251211",
      noLeadingZero: "電話番号は市外局番の「0」から入力してください。\n例）0486251211",
      wrongLength: "電話番号が{n}桁でした。市外局番から10桁か11桁で入力してください。\n例）0486251211",
      landlineLength:
        "電話番号が11桁でした。固定電話の番号は市外局番から10桁です（11桁は携帯電話などの番号です）。もう一度ご確認ください。\n例）0486251211",
      mobileLength:
        "電話番号が10桁でした。070・080・090などで始まる携帯電話の番号は11桁です。もう一度ご確認ください。\n例）09012345678",
    },
    email: {
      empty: `メールアドレスが空でした。\n${MAIL_EXAMPLE}`,
      tooLong: `メールアドレスが長すぎます。もう一度確かめてください。\n${MAIL_EXAMPLE}`,
      noAt: `「@」が1つだけ入ったメールアドレスを入力してください。\n${MAIL_EXAMPLE}`,
      badLocal: `「@」より前に使えない文字が入っています。使えるのは英小文字・数字・「.」「-」「_」だけです。\n${MAIL_EXAMPLE}`,
      badDomain: `「@」より後ろが正しくないようです。「gmail.com」のような形になっているか確かめてください。\n${MAIL_EXAMPLE}`,
    },
    nameHasSpace: "{label}にスペースが入っています。{label}だけを入力してください。\n例）{example}",
  },
} satisfies Pick<RegistrationCopyInput, "fields" | "affiliations" | "agreementKinds" | "errors">;
