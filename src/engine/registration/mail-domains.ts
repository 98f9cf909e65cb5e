// A mail address whose domain is one letter off a domain members use (gmial.com, gmail.con,
// yahoo.co.pj): the portal's 24-hour link would go nowhere, so the likely domain is offered.

/** Optimal string alignment distance (a swap of two neighbours counts as one edit). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/** The known domain a domain is a near miss of, else null. */
function nearestDomain(domain: string, domains: readonly string[]): string | null {
  let best: { domain: string; distance: number } | null = null;
  for (const known of domains) {
    const distance = editDistance(domain, known);
    const allowed = known.length <= 6 ? 1 : 2;
    if (distance <= allowed && (!best || distance < best.distance)) best = { domain: known, distance };
  }
  return best?.domain ?? null;
}

/** The corrected address when the domain is a near miss of a known one, else null. */
export function mailDomainSuggestion(email: string, domains: readonly string[]): string | null {
  const at = email.lastIndexOf("@");
  if (at < 0) return null;
  const domain = email.slice(at + 1);
  if (domains.includes(domain)) return null;
  // 「satou-sekotsu,jp」: a comma typed for the dot (next to each other on a phone's keyboard).
  const comma = /^[a-z0-9-]+(?:[.,][a-z0-9-]+)+$/iu.test(domain) && domain.includes(",");
  const dotted = domain.replace(/,/gu, ".");
  const suggested = comma ? (nearestDomain(dotted, domains) ?? dotted) : nearestDomain(domain, domains);
  return suggested ? `${email.slice(0, at + 1)}${suggested}` : null;
}
