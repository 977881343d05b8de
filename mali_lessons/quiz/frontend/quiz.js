// The quiz on screen: one ES module (with answers.js and questions.js beside it) and quiz.css.
// No build step, no CDN, nothing fetched. The same module draws the quiz in a notebook (as an
// anywidget, see mali_lessons/quiz/widget.py) and in a plain HTML page with no kernel.
//
// API
// ---
//   import { mountQuiz, localStore, memoryStore } from "./quiz.js";
//
//   const quiz = mountQuiz(element, quizData, { store });
//     element   an empty element; the quiz is drawn inside it.
//     quizData  the JSON made by Python: mali_lessons.quiz.frontend_data.quiz_data(bank, ...)
//               ({format: 1, lesson, title, messages, settings, questions, records, warnings};
//               see frontend_data.py for every field). It holds everything needed to show and
//               judge every question, already shuffled for the student and in the language.
//     store     where answers go (optional; memoryStore() when left out):
//                 load()                      -> {questionId: record} saved before, or null
//                 save(questionId, record, event)  called after every try and "Show answer";
//                                             event = {type: "check", raw, answer} | {type: "reveal"}
//                 subscribe(callback)         optional; the store calls callback(questionId,
//                                             record) when a record changes elsewhere (the
//                                             kernel judged again); returns an unsubscribe
//               A record is {answer, shown, correct, tries, right_on_try, revealed}, the fields
//               of mali_lessons.quiz.progress (shown: the answer as typed in the box).
//   quiz.setRecord(questionId, record)  show a record (from Python or another tab)
//   quiz.score()                        {right, answered, total}
//   quiz.destroy()                      remove the quiz and its listeners
//
//   localStore(key)   a store in the browser's localStorage under `key` (one per lesson, e.g.
//                     "mali-lessons/04_withdrawal"); for pages with no kernel.
//   memoryStore()     a store that forgets on reload.
//
//   export default { render }   the anywidget entry point (widget.py): the kernel is the store.
//
// In a plain page:
//   <link rel="stylesheet" href="quiz.css">
//   <div id="quiz"></div>
//   <script type="module">
//     import { mountQuiz, localStore } from "./quiz.js";
//     const data = JSON.parse(document.getElementById("quiz-data").textContent);
//     mountQuiz(document.getElementById("quiz"), data, { store: localStore("mali-lessons/" + data.lesson) });
//   </script>
//
// Accessibility, by construction: each question is a fieldset with a legend; real radio and
// check boxes with labels (arrow keys move within a group); one polite live region per
// question, present from the start, whose text is replaced; when a question is finished the
// focus moves to its feedback, never to the body; a try counts only on Enter or Check; keys
// typed inside the quiz never reach JupyterLab's shortcuts.

import { judge, sameAnswer } from "./answers.js";
import { buildControls, el, fill } from "./questions.js";

export { judge, readDate, readNumber, sameAnswer } from "./answers.js";

let mounted = 0;

/** A store that keeps records in memory only. */
export function memoryStore(records = {}) {
  const kept = { ...records };
  return { load: () => ({ ...kept }), save: (id, record) => { kept[id] = record; } };
}

