// Japanese typed in romaji: on a PC with the IME off, a member sends 「hojokin no shinsei wa mada
// dekimasu ka」. Such a text is read as kana, so the answerer and the social words see 「ほじょきん の
// しんせい は まだ できますか」. A text is read so only when it is Japanese in romaji (particles and
// verb endings), and only words that spell kana fully are converted: 「ipad」 or 「gmail」 stay as typed.

const VOWELS: Record<string, string> = { a: "あ", i: "い", u: "う", e: "え", o: "お" };
/** Consonant (with its glide) → the kana of the vowels a, i, u, e, o, space-separated. */
const ROWS: Record<string, string> = {
  k: "か き く け こ",
  g: "が ぎ ぐ げ ご",
  s: "さ し す せ そ",
  z: "ざ じ ず ぜ ぞ",
  j: "じゃ じ じゅ じぇ じょ",
  t: "た ち つ て と",
  d: "だ ぢ づ で ど",
  n: "な に ぬ ね の",
  h: "は ひ ふ へ ほ",
  f: "ふぁ ふぃ ふ ふぇ ふぉ",
  b: "ば び ぶ べ ぼ",
  p: "ぱ ぴ ぷ ぺ ぽ",
  m: "ま み む め も",
  y: "や い ゆ いぇ よ",
  r: "ら り る れ ろ",
  l: "ら り る れ ろ",
  w: "わ うぃ う うぇ を",
  v: "ゔぁ ゔぃ ゔ ゔぇ ゔぉ",
  sh: "しゃ し しゅ しぇ しょ",
  ch: "ちゃ ち ちゅ ちぇ ちょ",
  ts: "つぁ つぃ つ つぇ つぉ",
  ky: "きゃ きぃ きゅ きぇ きょ",
  gy: "ぎゃ ぎぃ ぎゅ ぎぇ ぎょ",
  sy: "しゃ しぃ しゅ しぇ しょ",
  zy: "じゃ じぃ じゅ じぇ じょ",
  jy: "じゃ じぃ じゅ じぇ じょ",
  ty: "ちゃ ちぃ ちゅ ちぇ ちょ",
  cy: "ちゃ ちぃ ちゅ ちぇ ちょ",
  dy: "ぢゃ ぢぃ ぢゅ ぢぇ ぢょ",
  ny: "にゃ にぃ にゅ にぇ にょ",
  hy: "ひゃ ひぃ ひゅ ひぇ ひょ",
  by: "びゃ びぃ びゅ びぇ びょ",
  py: "ぴゃ ぴぃ ぴゅ ぴぇ ぴょ",
  my: "みゃ みぃ みゅ みぇ みょ",
  ry: "りゃ りぃ りゅ りぇ りょ",
};

/** The kana of one consonant and vowel. */
function kanaOf(consonant: string, vowel: string): string | undefined {
  return ROWS[consonant]?.split(" ")["aiueo".indexOf(vowel)];
}

const PARTICLES: Record<string, string> = { wa: "は", wo: "を", e: "へ" };

/** One Latin word as hiragana, or undefined when it does not spell kana (「ipad」「gmail」「line」 mostly do not). */
export function wordAsKana(word: string): string | undefined {
  const w = word.toLowerCase().replace(/n'/g, "N").replace(/[-']/g, "");
  // The particles are written as they are said: 「wa」 is は, 「wo」 is を, 「e」 alone is へ.
  if (w in PARTICLES) return PARTICLES[w];
  let out = "";
  let i = 0;
  while (i < w.length) {
    const c = w[i]!;
    if (c === "N") {
      out += "ん";
      i++;
      continue;
    }
    if (c in VOWELS) {
      out += VOWELS[c];
      i++;
      continue;
    }
    // ん: 「nn」, or n before a consonant or at the end (「shinsei」「kan」); n' is dropped above.
    if (c === "n" && (i + 1 === w.length || !/[aiueoy]/.test(w[i + 1]!))) {
      out += "ん";
      i += w[i + 1] === "n" && !/[aiueoy]/.test(w[i + 2] ?? "") ? 2 : 1;
      continue;
    }
    // A doubled consonant is っ (「kitte」, 「matcha」).
    if ((w[i + 1] === c || (c === "t" && w[i + 1] === "c")) && c !== "n" && /[a-z]/.test(c)) {
      out += "っ";
      i++;
      continue;
    }
    const two = w.slice(i, i + 2);
    const vowelAfter = (n: number) => w[i + n];
    let kana: string | undefined;
    if (ROWS[two] && vowelAfter(2) && vowelAfter(2)! in VOWELS) {
      kana = kanaOf(two, vowelAfter(2)!);
      if (kana) i += 3;
    } else if (vowelAfter(1) && vowelAfter(1)! in VOWELS) {
      // Hepburn spellings of the i and u cells: shi, chi, tsu, fu, ji are in the rows already.
      kana = kanaOf(c, vowelAfter(1)!);
      if (kana) i += 2;
    }
    if (!kana) return undefined;
    out += kana;
  }
  return out;
}

