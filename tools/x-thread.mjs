// Renders a reply thread as an X status page, using the element structure of
// real X markup (shared/fixtures/x/tweetyoink_*.html: article[data-testid=tweet],
// User-Name, a[href*=/status/] > time, tweetText) without its generated classes.
// Used by the demo and by the end-to-end tests.
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export function article(p, { main = false } = {}) {
  const when = new Date(p.time);
  const label = when.toLocaleString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return `<div data-testid="cellInnerDiv"><article aria-labelledby="id__${p.id}" role="article" tabindex="-1" data-testid="tweet" class="tw${main ? ' main' : ''}">
  <div class="avatar" data-testid="Tweet-User-Avatar"><div data-testid="UserAvatar-Container-${esc(p.handle)}"><span>${esc(p.name.slice(0, 1))}</span></div></div>
  <div class="body">
    <div data-testid="User-Name" class="user"><a href="/${esc(p.handle)}" role="link"><span class="name"><span>${esc(p.name)}</span></span></a>
      <a href="/${esc(p.handle)}" role="link" tabindex="-1"><span class="handle">@${esc(p.handle)}</span></a>
      <span aria-hidden="true">·</span>
      <a href="/${esc(p.handle)}/status/${esc(p.id)}" dir="ltr" aria-label="${esc(label)}" role="link"><time datetime="${esc(p.time)}">${esc(label)}</time></a></div>
    <div lang="${esc(p.lang ?? 'en')}" dir="auto" data-testid="tweetText" id="id__${p.id}" class="text"><span>${esc(p.text)}</span></div>
    <div role="group" class="actions"><button data-testid="reply" aria-label="Reply">💬</button><button data-testid="retweet" aria-label="Repost">🔁</button><button data-testid="like" aria-label="Like">♡</button></div>
  </div>
</article></div>`;
}

export function renderThread(thread, { extraReplies = [] } = {}) {
  const replies = [...thread.replies, ...extraReplies];
  return `<!doctype html>
<!-- Demo page: ${esc(thread.source ?? '')} Structure of real X markup, see tools/x-thread.mjs. -->
<html lang="${esc(thread.lang ?? 'en')}"><head><meta charset="utf-8"><title>${esc(thread.title)}</title>
<style>
  body { margin: 0; background: #fff; color: #0f1419; font: 15px/20px -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
  main { max-width: 600px; margin: 0 auto; border-left: 1px solid #eff3f4; border-right: 1px solid #eff3f4; min-height: 100vh; }
  header { position: sticky; top: 0; background: rgba(255,255,255,.85); backdrop-filter: blur(12px); padding: 12px 16px; font-weight: 700; font-size: 20px; border-bottom: 1px solid #eff3f4; z-index: 1; }
  .tw { display: flex; gap: 12px; padding: 12px 16px; border-bottom: 1px solid #eff3f4; }
  .tw.main .text { font-size: 17px; line-height: 24px; }
  .avatar span { display: grid; place-items: center; width: 40px; height: 40px; border-radius: 50%; background: #1d9bf0; color: #fff; font-weight: 700; }
  .body { flex: 1; min-width: 0; }
  .user { display: flex; gap: 4px; color: #536471; flex-wrap: wrap; }
  .user a { color: inherit; text-decoration: none; }
  .name { color: #0f1419; font-weight: 700; }
  .text { margin: 2px 0 8px; white-space: pre-wrap; word-wrap: break-word; }
  .actions { display: flex; gap: 48px; }
  .actions button { border: 0; background: none; color: #536471; cursor: pointer; }
</style></head>
<body><main><header>Post</header>
<section aria-label="Conversation">
${article(thread.post, { main: true })}
${replies.map((r) => article(r)).join('\n')}
</section></main></body></html>
`;
}
