// pelican-quiz widget. Its rules are scoring.py's and conditions.py's (a test checks they agree);
// no network, no cookie, storage only with QUIZ_REMEMBER.

// Maps keyed by ids from the data have no prototype: a question or dimension called
// "constructor" or "toString" is never found on Object's.
const map = () => Object.create(null);
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (Object.hasOwn(values, k) ? values[k] : m));
const picks = (a) => (a == null ? [] : [].concat(a));

// A condition (`when` or `show_if`); an absent one always holds. `top`: a tie goes to the
// dimension listed first in `among`; `tie`: all of them share the most. `count`: boxes ticked.
// With `open` (question ids, and "d:" + each dimension such a question adds to, whose answers
// are not known yet), a condition that depends on them is null: it may go either way.
const holds = (c, answers, scores, open = new Set()) => {
  const v = (d) => scores[d], sub = (x) => holds(x, answers, scores, open);
  if (!c) return true;
  if (c.all || c.any) {
    const r = (c.all || c.any).map(sub), won = !c.all;
    return r.includes(won) ? won : r.includes(null) ? null : !won;
  }
  if (c.not) return ((r) => (r === null ? null : !r))(sub(c.not));
  if (open.has(c.score ? "d:" + c.score : c.answer || c.count || c.value)) return null;
  return c.top ? c.among.every((d, i) => v(c.top) > v(d) || (v(c.top) == v(d) && c.among.indexOf(c.top) <= i))
    : c.tie ? c.tie.every((t) => c.among.every((d) => v(t) >= v(d)))
    : c.answer ? picks(answers[c.answer]).some((o) => ("is" in c ? [c.is] : c.in).includes(o))
    : ((n) => ("below" in c ? n < c.below : n >= c.at_least))(
        c.score ? v(c.score) : c.value ? answers[c.value] ?? NaN : picks(answers[c.count]).length,
      );
};

// As scoring.walk: the questions asked, in order, the answers to them and the points, with
// what a skipped question adds. With `at` (the question the reader is on), answers after it,
// and one not given yet, are not known: a question whose show_if depends on them is a
// "maybe", and its own answer stays open too.
function route(data, given, at = Infinity) {
  const scores = map(), answers = map(), asked = [], maybe = [], open = new Set();
  for (const d of data.dimensions) scores[d.id] = 0;
  const add = (points) => {
    for (const d in points) scores[d] += points[d];
  };
  data.questions.forEach((q, j) => {
    const h = holds(q.show_if, answers, scores, open);
    if (h === false) return add(q.skipped);
    (h ? asked : maybe).push(j);
    if (j > at || h === null || (at < Infinity && !Object.hasOwn(given, q.id))) {
      open.add(q.id);
      for (const o of [{ score: q.skipped }, ...q.options, ...(q.bands || [])]) for (const d in o.score) open.add("d:" + d);
    } else if (Object.hasOwn(given, q.id)) {
      const a = (answers[q.id] = given[q.id]);
      // A number's band (the first whose `below` holds), or the options picked.
      if (q.bands) add((q.bands.find((b) => b.below == null || a < b.below) || {}).score);
      else for (const o of q.options) if (picks(a).includes(o.id)) add(o.score);
    }
  });
  return { scores, answers, asked, maybe };
}

// How good a score is, from 0 (the dimension's worst) to 1 (its best), as scoring.share.
const share = (d, n) => (d.max > d.min ? (d.lower ? d.max - n : n - d.min) / (d.max - d.min) : 1);

// As scoring.result_for: scores, outcome, dimensions to revisit, notices.
export function score(data, given) {
  const r = route(data, given), scores = r.scores;
  const when = (x) => holds(x.when, r.answers, scores);
  const outcome = data.outcomes.find(when);
  // The worst first, at most `result.revisit` of them (null: all).
  const revisit = data.dimensions
    .filter((d) => !d.hidden && share(d, scores[d.id]) < 0.5)
    .sort((x, y) => share(x, scores[x.id]) - share(y, scores[y.id]))
    .slice(0, data.result.revisit ?? 1e9);
  return {
    ...r,
    outcome: outcome && outcome.id,
    revisit: revisit.map((d) => d.id),
    notices: data.notices.filter(when).map((n) => n.id),
  };
}

