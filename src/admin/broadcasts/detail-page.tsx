// GET /admin/broadcasts/:id: the preview, the audience and how many members it reaches now, the
// quota left, then send now / schedule / cancel; once sending, the delivery figures.
import { pushHours } from "../../../flows/push-hours.js";
import type { Composition } from "../../broadcast/messages.js";
import { isWithinPushHours, nextPushTime } from "../../engine/journey/push-hours.js";
import type { ChunkFigures } from "../../store/broadcast-chunks.js";
import type { BroadcastRow } from "../../store/broadcasts.js";
import type { SessionStaff } from "../../store/staff-sessions.js";
import { formatJst, formatNumber, toJstLocal } from "../format.js";
import { CsrfField, type Flash, Layout } from "../pages/layout.js";
import type { Quota } from "../quota.js";
import { PhonePreview } from "./phone-preview.js";

export const STATUS_LABELS: Record<string, string> = {
  draft: "下書き",
  scheduled: "予約済み",
  sending: "送信中",
  sent: "送信済み",
  cancelled: "取り消し",
  failed: "失敗",
};

export interface BroadcastView {
  staff: SessionStaff;
  broadcast: BroadcastRow;
  composition: Composition;
  audienceLabel: string;
  /** Members the audience matches now (drafts and scheduled ones). */
  liveCount: number;
  figures: ChunkFigures;
  quota: Quota | null;
  now: Date;
  flash?: Flash | null;
}

export function BroadcastDetailPage(view: BroadcastView) {
  const { broadcast: b, staff } = view;
  const base = `/admin/broadcasts/${b.id}`;
  const pending = b.status === "draft" || b.status === "scheduled";
  return (
    <Layout title={`お知らせ #${b.id}`} staff={staff} current="/admin/broadcasts" flash={view.flash}>
      {b.status === "sending" ? <span data-reload-after="3" hidden /> : null}
      <div class="row" style="align-items:flex-start;gap:1.5rem">
        <PhonePreview composition={view.composition} />
        <div class="panel" style="flex:1 1 20rem">
          <dl class="fields">
            <dt>状態</dt>
            <dd data-testid="status">
              {b.status === "sending" && view.figures.retrying > 0
                ? "送信中（再送を待っています）"
                : (STATUS_LABELS[b.status] ?? b.status)}
            </dd>
            <dt>宛先</dt>
            <dd>{view.audienceLabel}</dd>
            {pending ? (
              <>
                <dt>いまの対象人数</dt>
                <dd data-testid="recipient-count">{formatNumber(view.liveCount)} 人</dd>
              </>
            ) : null}
            <When broadcast={b} />
            {view.quota ? (
              <>
                <dt>今月の残り通数</dt>
                <dd>
                  {view.quota.limit === null
                    ? "上限なし"
                    : `${formatNumber(Math.max(0, view.quota.limit - view.quota.used))} 通`}
                </dd>
              </>
            ) : null}
          </dl>
          {pending && view.quota?.limit != null && view.liveCount > view.quota.limit - view.quota.used ? (
            <p class="flash error">対象人数が今月の残り通数を超えています。送り切れない場合があります。</p>
          ) : null}
          {pending ? (
            <Actions base={base} staff={staff} count={view.liveCount} now={view.now} />
          ) : (
            <Figures {...view} />
          )}
        </div>
      </div>
    </Layout>
  );
}

/**
 * When it goes out: only a scheduled one has a 送信予定 (with the morning it waits for when set at
 * night); one sent or sending says when it started, a cancelled one when it was cancelled.
 */
function When(props: { broadcast: BroadcastRow }) {
  const b = props.broadcast;
  if (b.status === "scheduled" && b.scheduledAt) {
    const at = new Date(b.scheduledAt);
    const held = !isWithinPushHours(at, pushHours);
    return (
      <>
        <dt>送信予定</dt>
        <dd data-testid="scheduled-at">
          {formatJst(b.scheduledAt)}
          {held ? (
            <div class="muted" data-testid="night-note">
              夜間（{pushHours.start}〜{pushHours.end}の外）のため、実際に送るのは{" "}
              {formatJst(nextPushTime(at, pushHours).toISOString())} からです。
            </div>
          ) : null}
        </dd>
      </>
    );
  }
  if (b.status === "cancelled")
    return (
      <>
        <dt>取り消した日時</dt>
        <dd data-testid="cancelled-at">{formatJst(b.finishedAt)}</dd>
      </>
    );
  if (b.status === "sending" || b.status === "sent" || b.status === "failed")
    return (
      <>
        <dt>送信を始めた日時</dt>
        <dd data-testid="started-at">{formatJst(b.startedAt ?? b.scheduledAt)}</dd>
      </>
    );
  return null;
}