/** A store in localStorage under `key`; a damaged or blocked storage never stops the quiz. */
export function localStore(key) {
  const read = () => {
    try {
      const value = JSON.parse(window.localStorage.getItem(key) || "{}");
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (error) {
      return {};
    }
  };
  return {
    load: read,
    save(id, record) {
      const all = read();
      all[id] = record;
      try { window.localStorage.setItem(key, JSON.stringify(all)); } catch (error) { /* full */ }
    },
  };
}

/** Keys typed in the quiz stay in the quiz (JupyterLab's a, b, m, arrows...); Escape leaves.
 * Two locks (tests/browser/test_quiz_browser.py tries both hosts): every focusable control
 * carries data-lm-suppress-shortcuts (see el() in questions.js; Lumino reads it on the
 * focused element itself, so the mark on this root alone does nothing), which is what works
 * in Notebook 7, whose shortcuts listen before the quiz sees the key; and JupyterLab 4, which
 * listens while keys bubble, also never receives a key stopped here. */
function keepKeys(root) {
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  const stop = (event) => {
    if (event.key !== "Escape") event.stopPropagation();
  };
  root.addEventListener("keydown", stop);
  return () => root.removeEventListener("keydown", stop);
}

class QuestionView {
  constructor(quiz, q) {
    this.quiz = quiz;
    this.q = q;
    this.record = null;
    const t = quiz.t;
    const uid = `mq${quiz.uid}-${q.number}`;
    this.node = el("fieldset", { class: `mq-question mq-kind-${q.kind}`, "data-question": q.id });
    const legend = el("legend", { class: "mq-legend" },
      el("span", { class: "mq-number" }, t("question_number", { number: q.number, total: quiz.data.questions.length })),
      " ", el("span", { class: "mq-prompt", id: `${uid}-prompt` }, q.prompt));
    this.node.append(legend);
    this.controls = buildControls(q, t, uid, () => this.check());
    this.node.append(this.controls.node);
    if (q.teacherAnswer) {
      this.node.append(el("p", { class: "mq-teacher" }, el("em", {}, t("teacher_answer", { answer: q.teacherAnswer }))));
    }
    this.checkButton = el("button", { type: "button", class: "mq-check", title: t("check_tooltip") }, t("check"));
    this.hintButton = el("button", { type: "button", class: "mq-hint-button", "aria-expanded": "false", "aria-controls": `${uid}-hint`, title: t("hint_tooltip") }, t("hint"));
    this.answerButton = el("button", { type: "button", class: "mq-reveal", title: t("show_answer_tooltip") }, t("show_answer"));
    this.checkButton.addEventListener("click", () => this.check());
    this.hintButton.addEventListener("click", () => this.showHint());
    this.answerButton.addEventListener("click", () => this.reveal());
    const buttons = el("div", { class: "mq-buttons" }, this.checkButton);
    if (q.hint) buttons.append(this.hintButton);
    buttons.append(this.answerButton);
    this.node.append(buttons);
    this.hintBox = el("p", { class: "mq-hint", id: `${uid}-hint`, "aria-live": "polite" });
    this.node.append(this.hintBox);
    // The feedback: focusable (for finished questions) and holding the one live region.
    this.status = el("p", { class: "mq-status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.explain = el("div", { class: "mq-explain" });
    this.feedback = el("div", { class: "mq-feedback", tabindex: "-1", id: `${uid}-feedback` }, this.status, this.explain);
    this.node.append(this.feedback);
  }

  get finished() {
    return Boolean(this.record && (this.record.correct || this.record.revealed));
  }

  get right() {
    return Boolean(this.record && this.record.correct && !this.record.revealed);
  }

  mayReveal() {
    return ((this.record && this.record.tries) || 0) >= this.quiz.data.settings.triesBeforeAnswer;
  }

  check() {
    if (this.finished) return;
    const raw = this.controls.read();
    const verdict = judge(this.q, raw);
    const t = this.quiz.t;
    if (verdict.kind === "input" || verdict.kind === "ask") {
      this.render({ kind: "problem", text: `⚠ ${t(verdict.key, verdict.values)}` }, true);
      return;
    }
    if (this.record && this.record.tries > 0 && sameAnswer(this.record.answer, verdict.answer)) {
      this.render({ kind: "note", text: t("feedback_same_answer") }, true);
      return;
    }
    const old = this.record || { tries: 0, right_on_try: null, revealed: false };
    const right = verdict.kind === "right";
    const tries = old.tries + 1;
    this.record = {
      ...old, answer: verdict.answer, shown: this.controls.shown(raw), correct: right, tries,
      right_on_try: old.right_on_try ?? (right ? tries : null),
    };
    this.render(null, true);
    this.quiz.saved(this.q.id, this.record, { type: "check", raw, answer: verdict.answer });
  }

  showHint() {
    if (!this.q.hint) return;
    fill(this.hintBox, `💡 ${this.quiz.t("hint_text", { hint: this.q.hint })}`);
    this.hintButton.setAttribute("aria-expanded", "true");
  }

  reveal() {
    if (this.finished || !this.mayReveal()) return;
    this.record = { ...this.record, revealed: true };
    this.render();
    this.quiz.saved(this.q.id, this.record, { type: "reveal" });
  }

  setRecord(record) {
    const before = this.record;
    this.record = record ? { ...record } : null;
    const answer = this.record ? this.record.answer : null;
    if (answer !== null && answer !== undefined && !(before && sameAnswer(before.answer, answer))) {
      this.controls.write(answer, this.record.shown);
    }
    this.render();
  }

  say(text, again) {
    // A student's new action with the same words must still be announced: a no-break space
    // changes the text. A record echoed back by the kernel changes nothing that is the same.
    const now = this.status.textContent.replace(/\u00a0$/, "");
    if (now === text && !again) return;
    this.status.textContent = text && again && this.status.textContent === text ? `${text}\u00a0` : text;
  }

  render(extra = null, again = false) {
    const t = this.quiz.t;
    const q = this.q;
    const r = this.record;
    const settings = this.quiz.data.settings;
    const hadFocus = this.node.contains(document.activeElement) && document.activeElement !== this.feedback;
    const explained = () => [el("p", {}, q.explanation), this.sourcesLine("sources_label")];
    let kind = "none";
    let text = "";
    let body = [];
    if (r && r.revealed && !r.correct) {
      kind = "info";
      text = t("feedback_revealed", { answer: q.answerText });
      body = explained();
      this.controls.write(q.accept, q.acceptShown);
    } else if (r && r.correct) {
      kind = "right";
      text = `✔ ${t("feedback_right")}`;
      body = explained();
    } else if (r && r.tries > 0) {
      kind = "wrong";
      text = `✘ ${t("feedback_wrong", { tries: r.tries })}`;
      if (this.mayReveal()) text += ` ${t("feedback_can_reveal")}`;
      body = settings.explainWhenWrong ? explained() : [this.sourcesLine("read_more_label")];
    }
    if (extra) {
      kind = extra.kind === "problem" ? "problem" : kind;
      text = extra.kind === "problem" ? extra.text : `${text} ${extra.text}`.trim();
    }
    this.feedback.dataset.kind = kind;
    this.say(text, again);
    this.explain.replaceChildren(...body);
    const finished = this.finished;
    this.answerButton.hidden = !(this.mayReveal() && !finished);
    if (finished && hadFocus) {
      this.feedback.focus(); // never let the focus fall to the body
    }
    this.controls.disable(finished);
    this.checkButton.disabled = finished;
    this.node.dataset.state = finished ? (this.right ? "right" : "shown") : kind;
    this.quiz.refresh();
  }

  sourcesLine(labelKey) {
    const line = el("p", { class: "mq-sources" }, `${this.quiz.t(labelKey)} `);
    this.q.sources.forEach((source, i) => {
      if (i) line.append("; ");
      line.append(source.url
        ? el("a", { href: source.url, target: "_blank", rel: "noopener noreferrer" }, source.label)
        : source.label);
    });
    return line;
  }
}

class Quiz {
  constructor(element, data, store) {
    this.element = element;
    this.data = data;
    this.store = store;
    this.uid = ++mounted;
    const messages = data.messages || {};
    this.t = (key, values = {}) => String(messages[key] ?? key)
      .replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
    this.root = el("section", { class: "mali-quiz", lang: data.lang || "en", "aria-labelledby": `mq${this.uid}-title` });
    this.root.append(el("h3", { class: "mq-title", id: `mq${this.uid}-title` }, this.t("quiz_title", { title: data.title })));
    this.warnings = el("div", { class: "mq-warnings" });
    for (const warning of data.warnings || []) {
      this.warnings.append(el("p", { class: "mq-warning", role: "alert" }, `⚠ ${this.t("warning", { text: warning })}`));
    }
    this.scores = [el("p", { class: "mq-score" }), el("p", { class: "mq-score mq-score-end" })];
    this.root.append(this.warnings, this.scores[0]);
    this.views = data.questions.map((q) => new QuestionView(this, q));
    this.root.append(...this.views.map((v) => v.node), this.scores[1]);
    this.unkeep = keepKeys(this.root);
    element.replaceChildren(this.root);
    const records = { ...(data.records || {}), ...((store.load && store.load()) || {}) };
    this.ready = false;
    for (const view of this.views) view.setRecord(records[view.q.id] || null);
    this.ready = true;
    this.refresh();
    this.unsubscribe = store.subscribe ? store.subscribe((id, record) => this.setRecord(id, record)) : null;
  }

  saved(id, record, event) {
    this.store.save && this.store.save(id, record, event);
  }

  setRecord(id, record) {
    const view = this.views.find((v) => v.q.id === id);
    if (view) view.setRecord(record);
  }

  score() {
    const right = this.views.filter((v) => v.right).length;
    const answered = this.views.filter((v) => v.record && (v.record.tries > 0 || v.record.revealed)).length;
    return { right, answered, total: this.views.length };
  }

  refresh() {
    if (!this.ready) return;
    const text = this.t("score", this.score());
    for (const p of this.scores) fill(p, el("strong", {}, text));
  }

  destroy() {
    this.unkeep();
    if (this.unsubscribe) this.unsubscribe();
    this.root.remove();
  }
}

/** Draw the quiz in `element`; see the API at the top of this file. */
export function mountQuiz(element, quizData, { store } = {}) {
  const quiz = new Quiz(element, quizData, store || memoryStore());
  return {
    element: quiz.root,
    setRecord: (id, record) => quiz.setRecord(id, record),
    score: () => quiz.score(),
    destroy: () => quiz.destroy(),
  };
}

/** The anywidget view: the data comes from the model, answers go to the kernel. */
function render({ model, el: element }) {
  const listeners = new Set();
  const onMessage = (message) => {
    if (message && message.type === "record") {
      for (const callback of listeners) callback(message.id, message.record);
    }
  };
  model.on("msg:custom", onMessage);
  const store = {
    load: () => null,
    save: (id, record, event) => model.send({ type: event.type, id, raw: event.raw ?? null, answer: event.answer ?? null }),
    subscribe: (callback) => { listeners.add(callback); return () => listeners.delete(callback); },
  };
  const data = () => ({ ...model.get("data"), records: model.get("records") || {} });
  let quiz = mountQuiz(element, data(), { store });
  const redraw = () => { quiz.destroy(); quiz = mountQuiz(element, data(), { store }); };
  model.on("change:data", redraw);
  return () => {
    model.off("msg:custom", onMessage);
    model.off("change:data", redraw);
    quiz.destroy();
  };
}

export default { render };
