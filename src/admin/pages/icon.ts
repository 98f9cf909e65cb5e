// The staff area's tab icon, a small SVG served from /admin/assets (browsers otherwise ask for
// /favicon.ico on every page and get a 404): the association's green with 「会」.
export const ADMIN_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b6b3a"/><text x="16" y="23" font-size="19" text-anchor="middle" fill="#fff" font-family="sans-serif">会</text></svg>`;
