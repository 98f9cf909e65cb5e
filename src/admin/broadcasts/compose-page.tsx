// GET /admin/broadcasts/new: the compose form (text, optional link button, audience). Saving makes
// a draft whose page shows the preview and the recipient count before anything is sent.
import { AFFILIATIONS, JOURNEY_STEPS } from "../../engine/types.js";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { NO_STEP_LABEL, STEP_LABELS } from "../format.js";
import { CsrfField, Layout } from "../pages/layout.js";
import { type ComposeInput, EMPTY_COMPOSE, ROSTER_NOT_DONE_LABEL } from "./form.js";

export function ComposePage(props: {
  staff: SessionStaff;
  input?: ComposeInput;
  errors?: string[];
  reach: { text: string; overQuota: boolean };
  copiedFrom?: number;
}) {
  const input = props.input ?? EMPTY_COMPOSE;
  const isAdmin = props.staff.role === "admin";
  const radio = (kind: string, label: string) => (
    <label style="font-weight:normal">
      <input type="radio" name="audienceKind" value={kind} checked={input.audienceKind === kind} /> {label}
    </label>
  );
  return (
    <Layout title="お知らせを作成" staff={props.staff} current="/admin/broadcasts">
      {props.errors && props.errors.length > 0 ? (
        <div class="flash error" role="alert">
          <ul style="margin:0">
            {props.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.copiedFrom ? (
        <p class="flash ok" role="status">
          お知らせ #{props.copiedFrom}{" "}
          の内容と宛先をコピーしました。直してから保存してください（元のお知らせは変わりません）。
        </p>
      ) : null}
      <form method="post" action="/admin/broadcasts" class="panel" data-audience="/admin/broadcasts/audience">
        <CsrfField token={props.staff.csrfToken} />
        <label for="text">本文（5,000文字まで）</label>
        <textarea id="text" name="text" maxlength={5000} required>
          {input.text}
        </textarea>
        <label for="linkLabel">リンクボタンの文字（任意・20文字まで）</label>
        <input type="text" id="linkLabel" name="linkLabel" maxlength={20} value={input.linkLabel} />
        <label for="linkUri">リンク先URL（任意・https://）</label>
        <input type="url" id="linkUri" name="linkUri" value={input.linkUri} placeholder="https://" />
        <fieldset style="border:0;padding:0;margin-top:1rem">
          <legend style="font-weight:600">宛先</legend>
          {isAdmin ? radio("all", "有効な友だち全員") : null}
          {radio("rosterNotDone", ROSTER_NOT_DONE_LABEL)}
          {radio("notReached", "次の段階まで進んでいない会員")}
          <select name="notReachedStep" aria-label="まだ進んでいない段階" data-for="notReached">
            {JOURNEY_STEPS.map((s) => (
              <option value={s} selected={input.notReachedStep === s}>
                「{STEP_LABELS[s]}」まで進んでいない
              </option>
            ))}
          </select>
          {radio("journeyStep", "進捗で選ぶ")}
          <select name="step" aria-label="進捗" data-for="journeyStep">
            <option value="none" selected={input.step === "none"}>
              {NO_STEP_LABEL}
            </option>
            {JOURNEY_STEPS.map((s) => (
              <option value={s} selected={input.step === s}>
                {STEP_LABELS[s]}
              </option>
            ))}
          </select>
          {radio("affiliation", "所属機関で選ぶ")}
          <select name="affiliation" aria-label="所属機関" data-for="affiliation">
            {AFFILIATIONS.map((a) => (
              <option value={a} selected={input.affiliation === a}>
                {a}
              </option>
            ))}
          </select>
        </fieldset>
        <p
          data-audience-count
          data-testid="compose-count"
          aria-live="polite"
          class={props.reach.overQuota ? "warn" : undefined}
        >
          {props.reach.text}
        </p>
        <p class="muted">
          一覧から選ぶと、その左の宛先も選ばれます。送信前にもう一度、人数と内容を確かめる画面が出ます。
        </p>
        <p>
          <button type="submit">下書きを保存して確認へ</button>
        </p>
      </form>
    </Layout>
  );
}
