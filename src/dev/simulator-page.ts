// Placeholder page until the phone-like simulator lands (issue 2, part 5).
export const simulatorPageHtml = `<!doctype html><html lang="ja"><meta charset="utf-8"><title>LINE シミュレーター</title><body><p>simulator</p></body></html>`;
