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
  ["exemptions", "exempt-age"],
  ["exemptions", "exempt-closing"],
  ["exemptions", "exempt-ahaki-visual"],
  ["not-introduced", "group-guidance"],
  ["not-introduced", "juryo-stop-notice"],
  ["insurance-card-2026", "shikaku-kakuninsho"],
  ["insurance-card-2026", "expired-card"],
  ["subsidy-closed", "kyoryokukin"],
  ["devices-2026", "device-mac"],
  ["app-store", "app-account"],
  ["form-email", "email-which"],
];
