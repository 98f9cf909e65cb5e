// Removes what could identify a member from free text before it is kept for staff statistics
// (unanswered questions): mail addresses, numbers of four digits or more, long Latin tokens.
const MAX_KEPT = 200;

export function scrubPersonal(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "＊")
    .replace(/\d[\d\s-]{3,}/g, "＊")
    .replace(/[A-Za-z0-9]{8,}/g, "＊")
    .slice(0, MAX_KEPT);
}