/** Words that only Japanese in romaji has: particles, copulas and verb endings. */
const JAPANESE_MARKERS =
  /^(wa|ha|no|ga|wo|ni|de|ka|to|mo|ne|yo|tte|kedo|desu|desuka|masu|masuka|masen|shimasu|suru|shitai|dekimasu|dekiru|nai|naino|iidesuka|kudasai|onegai|onegaishimasu|arigatou|arigato|gozaimasu|sumimasen|konnichiwa|konbanwa|ohayou|yoroshiku)$/u;
/** A Latin word standing alone: not a piece of a mail address, a domain or a code (「taro@gmail.com」). */
const LATIN_WORD = /(?<![\w@.'-])[A-Za-z][A-Za-z'-]*(?![\w@.])/g;

/**
 * The text with its romaji words as kana, when it is Japanese in romaji (a particle or verb ending
 * among its words); otherwise unchanged. Words that are not kana (「ipad」) are kept.
 */
export function romajiAsKana(text: string): string {
  const words = text.match(LATIN_WORD);
  if (!words || words.length < 2) return text;
  if (!words.some((w) => JAPANESE_MARKERS.test(w.toLowerCase()))) return text;
  return text.replace(LATIN_WORD, (w) => wordAsKana(w) ?? w);
}

/** Domain words read aloud in kana (「じーめーる」), as the address writes them. */
const SPOKEN_DOMAIN_WORDS: Record<string, string> = {
  じーめーる: "gmail",
  じーめいる: "gmail",
  じめーる: "gmail",
  やふー: "yahoo",
  やほー: "yahoo",
  あいくらうど: "icloud",
  どこも: "docomo",
  いーぜっとうぇぶ: "ezweb",
  えーゆー: "au",
  そふとばんく: "softbank",
  あうとるっく: "outlook",
  ほっとめーる: "hotmail",
  にふてぃ: "nifty",
  こむ: "com",
  こん: "com",
  じぇーぴー: "jp",
  じぇいぴー: "jp",
  じぇぴー: "jp",
  しーおー: "co",
  こー: "co",
  ねっと: "net",
  えぬいー: "ne",
  ねー: "ne",
};

/** kana → romaji (Hepburn), built from the rows above; longest kana first. */
const KANA_TO_ROMAJI: [string, string][] = (() => {
  const pairs = new Map<string, string>();
  for (const [consonant, row] of Object.entries(ROWS)) {
    row.split(" ").forEach((kana, i) => {
      const romaji = consonant + "aiueo"[i]!;
      // Hepburn spellings win: し shi, ち chi, つ tsu, ふ fu, じ ji (first one kept).
      const hepburn = { si: "shi", ti: "chi", tu: "tsu", hu: "fu", zi: "ji" }[romaji] ?? romaji;
      if (kana && !pairs.has(kana)) pairs.set(kana, hepburn);
    });
  }
  for (const [vowel, kana] of Object.entries(VOWELS)) pairs.set(kana, vowel);
  for (const [kana, romaji] of [
    ["し", "shi"],
    ["ち", "chi"],
    ["つ", "tsu"],
    ["ふ", "fu"],
    ["じ", "ji"],
    ["を", "o"],
    ["ん", "n"],
  ] as const)
    pairs.set(kana, romaji);
  return [...pairs].sort((a, b) => b[0].length - a[0].length);
})();

/** A word in hiragana as romaji (「やまだ」→「yamada」), or undefined when it has other characters. */
export function kanaAsRomaji(word: string): string | undefined {
  if (!/^[\u3041-\u3096ー]+$/u.test(word)) return undefined;
  let out = "";
  let i = 0;
  while (i < word.length) {
    if (word[i] === "っ") {
      const next = KANA_TO_ROMAJI.find(([k]) => word.startsWith(k, i + 1));
      if (next) out += next[1][0];
      i++;
      continue;
    }
    if (word[i] === "ー") {
      out += out.at(-1) ?? "";
      i++;
      continue;
    }
    const hit = KANA_TO_ROMAJI.find(([k]) => word.startsWith(k, i));
    if (!hit) return undefined;
    out += hit[1];
    i += hit[0].length;
  }
  return out;
}

/**
 * A mail address read aloud in kana (「やまだ あっと じーめーる どっと こむ」, after 「あっと」→「@」 and
 * 「どっと」→「.」): the domain words and the kana as Latin letters, or null when it is not one.
 */
export function spokenAddress(text: string): string | null {
  const compact = text.replace(/\s+/gu, "");
  const at = compact.indexOf("@");
  if (at <= 0 || !/[\u3041-\u3096]/u.test(compact)) return null;
  const parts = compact.split(/([@.])/u);
  const latin = parts.map((p) => {
    if (p === "@" || p === "." || /^[a-z0-9._+-]*$/iu.test(p)) return p;
    const kana = p.replace(/[\u30a1-\u30f6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
    return SPOKEN_DOMAIN_WORDS[kana] ?? kanaAsRomaji(kana) ?? null;
  });
  return latin.every((p) => p !== null) ? latin.join("").toLowerCase() : null;
}
