// The simulator's static frame: header with the member selector, event buttons, the chat log, the
// quick-reply bar, the composer and a one-line developer status. Nothing from the bot goes here.
export const PAGE_BODY = `
<div class="phone" role="application" aria-label="LINE シミュレーター">
  <header class="bar">
    <h1>協会ヘルプデスク</h1>
    <label class="sr" for="user" hidden>ユーザー</label>
    <select id="user" aria-label="ユーザー"></select>
    <button type="button" class="add" id="add-user">+ ユーザー追加</button>
  </header>
  <nav class="tools" aria-label="イベント">
    <button type="button" data-event="follow">友だち追加</button>
    <button type="button" data-event="unfollow">ブロック</button>
    <button type="button" data-event="refollow">ブロック解除</button>
    <button type="button" data-sticker>スタンプを送る</button>
    <button type="button" id="clear">履歴を消す</button>
    <button type="button" data-advance="3600000" title="時計を1時間進めて、リマインダーを確かめます">+1時間</button>
    <button type="button" data-advance="86400000" title="時計を1日進めて、リマインダーを確かめます">+1日</button>
    <span id="clock" class="clock" aria-live="polite"></span>
  </nav>
  <main id="log" class="log" aria-live="polite"></main>
  <div id="quick" class="quick" aria-label="クイックリプライ"></div>
  <form id="composer" class="composer" autocomplete="off">
    <textarea id="input" rows="1" placeholder="メッセージを入力" aria-label="メッセージ"></textarea>
    <button type="submit" id="send">送信</button>
  </form>
  <!--RICH_MENU-->
  <div id="status" class="status">webhook: -</div>
  <div id="toast" class="toast" role="status"></div>
</div>
`;
