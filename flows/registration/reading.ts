// How the form reads answers typed as people type them: what is said when a text is not an answer
// to the current field, the name split offer, mail-domain typos and corrections at 入力内容確認.
// Part of flows/registration.ts, split for length.

/** Common family names (kanji), for offering a split of 「埼玉太郎」 typed without a space. */
const SURNAMES =
  "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 斉藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 斉藤 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 原 柴田 酒井 工藤 横山 宮崎 宮本 内田 高木 安藤 島田 谷口 大野 高田 丸山 今井 河野 藤本 村田 武田 上野 杉山 増田 小山 大塚 平野 菅原 久保 松井 千葉 岩崎 桜井 木下 野口 松尾 菊地 野村 新井 渡部 佐野 杉本 古川 大西 浜田 市川 小松 水野 北村 西田 五十嵐 中西 菅野 服部 関 吉川 川口 辻 永井 田口 荒木 大橋 宮田 樋口 秋山 高野 矢野 松下 小池 平田 尾崎 吉村 岩田 大久保 関口 須藤 星野 飯田 埼玉 大宮 浦和 川越 秩父 熊谷 所沢 越谷".split(
    " ",
  );

export const readingCopy = {
  reading: {
    surnames: SURNAMES,
    /** Words that make a text a clinic's name rather than a person's (at the 姓・名 prompts). */
    clinicWords: [
      "接骨院",
      "整骨院",
      "治療院",
      "鍼灸院",
      "はりきゅう院",
      "マッサージ院",
      "整体院",
      "クリニック",
      "施術所",
      "ほねつぎ",
      "院",
    ],
    /** Pieces of a sentence that no name contains (「電話がきたので」「後でやります」). */
    sentenceMarkers: [
      "ので",
      "から",
      "けど",
      "けれど",
      "ください",
      "ません",
      "ました",
      "したい",
      "けたい",
      "りたい",
      "やっぱり",
      "って",
      "ですが",
      "まして",
      "ちょっと",
      "でしょう",
      "ますか",
      "します",
    ],
    /** Words of a correction at 入力内容確認 (「電話番号を間違えました」). */
    correctionWords: [
      "間違",
      "まちが",
      "違う",
      "ちがう",
      "違い",
      "ちがい",
      "修正",
      "訂正",
      "直し",
      "なおし",
      "変更",
      "変え",
      "かえ",
      // 「電話は医院の方に戻してください」「【】はいらないです」「（本院）は消して」
      "戻して",
      "もどして",
      "いらない",
      "要らない",
      "いりません",
      "消して",
      "けして",
      "取って",
      "外して",
      "はずして",
      "削って",
      "書き直",
      "入れ直",
    ],
    /** How members name a field when they correct it at 入力内容確認 (checked in this order). */
    blockLabels: {
      name: ["氏名", "お名前", "名前", "なまえ", "院長名", "院長", "代表者名", "代表者", "申請者"],
      familyName: ["姓", "苗字", "名字"],
      givenName: ["名", "下の名前"],
      clinicName: ["施術所名", "施術所の名前", "施術所", "院名", "医院名", "屋号", "接骨院名", "整骨院名"],
      phoneNumber: ["tel", "電話番号", "電話", "でんわ", "☎", "📞"],
      email: ["e-mail", "email", "mail", "メールアドレス", "メアド", "メール", "アドレス"],
      registrationNumber: ["登録記号番号", "記号番号", "登録番号", "番号"],
      affiliation: ["所属機関", "所属"],
    },
    fieldWords: {
      email: ["メールアドレス", "メアド", "メール", "アドレス", "mail"],
      phoneNumber: ["電話番号", "電話", "でんわ", "tel"],
      clinicName: ["施術所名", "施術所の名前", "院名", "接骨院の名前", "整骨院の名前", "医院名", "屋号"],
      registrationDigits: ["登録記号番号", "記号番号", "登録番号", "数字9桁", "9桁", "番号"],
      agreementKind: ["協と契", "協契", "協か契", "①"],
      affiliation: ["所属機関", "所属"],
      givenName: ["下の名前", "名のほう", "名前の名"],
      familyName: ["苗字", "名字", "姓", "名前", "氏名"],
    },
    /** The mail domains members use: a near miss (gmial.com, gmail.con) is offered corrected. */
    /** Mobile carriers' mail: the portal's mail may be refused by the phone's own filter. */
    carrierDomains: [
      "docomo.ne.jp",
      "ezweb.ne.jp",
      "au.com",
      "softbank.ne.jp",
      "i.softbank.jp",
      "ymobile.ne.jp",
    ],
    mailDomains: [
      "gmail.com",
      "googlemail.com",
      "yahoo.co.jp",
      "ymail.ne.jp",
      "yahoo.com",
      "icloud.com",
      "me.com",
      "mac.com",
      "docomo.ne.jp",
      "ezweb.ne.jp",
      "au.com",
      "softbank.ne.jp",
      "i.softbank.jp",
      "ymobile.ne.jp",
      "outlook.jp",
      "outlook.com",
      "hotmail.co.jp",
      "hotmail.com",
      "live.jp",
      "nifty.com",
      "biglobe.ne.jp",
      "ocn.ne.jp",
      "so-net.ne.jp",
      "plala.or.jp",
      "jcom.zaq.ne.jp",
      "rakuten.jp",
    ],
    messages: {
      nameSplitAsk: "姓「{family}」、名「{given}」でよろしいですか。",
      kanaWholeAsk:
        "「{typed}」は、姓と名の両方でしょうか。\n両方のときは、姓と名のあいだにスペースを入れて送ってください。\n例）さいたま たろう\n姓だけのときは「姓だけです」を押してください。",
      givenSurnameAsk:
        "「{given}」は名字のようです。名を「{given}」でよろしいですか。\n姓を直したいときは「姓を直す」を押してください。",
      clinicAtName:
        "「{value}」は施術所名のようです。施術所名はあとでお聞きします。\nいまは、お名前の「{label}」を入力してください。\n例）{example}",
      dataAtName:
        "メールアドレスや電話番号はあとでお聞きします。\nいまは、お名前の「{label}」を入力してください。\n例）{example}",
      sentenceAtName: "お名前として読み取れませんでした。「{label}」だけを入力してください。\n例）{example}",
      carrierMail:
        "携帯電話のメールは、受信を制限していると登録用のメールが届かないことがあります。差出人「from@mail.iryohokenjyoho-portalsite.jp」のメールを受け取れるようにしておくと安心です。",
      dataAtClinic:
        "施術所名にメールアドレスや電話番号は入れられません。施術所の名前を入力してください。\n例）{example}",
      taken: "{label}は「{value}」として受け付けました。",
      phoneExtension: "内線（{extension}）はポータルに入れられないため、「{value}」として受け付けました。",
      digitsAtKind: "数字「{digits}」は受け取りました。",
      digitsShortAtKind:
        "数字が{n}桁でした。登録記号番号の数字は9桁です。受領委任承諾通知書をもう一度お確かめください。",
      emailTypoAsk: "「{suggestion}」ではありませんか？\nいまの入力：{email}",
      emailDots:
        "メールアドレスに「.」が続いているか、「@」や先頭・末尾のとなりに「.」があります。この形はポータルで登録できません。もう一度お確かめください。\n例）saiseitaro@gmail.com",
      replaceAsk: "{label}を「{value}」に変えますか。",
      replaced: "{label}を「{value}」に変えました。",
    },
    buttons: {
      splitYes: "はい",
      splitFamilyOnly: "姓だけです",
      splitRetry: "入力しなおす",
      givenKeep: "はい、名です",
      givenFixFamily: "姓を直す",
      typoFix: "はい",
      typoKeep: "このまま",
      replaceYes: "はい、変える",
      replaceNo: "いいえ",
    },
  },
};