function el(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function widget(root) {
  const data = JSON.parse(root.querySelector(":scope > [data-quiz-data]").textContent);
  const s = data.strings;
  const $ = (sel) => root.querySelector(sel);
  const form = $("[data-quiz-form]"), result = $("[data-quiz-result]"), status = $("[data-quiz-status]");
  const progress = $("[data-quiz-progress]"), error = $("[data-quiz-error]");
  const back = $("[data-quiz-back]"), next = $("[data-quiz-next]");
  const sets = [...form.querySelectorAll("[data-question]")];
  const key = "quiz:" + data.id;
  let at = 0;

  const inputs = (i) => [...sets[i].querySelectorAll("input")];
  const given = () => {
    const out = map();
    data.questions.forEach((q, i) => {
      const on = inputs(i).filter((x) => x.checked).map((x) => x.value), [x] = inputs(i);
      if (q.type === "multiple") out[q.id] = on;
      else if (q.bands) x.value && x.checkValidity() && (out[q.id] = +x.value);
      else if (on.length) out[q.id] = on[0];
    });
    return out;
  };
  // The questions a reader is asked, given the answers so far.
  const visible = () => route(data, given()).asked;
  const say = (text) => (status.textContent = text);
  const focusQuestion = () => (inputs(at).find((x) => x.checked) || inputs(at)[0]).focus();

  // An honest count: the questions surely asked, and "up to" while later ones may or may not
  // be, by the answers still to come (a question that can no longer be asked is not counted).
  function show(i, moveFocus) {
    at = i;
    const { asked, maybe } = route(data, given(), i);
    const n = asked.indexOf(i) + 1, total = asked.length + maybe.length;
    sets.forEach((f, j) => (f.hidden = j !== i));
    sets[i].querySelector(".quiz-number").textContent = n + ".";
    error.hidden = true;
    progress.textContent = fill(maybe.length ? s.progress_up_to : s.progress, { n, total });
    back.hidden = n === 1;
    next.textContent = total === n ? s.finish : s.next;
    if (moveFocus) {
      focusQuestion();
      say(progress.textContent);
    }
  }

  function step(by) {
    const steps = visible(), n = steps.indexOf(at);
    const q = data.questions[at];
    if (by > 0 && q.type !== "multiple" && !(q.id in given())) {
      // A number question's field says what it takes (data-quiz-hint).
      error.textContent = inputs(at)[0].dataset.quizHint || s.choose_first;
      error.hidden = false;
      say(error.textContent);
      focusQuestion();
      return;
    }
    if (n + by >= steps.length) finish(true);
    else if (n + by >= 0) show(steps[n + by], true);
  }

  function finish(announce) {
    const r = score(data, given()), steps = r.asked;
    // On paper the result comes with the questions as answered, not those never asked.
    sets.forEach((f, j) => f.toggleAttribute("data-quiz-skipped", !steps.includes(j)));
    // The result's headings sit one level under the quiz's own (h2, or the page's h1).
    const h = $(".quiz-outcome-title").tagName, sub = "h" + (+h[1] + 1);
    const item = r.outcome && $(`[data-outcome="${r.outcome}"]`);
    const scores = el("ul", { className: "quiz-scores" });
    // With `result: {scores: false}` (or nothing to score) the result is in words alone.
    const scored = data.result.scores ? data.dimensions.filter((d) => !d.hidden) : [];
    for (const d of scored) {
      const label = $(`[data-dimension-label="${d.id}"]`).textContent, n = r.scores[d.id];
      const bar = el("span", { className: "quiz-bar", ariaHidden: "true" }, el("span"));
      // Where the reader sits between the least and the most the dimension can reach; on a
      // range across 0, the bar runs from a mark at 0 to the score, either way.
      const at = (x) => (100 * (x - d.min)) / (d.max - d.min || 1);
      const from = d.min < 0 && d.max > 0 ? at(0) : 0;
      Object.assign(bar.firstChild.style, { left: Math.min(from, at(n)) + "%", width: Math.abs(at(n) - from) + "%" });
      if (from) bar.appendChild(el("i")).style.left = from + "%";
      const text = fill(d.min ? s.score_range_text : s.score_text, { label, score: n / data.scale, min: d.min / data.scale, max: d.max / data.scale });
      scores.append(el("li", {}, text, bar));
    }
    const restart = el("button", { type: "button", textContent: s.start_again, onclick: () => reset(false) });
    result.replaceChildren(el("p", { className: "quiz-kicker", textContent: s.result_heading }));
    if (item) {
      const link = item.querySelector(".quiz-outcome-link").cloneNode(true);
      result.append(
        el(h, { className: "quiz-result-title", textContent: item.querySelector(".quiz-outcome-title").textContent }),
        item.querySelector(".quiz-outcome-body").cloneNode(true),
        el("p", { className: "quiz-go" }, link),
      );
    }
    for (const id of r.notices) result.append($(`[data-notice="${id}"] .quiz-notice`).cloneNode(true));
    if (scored.length) result.append(el(sub, { className: "quiz-sub", textContent: s.scores_heading }), scores);
    if (r.revisit.length) {
      const list = el("ul");
      for (const id of r.revisit) list.append(el("li", {}, $(`[data-dimension="${id}"] a`).cloneNode(true)));
      result.append(el(sub, { className: "quiz-sub", textContent: s.revisit_heading }), list);
    }
    const buttons = el("p", { className: "quiz-actions" }, restart);
    if (data.remember) {
      const forget = el("button", { type: "button", textContent: s.forget, onclick: () => reset(true) });
      buttons.append(" ", forget);
      try {
        localStorage.setItem(key, JSON.stringify({ hash: data.hash, answers: r.answers }));
      } catch {
        // Storage off or full: the result still shows, it is just not kept.
      }
    }
    result.append(buttons);
    form.hidden = true;
    result.hidden = false;
    if (announce) {
      say(s.result_heading + ": " + (item ? item.querySelector(".quiz-outcome-title").textContent : ""));
      result.focus();
      root.dispatchEvent(new CustomEvent("quiz:complete", { bubbles: true, detail: { outcome: r.outcome || null } }));
    }
  }

  function reset(forget) {
    if (forget) {
      try {
        localStorage.removeItem(key);
      } catch {
        // Nothing was kept.
      }
    }
    form.reset();
    sets.forEach((f) => f.removeAttribute("data-quiz-skipped"));
    form.hidden = false;
    result.hidden = true;
    result.replaceChildren();
    show(visible()[0], true);
    if (forget) say(s.forgotten + " " + progress.textContent);
  }

  // Properties, not attributes: no inline handler, so a strict policy holds.
  back.onclick = () => step(-1);
  next.onclick = () => step(1);
  form.onsubmit = (e) => {
    e.preventDefault();
    step(1);
  };
  form.onkeydown = (e) => {
    if (e.key === "Enter" && e.target.matches("input")) {
      e.preventDefault();
      step(1);
    }
  };
  form.oninput = () => show(at, false);

  root.classList.add("quiz-live");
  $("[data-quiz-nav]").hidden = false;
  progress.hidden = false;
  show(0, false);
  if (data.remember) restore();

  function restore() {
    let kept = null;
    try {
      kept = JSON.parse(localStorage.getItem(key));
      if (kept && kept.hash !== data.hash) localStorage.removeItem(key);
    } catch {
      return;
    }
    if (!kept || kept.hash !== data.hash) return;
    for (const [qid, value] of Object.entries(kept.answers || {})) {
      for (const input of form.querySelectorAll(`[data-question="${CSS.escape(qid)}"] input`)) {
        if (input.type === "number") input.value = value;
        else input.checked = picks(value).includes(input.value);
      }
    }
    finish(false);
  }
}

// The plugin's quizzes only, not any data-quiz attribute of the page.
for (const data of document.querySelectorAll("section.quiz > [data-quiz-data]")) widget(data.parentNode);
