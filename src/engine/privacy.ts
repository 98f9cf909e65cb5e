// Removes what could identify a member from free text before it is kept for staff statistics
// (unanswered questions): the member's own form answers, mail addresses, numbers of four digits or
// more, long Latin tokens.
const MAX_KEPT = 200;

export function scrubPersonal(input: string, known: Array<string | undefined> = []): string {
  let text = input.normalize("NFKC");
  // What the member told us in the form (name, clinic…) is removed wherever it appears.
  for (const value of known) {
    const v = value?.normalize("NFKC").trim();
    if (v && v.length >= 2) text = text.split(v).join("＊");
  }
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "＊")
    .replace(/\d[\d\s-]{3,}/g, "＊")
    .replace(/[A-Za-z0-9]{8,}/g, "＊")
    .slice(0, MAX_KEPT);
}

/**
 * Control characters (except line breaks and tabs), lone surrogates and bidi overrides carry no
 * meaning in a member's message but can corrupt a stored value or disguise it on a card.
 */
export function stripInvisible(input: string): string {
  return input.replace(
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]|\p{Cs}/gu,
    "",
  );
}
