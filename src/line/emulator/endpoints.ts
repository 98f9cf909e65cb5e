// Names each request by its endpoint (path parameters folded), for stats() and failNext() matching.

const PARAMETERISED: Array<[RegExp, string]> = [
  [/^\/v2\/bot\/profile\/[^/]+$/, "/v2/bot/profile/{userId}"],
  [/^\/v2\/bot\/richmenu\/(?!list$)[^/]+\/content$/, "/v2/bot/richmenu/{richMenuId}/content"],
  [/^\/v2\/bot\/richmenu\/(?!list$)[^/]+$/, "/v2/bot/richmenu/{richMenuId}"],
  [/^\/v2\/bot\/user\/all\/richmenu\/[^/]+$/, "/v2/bot/user/all/richmenu/{richMenuId}"],
];

/** The path below any mount prefix: "/line-emulator/v2/bot/x" → "/v2/bot/x". */
export function relativePath(path: string): string {
  const at = path.indexOf("/v2/");
  return at < 0 ? path : path.slice(at);
}

export function endpointKey(relative: string): string {
  for (const [pattern, key] of PARAMETERISED) if (pattern.test(relative)) return key;
  return relative;
}
