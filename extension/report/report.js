// The report of flagged replies: filtered by site, page and days, summed up
// by category and by day, listed by site, printable. Built with textContent
// only (reply text is never parsed as HTML), and rendered a slice at a time
// so a full store (5,000 replies) never blocks the page for long.
(async () => {
  const $ = (id) => document.getElementById(id);
  // Replies per slice of rendering, each slice one task. With 100, no slice
  // was a long task (over 50 ms) on the e2e 5,000-reply store in headless
  // Chromium; on a loaded machine (load average 8 on 2 cores) the longest
  // tasks left, about 60 ms, are the page's start and the store's arrival.
  // Sorting, summing up and clearing the last list are tasks of their own:
  // together they made tasks of 100 ms idle and 235 ms loaded.
  // tests/e2e/report.test.mjs fails a task over 200 ms.
  const ROWS_PER_SLICE = 100;
  await MamaLens.localizePage();
  const lang = MamaLens.i18n.lang;
  const siteName = (id) => (MamaLens.siteById(id) ? MamaLens.siteName(MamaLens.siteById(id)) : id);
  const pad = (n) => String(n).padStart(2, '0');
  const localDay = (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };
  const when = (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso) : `${d.toLocaleString(lang)} (${d.toISOString()})`;
  };
  // A task boundary that background tabs do not throttle.
  const nextTask = () => (MamaLens.can.schedulerYield() ? scheduler.yield() : new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => r();
    ch.port2.postMessage(null);
  }));
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  const store = await ext.runtime.sendMessage({ type: MamaLens.MSG.storeGet });
  // Site, then first seen; each record's local day computed once. Plain
  // comparisons: ids and ISO times are ASCII, and a collator over 5,000
  // records is a long task of its own.
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const all = Object.entries(store.records ?? {})
    .map(([id, r]) => ({ id, r, day: localDay(r.firstSeen), seen: String(r.firstSeen) }))
    .sort((a, b) => cmp(a.r.site, b.r.site) || cmp(a.seen, b.seen));
  $('made').textContent = MamaLens.tn('report_made', all.length, [new Date().toLocaleString(lang)]);
  // The store's arrival and its sorting were one task each; the rest waits.
  await nextTask();

  if (!all.length) {
    $('empty').hidden = false;
    $('filters').hidden = true;
    $('replies').dataset.state = 'done';
    $('replies').dataset.rows = '0';
    return;
  }

  const params = new URLSearchParams(location.search);
  const filters = { site: params.get('site') ?? '', page: params.get('page') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
  const fill = (select, values, label) => {
    const keep = select.value;
    select.replaceChildren(select.firstElementChild);
    for (const v of values) {
      const o = el('option', '', label(v));
      o.value = v;
      select.appendChild(o);
    }
    select.value = values.includes(keep) ? keep : '';
  };
  fill($('f-site'), [...new Set(all.map((x) => x.r.site))], siteName);

  function fillPages() {
    const pages = [...new Set(all.filter((x) => !filters.site || x.r.site === filters.site).map((x) => x.r.pageUrl).filter(Boolean))].sort();
    fill($('f-page'), pages, (u) => u);
    if (!pages.includes(filters.page)) filters.page = '';
  }

  const matches = (x) => (!filters.site || x.r.site === filters.site) && (!filters.page || x.r.pageUrl === filters.page)
    && (!filters.from || x.day >= filters.from) && (!filters.to || x.day <= filters.to);

  // `counts`: [key, n]; `name(key)` is what the bar says.
  function bars(container, counts, name = String) {
    container.replaceChildren();
    const max = Math.max(1, ...counts.map(([, n]) => n));
    for (const [key, n] of counts) {
      const row = el('div', 'bar-row');
      row.setAttribute('role', 'listitem');
      row.dataset.key = key;
      row.dataset.count = String(n);
      const bar = el('div', 'bar');
      bar.style.width = `${(100 * n) / max}%`;
      row.append(el('span', 'bar-label', name(key)), bar, el('span', 'bar-count', String(n)));
      container.appendChild(row);
    }
  }

  // The chart's key for replies with no category (the bar says it in words).
  const NO_CATEGORY = '(none)';
  function summarise(list) {
    const byCategory = new Map();
    const byDay = new Map();
    const labels = { shaming: 0, supportive: 0 };
    for (const { r, day } of list) {
      const cats = r.categories?.length ? r.categories : [NO_CATEGORY];
      for (const c of cats) byCategory.set(c, (byCategory.get(c) ?? 0) + 1);
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
      if (r.label in labels) labels[r.label]++;
    }
    const sites = new Set(list.map((x) => x.r.site)).size;
    const first = list.reduce((m, x) => (x.day < m ? x.day : m), list[0]?.day ?? '');
    const last = list.reduce((m, x) => (x.day > m ? x.day : m), list[0]?.day ?? '');
    $('summary-line').textContent = MamaLens.tn('report_summary', list.length, [labels.shaming, labels.supportive, MamaLens.tn('report_sites', sites)])
      + (!list.length ? '.' : first === last ? MamaLens.t('report_oneDay', first) : MamaLens.t('report_days', [first, last]));
    const categoryName = (c) => (c === NO_CATEGORY ? MamaLens.t('report_noCategory') : MamaLens.categoryWords(c));
    bars($('chart-category'), [...byCategory].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])), categoryName);
    bars($('chart-day'), [...byDay].sort((a, b) => cmp(a[0], b[0])));
  }

  // The reply's text, its cue words in <mark>: cues are UTF-16 offsets into it.
  function markedText(r) {
    const p = el('p', 'reply-text');
    const cues = (r.cues ?? []).filter((c) => Number.isInteger(c.start) && Number.isInteger(c.end) && c.start < c.end && c.end <= r.text.length)
      .sort((a, b) => a.start - b.start);
    let at = 0;
    for (const c of cues) {
      if (c.start < at) continue; // overlaps the one before
      if (c.start > at) p.appendChild(document.createTextNode(r.text.slice(at, c.start)));
      const m = el('mark', c.polarity === 'support' ? 'supportive' : 'shaming', r.text.slice(c.start, c.end));
      if (c.category) m.dataset.category = c.category;
      p.appendChild(m);
      at = c.end;
    }
    if (at < r.text.length) p.appendChild(document.createTextNode(r.text.slice(at)));
    return p;
  }

  function row({ id, r }) {
    const art = el('article', 'reply');
    art.dataset.id = id;
    const head = el('div', 'reply-head');
    head.append(el('span', `label ${r.label}`, MamaLens.wordsFor('label', r.label)), el('span', '', MamaLens.t('report_scores', [Number(r.shaming ?? 0).toFixed(2), Number(r.support ?? 0).toFixed(2)])));
    if (r.categories?.length) head.appendChild(el('span', 'muted', r.categories.map(MamaLens.categoryWords).join(', ')));
    art.append(head, markedText(r));
    const dl = el('dl');
    const item = (name, value) => {
      dl.append(el('dt', '', name));
      const dd = el('dd');
      if (typeof value === 'string') dd.textContent = value;
      else dd.appendChild(value);
      dl.appendChild(dd);
    };
    item(MamaLens.t('report_author'), r.author ?? MamaLens.t('report_notGiven'));
    item(MamaLens.t('report_firstSeen'), when(r.firstSeen));
    item(MamaLens.t('report_posted'), r.timestamp ? when(r.timestamp) : MamaLens.t('report_notGiven'));
    const link = (u) => {
      if (!/^https?:\/\//i.test(u ?? '')) return u ? String(u) : MamaLens.t('report_none');
      const a = el('a', '', u);
      a.href = u;
      a.rel = 'noreferrer noopener';
      a.target = '_blank';
      return a;
    };
    item(MamaLens.t('report_link'), link(r.permalink));
    item(MamaLens.t('report_page'), link(r.pageUrl));
    art.appendChild(dl);
    return art;
  }

  let generation = 0;
  let pending = null; // what is left to render: for printing before it is done
  async function render() {
    const mine = ++generation;
    const list = all.filter(matches);
    const out = $('replies');
    out.dataset.state = 'rendering';
    out.dataset.rows = '0';
    summarise(list);
    $('summary').hidden = false;
    await nextTask();
    if (mine !== generation) return;
    $('sites').replaceChildren();
    let group = null;
    let done = 0;
    pending = { list, next: 0 };
    const appendUpTo = (end) => {
      const frag = document.createDocumentFragment();
      for (; pending.next < end; pending.next++) {
        const x = pending.list[pending.next];
        if (!group || group.dataset.site !== x.r.site) {
          if (frag.childNodes.length) group.appendChild(frag);
          group = el('section', 'site-group');
          group.dataset.site = x.r.site;
          const n = pending.list.filter((y) => y.r.site === x.r.site).length;
          group.appendChild(el('h2', '', MamaLens.tn('report_siteGroup', n, [siteName(x.r.site)])));
          $('sites').appendChild(group);
        }
        frag.appendChild(row(x));
      }
      if (group && frag.childNodes.length) group.appendChild(frag);
      done = pending.next;
      out.dataset.rows = String(done);
      $('progress').textContent = done < list.length ? MamaLens.t('report_showing', [done, list.length]) : MamaLens.tn('report_shown', list.length);
    };
    pending.finish = () => appendUpTo(list.length);
    // Clearing the last list was this task's work; the rows start in the next.
    await nextTask();
    if (mine !== generation) return;
    while (pending.next < list.length) {
      appendUpTo(Math.min(list.length, pending.next + ROWS_PER_SLICE));
      await nextTask();
      if (mine !== generation) return;
    }
    appendUpTo(list.length);
    out.dataset.state = 'done';
  }

  // The browser's print must hold every reply, rendered or not yet.
  window.addEventListener('beforeprint', () => pending?.finish());

  function apply() {
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    history.replaceState(null, '', q.size ? `?${q}` : location.pathname);
    render();
  }
  $('f-site').value = filters.site;
  fillPages();
  $('f-page').value = filters.page;
  $('f-from').value = filters.from;
  $('f-to').value = filters.to;
  $('f-site').addEventListener('change', () => {
    filters.site = $('f-site').value;
    fillPages();
    apply();
  });
  $('f-page').addEventListener('change', () => ((filters.page = $('f-page').value), apply()));
  $('f-from').addEventListener('change', () => ((filters.from = $('f-from').value), apply()));
  $('f-to').addEventListener('change', () => ((filters.to = $('f-to').value), apply()));
  $('reset').addEventListener('click', () => {
    Object.assign(filters, { site: '', page: '', from: '', to: '' });
    for (const id of ['f-site', 'f-page', 'f-from', 'f-to']) $(id).value = '';
    fillPages();
    apply();
  });
  $('print').addEventListener('click', () => window.print());
  for (const format of ['csv', 'json']) {
    $(`export-${format}`).addEventListener('click', () => MamaLens.exportRecords(document, all.filter(matches).map((x) => x.r), format));
  }
  render();
})();
