/* The site's own script (make site): written for this project, no library.
 *
 * It does four small jobs on a lesson page that has no kernel:
 *
 *   1. mounts each quiz with the one quiz front end (mali_lessons/quiz/frontend): the page's
 *      inline module calls MaliSite.mountQuizzes({mountQuiz, localStore}); answers are kept in
 *      the browser's localStorage under "mali-lessons/<lesson>", with the wrong answers a
 *      student gave (the teacher's summary lists the most common ones);
 *   2. replays lesson 04's bases slider: each date's map is an inert <template>, and the range
 *      input draws the one chosen;
 *   3. fills the score tables from the saved answers;
 *   4. "Export my results": writes the same results file as export_results() in a notebook
 *      (kind "mali_lessons-results", format 2), named results-<name>-<code>.json by the same
 *      rule as mali_lessons/quiz/student_names.py, for `python -m mali_lessons collect`.
 *
 * Nothing is fetched: every lesson's question list comes from assets/lessons.js, a script
 * that sets window.MaliSiteLessons (a page opened from file:// cannot fetch() a file).
 * window.MaliSite.timings records when the quizzes were ready and the maps drawn.
 */
(function () {
  "use strict";

  var manifest = window.MaliSiteLessons || { lessons: [], storagePrefix: "mali-lessons/", words: {} };
  var PREFIX = manifest.storagePrefix;
  var NAME_KEY = PREFIX + "student-name";
  var RESULTS_KIND = "mali_lessons-results";
  var RESULTS_FORMAT = 2;
  var KEEP_WRONG_ANSWERS = 20;  // as mali_lessons/quiz/progress.py
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var timings = {};

  function mark(name) {
    if (!(name in timings)) timings[name] = Math.round(performance.now());
  }

  // --- Saved answers ---------------------------------------------------------------------

  function readRecords(lesson) {
    try {
      var value = JSON.parse(window.localStorage.getItem(PREFIX + lesson) || "{}");
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (error) {
      return {};
    }
  }

  function lessonInfo(lesson) {
    for (var i = 0; i < manifest.lessons.length; i++) {
      if (manifest.lessons[i].lesson === lesson) return manifest.lessons[i];
    }
    return null;
  }

  function questionInfo(lesson, id) {
    var info = lessonInfo(lesson);
    if (!info) return null;
    for (var i = 0; i < info.questions.length; i++) {
      if (info.questions[i].id === id) return info.questions[i];
    }
    return null;
  }

  /* A number as the lessons print it: 12,947 or 3.5 (answers.py format_number). */
  function formatNumber(value) {
    if (typeof value !== "number" || !isFinite(value)) return String(value);
    var text = Number.isInteger(value) ? String(Math.abs(value)) :
      Math.abs(value).toFixed(6).replace(/0+$/, "").replace(/\.$/, "");
    var parts = text.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (value < 0 ? "-" : "") + parts.join(".");
  }

  /* An ISO date at its precision in words: "16 June 2023", "June 2023", "2023". */
  function dateWords(iso) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(iso));
    if (!m) return String(iso);
    if (!m[2]) return m[1];
    var month = MONTHS[Number(m[2]) - 1] || m[2];
    return m[3] ? Number(m[3]) + " " + month + " " + m[1] : month + " " + m[1];
  }

  /* An answer in words, as the notebook's results file writes it (answer_text in Python). */
  function answerWords(info, answer) {
    if (answer === null || answer === undefined || !info) return null;
    switch (info.type) {
      case "multi": return Array.isArray(answer) ? answer.join("; ") : String(answer);
      case "truefalse": return answer ? manifest.words["true"] : manifest.words["false"];
      case "numeric": return formatNumber(answer) + (info.unit ? " " + info.unit : "");
      case "date": return dateWords(answer);
      case "order": return Array.isArray(answer) ? answer.join(" \u2192 ") : String(answer);
      case "match":
        return Object.keys(answer).map(function (left) { return left + " = " + answer[left]; })
          .join("; ");
      case "map": return (info.places && info.places[answer]) || String(answer);
      default: return String(answer);
    }
  }

  /* The quiz front end's localStore, keeping also the wrong answers in words. */
  function siteStore(lesson, localStore) {
    var inner = localStore(PREFIX + lesson);
    return {
      load: inner.load,
      save: function (id, record, event) {
        var old = inner.load()[id] || {};
        var wrong = Array.isArray(old.wrong_answers) ? old.wrong_answers.slice() : [];
        var words = answerWords(questionInfo(lesson, id), record.answer);
        if (event && event.type === "check" && !record.correct && words !== null) {
          wrong.push(words);
          wrong = wrong.slice(-KEEP_WRONG_ANSWERS);
        }
        var kept = Object.assign({}, record, { wrong_answers: wrong });
        inner.save(id, kept, event);
        refreshScores();
      },
    };
  }

  // --- 1. Quizzes ------------------------------------------------------------------------

  function mountQuizzes(api) {
    var boxes = document.querySelectorAll("[data-site-quiz]");
    Array.prototype.forEach.call(boxes, function (box) {
      var lesson = box.getAttribute("data-site-quiz");
      var source = document.getElementById(box.getAttribute("data-site-quiz-data"));
      var data = JSON.parse(source.textContent);
      var fallback = Array.prototype.slice.call(box.childNodes);
      box.replaceChildren();
      try {
        api.mountQuiz(box, data, { store: siteStore(lesson, api.localStore) });
        box.setAttribute("data-site-ready", "yes");
      } catch (error) {
        box.replaceChildren.apply(box, fallback);  // the static quiz stays readable
        box.setAttribute("data-site-ready", "failed");
        throw error;
      }
    });
    mark("quizReady");
  }

  // --- 2. The bases slider ---------------------------------------------------------------

  function initSlider(box) {
    var input = box.querySelector("input[type=range]");
    var view = box.querySelector("[data-site-slider-view]");
    var value = box.querySelector("[data-site-slider-value]");
    var frames = box.querySelectorAll("template[data-site-frame]");
    var shown = -1;
    function show(index) {
      if (index === shown || !frames[index]) return;
      shown = index;
      var label = frames[index].getAttribute("data-label");
      view.replaceChildren(document.importNode(frames[index].content, true));
      value.textContent = label;
      input.setAttribute("aria-valuetext", label);
      box.setAttribute("data-site-frame-shown", String(index));
    }
    input.addEventListener("input", function () { show(Number(input.value)); });
    show(Number(input.value) || 0);
  }

  // --- 3. Scores -------------------------------------------------------------------------

  function lessonScore(info) {
    var records = readRecords(info.lesson);
    var answered = 0, right = 0;
    info.questions.forEach(function (q) {
      var r = records[q.id];
      if (!r) return;
      var tries = Number.isInteger(r.tries) ? r.tries : 0;
      if (tries > 0 || r.revealed) answered += 1;
      if (r.correct && !r.revealed && tries > 0) right += 1;
    });
    return { answered: answered, right: right, total: info.questions.length };
  }

  function refreshScores() {
    var tables = document.querySelectorAll("[data-site-scores]");
    Array.prototype.forEach.call(tables, function (table) {
      var all = { answered: 0, right: 0 };
      Array.prototype.forEach.call(table.querySelectorAll("tr[data-lesson]"), function (row) {
        var lesson = row.getAttribute("data-lesson");
        var score = lesson ? (lessonInfo(lesson) ? lessonScore(lessonInfo(lesson)) : null) : all;
        if (!score) return;
        if (lesson) { all.answered += score.answered; all.right += score.right; }
        row.querySelector("[data-site-answered]").textContent = String(score.answered);
        row.querySelector("[data-site-right]").textContent = String(score.right);
      });
    });
  }

  // --- 4. Export my results --------------------------------------------------------------

  function nowUtc() {
    return new Date().toISOString().replace(/\.\d+Z$/, "Z");
  }

  /* The results document of export_results() (mali_lessons/teacher.py results_for). */
  function resultsDocument(student) {
    var doc = { kind: RESULTS_KIND, format: RESULTS_FORMAT, student: student,
      exported_at: nowUtc(), lessons: {} };
    manifest.lessons.forEach(function (info) {
      var records = readRecords(info.lesson);
      var questions = {};
      var right = 0, answered = 0;
      info.questions.forEach(function (q) {
        var r = records[q.id] || null;
        var tries = r && Number.isInteger(r.tries) && r.tries > 0 ? r.tries : 0;
        var revealed = Boolean(r && r.revealed);
        var value = r && r.answer !== undefined ? r.answer : null;
        var entry = {
          type: q.type,
          prompt: q.prompt,
          answered: Boolean(r) && (tries > 0 || revealed),
          answer: r ? answerWords(q, value) : null,
          value: value,
          correct: Boolean(r && r.correct && !revealed && tries > 0),
          tries: tries,
          right_on_try: r && Number.isInteger(r.right_on_try) && r.right_on_try >= 1 ?
            r.right_on_try : null,
          revealed: revealed,
          wrong_answers: r && Array.isArray(r.wrong_answers) ?
            r.wrong_answers.filter(function (w) { return typeof w === "string"; }) : [],
        };
        if (entry.correct) right += 1;
        if (entry.answered) answered += 1;
        questions[q.id] = entry;
      });
      doc.lessons[info.lesson] = { title: info.title,
        score: { right: right, answered: answered, total: info.questions.length },
        questions: questions };
    });
    return doc;
  }

  function exportResults(section) {
    var input = section.querySelector("[data-site-results-name]");
    var status = section.querySelector("[data-site-results-status]");
    var words = section.dataset;
    var name = input.value.split(/\s+/).filter(Boolean).join(" ");
    if (!name) {
      status.textContent = words.needName;
      input.focus();
      return null;
    }
    try {
      window.localStorage.setItem(NAME_KEY, name);
    } catch (error) { /* storage full or blocked: the file is made all the same */ }
    var file = "results-" + studentFilePart(name) + ".json";
    var blob = new Blob([JSON.stringify(resultsDocument(name), null, 1) + "\n"],
      { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = file;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    status.textContent = words.saved.replace("{file}", file);
    return file;
  }

  function initResults(section) {
    var input = section.querySelector("[data-site-results-name]");
    try {
      input.value = window.localStorage.getItem(NAME_KEY) || "";
    } catch (error) { /* no storage */ }
    section.querySelector("[data-site-results-export]").addEventListener("click", function () {
      exportResults(section);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") exportResults(section);
    });
  }

  // --- The name-to-file rule (student_names.py student_file_part) --------------------------

  /* SHA-256 of a text (UTF-8), in hexadecimal. crypto.subtle is missing on plain-http servers,
   * so the site carries its own: FIPS 180-4, with the round constants computed from the
   * primes as the standard defines them. */
  var SHA_K = null, SHA_H = null;
  function shaConstants() {
    var primes = [], n = 2;
    while (primes.length < 64) {
      if (primes.every(function (p) { return n % p; })) primes.push(n);
      n += 1;
    }
    var frac = function (x) { return ((x - Math.floor(x)) * 4294967296) >>> 0; };
    SHA_K = primes.map(function (p) { return frac(Math.cbrt(p)); });
    SHA_H = primes.slice(0, 8).map(function (p) { return frac(Math.sqrt(p)); });
  }

  function sha256Hex(text) {
    if (!SHA_K) shaConstants();
    var bytes = Array.from(new TextEncoder().encode(text));
    var bitLength = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    for (var shift = 56; shift >= 0; shift -= 8) {
      bytes.push(shift >= 32 ? Math.floor(bitLength / Math.pow(2, shift)) & 0xff :
        (bitLength >>> shift) & 0xff);
    }
    var h = SHA_H.slice();
    var w = new Array(64);
    var rotr = function (x, r) { return (x >>> r) | (x << (32 - r)); };
    for (var block = 0; block < bytes.length; block += 64) {
      for (var i = 0; i < 16; i++) {
        var j = block + i * 4;
        w[i] = ((bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3]) >>> 0;
      }
      for (i = 16; i < 64; i++) {
        var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (i = 0; i < 64; i++) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) +
          SHA_K[i] + w[i]) >>> 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        k = g; g = f; f = e; e = (d + t1) >>> 0;
        d = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      h = [h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + k]
        .map(function (x) { return x >>> 0; });
    }
    return h.map(function (x) { return ("00000000" + x.toString(16)).slice(-8); }).join("");
  }

  function casefold(text) {
    return text.toLowerCase().replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3");
  }

  /* amina-traore-1f3c9a2b: a readable part and 8 hex digits of a hash of the whole name. */
  function studentFilePart(name) {
    var tidy = String(name).split(/\s+/).filter(Boolean).join(" ").normalize("NFC");
    var letters = [];
    Array.from(casefold(tidy).normalize("NFKD")).forEach(function (char) {
      var last = letters[letters.length - 1];
      if (/\p{Mn}/u.test(char) && last && /^[\x00-\x7f]$/.test(last)) return;  // é -> e
      letters.push(char);
    });
    var readable = letters.join("").normalize("NFC").replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "");
    readable = Array.from(readable).slice(0, 40).join("").replace(/^-+|-+$/g, "") || "student";
    return readable + "-" + sha256Hex(tidy).slice(0, 8);
  }

  // --- Start -----------------------------------------------------------------------------

  function mapsDrawn() {
    var maps = document.querySelectorAll(".site-map .folium-map");
    if (!maps.length) return;
    var check = function () {
      var all = document.querySelectorAll(".site-map .folium-map");
      var done = Array.prototype.every.call(all, function (m) { return m.dataset.mlPlaced; });
      if (done) mark("mapsDrawn"); else requestAnimationFrame(check);
    };
    check();
  }

  /* A wide table scrolls sideways inside its output box: the box then takes the keyboard
   * focus, so that it can be scrolled with the arrow keys too. */
  function scrollableOutputs() {
    Array.prototype.forEach.call(document.querySelectorAll(".site-output"), function (box) {
      if (box.scrollWidth > box.clientWidth + 1) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-site-slider]"), initSlider);
    Array.prototype.forEach.call(document.querySelectorAll("[data-site-results]"), initResults);
    refreshScores();
    scrollableOutputs();
    window.addEventListener("storage", refreshScores);
    window.addEventListener("resize", scrollableOutputs);
    mapsDrawn();
  }

  window.MaliSite = {
    mountQuizzes: mountQuizzes,
    resultsDocument: resultsDocument,
    exportResults: exportResults,
    studentFilePart: studentFilePart,
    sha256Hex: sha256Hex,
    timings: timings,
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
