// Entries that answer overlapping questions (written as two entries because each also answers
// something the other does not). When two siblings lead, the top one is answered and its sibling
// offered as a button, instead of a 「もしかして」 between two right answers.
export const FAQ_SIBLINGS: readonly (readonly string[])[] = [
  ["subsidy-cap", "subsidy-closed"],
  ["callcentre", "callcentre-mail"],
  ["link-24h", "link-expired"],
  ["device-types", "devices-2026"],
  ["app-download", "app-store"],
  ["wait-7days", "usage-application"],
  ["registration-complete", "completion-mail"],
  ["start-date", "start-date-missed"],
  ["kyo-kei-meaning", "form-kyo-kei"],
];