function Actions(props: { base: string; staff: SessionStaff; count: number; now: Date }) {
  const csrf = props.staff.csrfToken;
  const confirm = `${props.count}人に今すぐ送信します。よろしいですか？`;
  return (
    <>
      <form method="post" action={`${props.base}/send`} data-confirm={confirm} data-once>
        <CsrfField token={csrf} />
        <button type="submit">今すぐ送信（{props.count}人）</button>
      </form>
      <form method="post" action={`${props.base}/schedule`} class="row" style="margin-top:1rem">
        <CsrfField token={csrf} />
        <div>
          <label for="at">予約日時（日本時間）</label>
          <input type="datetime-local" id="at" name="at" min={toJstLocal(props.now)} required />
        </div>
        <div>
          <button type="submit" class="secondary">
            予約する
          </button>
        </div>
      </form>
      <p class="muted">
        LINEでのお知らせは{pushHours.start}〜{pushHours.end}の間に送ります。この時間の外に予約すると、翌朝
        {pushHours.start}から送ります。
      </p>
      <form
        method="post"
        action={`${props.base}/cancel`}
        style="margin-top:1rem"
        data-confirm="このお知らせを取り消します。送信も予約もされなくなり、元に戻せません。よろしいですか？"
      >
        <CsrfField token={csrf} />
        <button type="submit" class="secondary">
          取り消す
        </button>
        <a href={`/admin/broadcasts/new?copy=${props.base.split("/").at(-1)}`} style="margin-left:1rem">
          内容をコピーして作り直す
        </a>
      </form>
    </>
  );
}

function Figures(view: BroadcastView) {
  const { broadcast: b, figures: f, staff } = view;
  return (
    <>
      <dl class="fields" style="margin-top:1rem" data-testid="figures">
        <dt>送信対象</dt>
        <dd>{formatNumber(b.recipientCount ?? 0)} 人</dd>
        <dt>送信済み</dt>
        <dd data-testid="sent-count">{formatNumber(b.sentCount)} 人</dd>
        <dt>送信の進み具合（500人ずつに分けて送ります）</dt>
        <dd>
          {f.sent} / {f.chunks} 回分 完了{f.pending > 0 ? `（残り ${f.pending} 回分）` : ""}
        </dd>
        <dt>失敗</dt>
        <dd data-testid="failures">
          {f.failed > 0
            ? `${f.failed} 回分（${formatNumber(f.failedRecipients)} 人）`
            : f.retrying > 0
              ? ""
              : "なし"}
          {f.retrying > 0 ? (
            <div class="flash error" role="status">
              LINEへの送信がうまくいかなかった分（{f.retrying}{" "}
              回分）を、自動でもう一度送ります。このページは数秒ごとに更新されます。
            </div>
          ) : null}
          {f.errors.some((e) => e.includes("monthly limit")) ? (
            <div class="flash error">今月の送信上限に達したため、残りは送信できませんでした。</div>
          ) : null}
        </dd>
        <dt>開始・終了</dt>
        <dd>
          {formatJst(b.startedAt)} ～ {formatJst(b.finishedAt)}
        </dd>
      </dl>
      {b.status === "sending" ? (
        <form method="post" action={`/admin/broadcasts/${b.id}/cancel`} style="margin-top:1rem">
          <CsrfField token={staff.csrfToken} />
          <button type="submit" class="danger">
            残りの送信を止める
          </button>
        </form>
      ) : (
        <p style="margin-top:1rem">
          <a href={`/admin/broadcasts/new?copy=${b.id}`} class="button secondary">
            作り直す（内容と宛先をコピー）
          </a>
        </p>
      )}
    </>
  );
}
