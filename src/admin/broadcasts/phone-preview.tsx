// A broadcast as it will look in the member's LINE chat: a phone-like frame with the bubble.
import type { Composition } from "../../broadcast/messages.js";

export function PhonePreview(props: { composition: Composition }) {
  const { composition } = props;
  return (
    <div class="phone" title="スマートフォンでの表示イメージ">
      <div class="bubble" data-testid="preview-bubble">
        {composition.text}
        {composition.link ? (
          <a class="link" href={composition.link.uri} target="_blank" rel="noopener noreferrer">
            {composition.link.label}
          </a>
        ) : null}
      </div>
    </div>
  );
}
