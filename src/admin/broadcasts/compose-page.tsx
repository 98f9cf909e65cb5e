// GET /admin/broadcasts/new: the compose form (text, optional link button, audience). Saving makes
// a draft whose page shows the preview and the recipient count before anything is sent.
import { AFFILIATIONS, JOURNEY_STEPS } from "../../engine/types.js";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { NO_STEP_LABEL, STEP_LABELS } from "../format.js";
import { CsrfField, Layout } from "../pages/layout.js";
import type { ComposeInput } from "./form.js";

const EMPTY: ComposeInput = {
  text: "",
  linkLabel: "",
  linkUri: "",
  audienceKind: "notReached",
  step: "",
  affiliation: "",
  notReachedStep: "applied",
};

export function ComposePage(props: { staff: SessionStaff; input?: ComposeInput; errors?: string[] }) {
  const input = props.input ?? EMPTY;
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
      <form method="post" action="/admin/broadcasts" class="panel">
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
          {radio("notReached", "次の段階まで進んでいない会員")}
          <select name="notReachedStep" aria-label="まだ進んでいない段階">
            {JOURNEY_STEPS.map((s) => (
              <option value={s} selected={input.notReachedStep === s}>
                「{STEP_LABELS[s]}」まで進んでいない
              </option>
            ))}
          </select>
          {radio("journeyStep", "進捗で選ぶ")}
          <select name="step" aria-label="進捗">
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
          <select name="affiliation" aria-label="所属機関">
            {AFFILIATIONS.map((a) => (
              <option value={a} selected={input.affiliation === a}>
                {a}
              </option>
            ))}
          </select>
        </fieldset>
        <p>
          <button type="submit">下書きを保存して確認へ</button>
        </p>
      </form>
    </Layout>
  );
}
