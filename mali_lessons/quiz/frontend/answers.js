// Reading what a student typed (numbers and dates) and judging an answer, in the browser.
//
// This is the browser twin of mali_lessons/quiz/answers.py and of the judging in the
// question classes. Both are run against the same test vectors (tests/answer_vectors.json),
// by pytest and by `node --test`, so they cannot drift apart. The Python side stays the
// authority: in a notebook every answer judged here is judged again by Python and saved there.
//
// Exports:
//   readNumber(text, {units, whole, scale, allowNegative}) -> number, or throws InputProblem
//   readDate(text) -> {year, month, day, precision}, or throws InputProblem
//   isoDate(date, precision) -> "2023", "2023-06" or "2023-06-16"
//   judge(question, raw) -> {kind: "right"|"wrong"|"input"|"ask", answer, key, values}
//   sameAnswer(a, b) -> true when two answers are the same (a second check of it is no try)
//
// A thrown InputProblem has .key (a message key of mali_lessons/messages.py), .values (the
// values to fill into it) and .kind ("input", or "ask" when the text reads two ways).

export class InputProblem extends Error {
  constructor(key, values = {}, kind = "input") {
    super(key);
    this.key = key;
    this.values = values;
    this.kind = kind;
  }
}

const LONGEST_ANSWER = 100;
const LARGEST_NUMBER = 1e15;
const SEPARATORS = ",.'\u2019 ";
const NOT_A_NUMBER = new Set(["nan", "inf", "-inf", "+inf", "infinity", "-infinity", "∞", "-∞"]);
const NUMBER_THEN_REST =
  /^([-+]?)\s*([0-9](?:[0-9.,'\u2019 ]*[0-9])?)\.?([eE][-+]?[0-9]{1,6})?(.*)$/;

export const SCALE_WORDS = {
  thousand: 3, thousands: 3, k: 3, mille: 3, milliers: 3,
  million: 6, millions: 6, m: 6, mn: 6,
  billion: 9, billions: 9, bn: 9, milliard: 9, milliards: 9,
};

const tidy = (text) => String(text).split(/\s+/u).filter(Boolean).join(" ");
const fold = (text) => text.toLowerCase();

function typedText(text) {
  const raw = text === null || text === undefined ? "" : tidy(text);
  if (!raw) throw new InputProblem("answer_empty");
  if (raw.length > LONGEST_ANSWER) throw new InputProblem("answer_too_long", { limit: LONGEST_ANSWER });
  return raw;
}

/** NFKC text with every decimal digit (Arabic-Indic, Devanagari...) written 0-9. */
function asciiDigits(text) {
  const normal = text.normalize("NFKC").replace(/\u2212/g, "-");
  return normal.replace(/\p{Nd}/gu, (c) => {
    let code = c.codePointAt(0);
    if (code < 128) return c;
    let value = 0;
    while (value < 9 && /\p{Nd}/u.test(String.fromCodePoint(code - 1))) { code -= 1; value += 1; }
    return String(value);
  });
}

function grouped(text, separator) {
  const groups = text.split(separator);
  const [first, ...others] = groups;
  if (!/^[0-9]{1,3}$/.test(first)) return null;
  if (!others.length || !others.every((g) => /^[0-9]{3}$/.test(g))) return null;
  return groups.join("");
}

const withCommas = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** « 2,690 » or « 12.947 » in the French edition: see _french_ambiguity in answers.py. */
function frenchAmbiguity(body) {
  const separator = body.includes(",") ? "," : ".";
  const [wholePart, fraction] = body.split(separator);
  const plain = String(parseInt(wholePart + fraction, 10));
  let decimalFraction = fraction.replace(/0+$/, ""); // written so it cannot be misread
  if (decimalFraction.length === 3) decimalFraction += "0";
  const decimal = decimalFraction ? `${wholePart},${decimalFraction}` : wholePart;
  return new InputProblem("number_ambiguous_fr",
    { typed: body, thousands: withCommas(plain).replace(/,/g, "\u00a0"), plain, decimal }, "ask");
}

/** The number written as plain digits[.digits]; see _plain_digits in answers.py. */
function plainDigits(body, whole, lang = "en") {
  const used = [...body].filter((c) => SEPARATORS.includes(c));
  if (!used.length) return body;
  const kinds = new Set(used);
  const last = used[used.length - 1];
  if (used.length === 1 && (last === "." || last === ",")) {
    const [wholePart, fraction] = body.split(last);
    const three = fraction.length === 3 && wholePart.length >= 1 && wholePart.length <= 3;
    if (lang === "fr" && three) throw frenchAmbiguity(body);
    if (last === "," && three) return wholePart + fraction;
    if (last === "." && three && whole) {
      const plain = String(parseInt(wholePart + fraction, 10));
      throw new InputProblem("number_ambiguous_point",
        { typed: body, thousands: withCommas(plain), plain, decimal: body }, "ask");
    }
    return `${wholePart}.${fraction}`;
  }
  if (kinds.size === 1) {
    const plain = grouped(body, last);
    if (plain !== null) return plain;
    throw new InputProblem("number_unclear");
  }
  const others = [...kinds].filter((k) => k !== last);
  if ((last === "." || last === ",") && used.filter((c) => c === last).length === 1
      && others.length === 1) {
    const at = body.lastIndexOf(last);
    const integer = grouped(body.slice(0, at), others[0]);
    const fraction = body.slice(at + 1);
    if (integer !== null && /^[0-9]+$/.test(fraction)) return `${integer}.${fraction}`;
  }
  throw new InputProblem("number_unclear");
}

function unitMatches(rest, units) {
  const wanted = fold(tidy(rest));
  return units.some((u) => u && wanted === fold(tidy(u)));
}

/** The power of ten said after the number ("million" -> 6); 0 when there is none. */
function scaleOf(rest, units) {
  if (!rest || unitMatches(rest, units)) return 0;
  const text = tidy(rest);
  const space = text.indexOf(" ");
  const word = space < 0 ? text : text.slice(0, space);
  const after = space < 0 ? "" : text.slice(space + 1);
  const power = SCALE_WORDS[fold(word)];
  if (power !== undefined && (!after || unitMatches(after, units))) return power;
  if (units.length) throw new InputProblem("number_unit_unknown", { unit: units[0] });
  throw new InputProblem("number_needed", { example: "311" });
}

/**
 * Read a number typed by a student (see parse_number in answers.py).
 * `scale` is the question's unit as a factor (1e6 for an answer counted in millions).
 */
export function readNumber(text, { units = [], whole = false, scale = 1, allowNegative = true, lang = "en" } = {}) {
  units = units.filter(Boolean);
  const raw = asciiDigits(typedText(text));
  if (NOT_A_NUMBER.has(fold(raw).replace(/ /g, ""))) throw new InputProblem("number_not_finite");
  const match = NUMBER_THEN_REST.exec(raw);
  if (!match) throw new InputProblem("number_needed", { example: "311" });
  const [, sign, body, exponent, restRaw] = match;
  const rest = restRaw.trim();
  const said = scaleOf(rest, units);
  const digits = plainDigits(body, whole && said === 0 && scale === 1, lang);
  let power = (exponent ? parseInt(exponent.slice(1), 10) : 0) + said;
  const value = Number(`${digits}e${power}`);
  if (!(value <= LARGEST_NUMBER)) throw new InputProblem("number_too_large");
  const negative = sign === "-";
  if (negative && value !== 0 && !allowNegative) throw new InputProblem("number_negative");
  const scalePower = Math.round(Math.log10(scale));
  if (scale !== 1 && (said !== 0 || value >= scale) && !unitMatches(restRaw, units)) {
    power -= scalePower; // typed in full (22,400,000) or with a scale word (22.4 million)
  }
  const result = Number(`${digits}e${power}`);
  return negative ? 0 - result : result; // 0 - 0 is +0, as Python gives for "-0"
}

// -- dates ------------------------------------------------------------------------------------

const MONTHS = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11,
  dec: 12,
  janvier: 1, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8,
  septembre: 9, octobre: 10, novembre: 11, decembre: 12,
  janv: 1, fev: 2, fevr: 2, avr: 4, juil: 7,
};
const FILLER_WORDS = new Set(["the", "of", "le", "on", "in", "en"]);
const ORDINAL = /^(\d{1,2})(st|nd|rd|th|er|e)$/;
const NUMERIC_DATE = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/;
const NUMERIC_MONTH = /^(\d{1,2})[/.\-](\d{4})$/;
const ISO = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;
export const PRECISIONS = ["year", "month", "day"];

function checkedDate(year, month = null, day = null) {
  if (month !== null && !(month >= 1 && month <= 12)) throw new InputProblem("date_not_real");
  if (!(year >= 1 && year <= 9999)) throw new InputProblem("date_not_real");
  if (day !== null) {
    const m = month ?? 1;
    const length = new Date(Date.UTC(2000, m, 0)).getUTCDate(); // days in month m (leap year)
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const days = m === 2 && !leap ? 28 : length;
    if (!(day >= 1 && day <= days)) throw new InputProblem("date_not_real");
  }
  const precision = day !== null ? "day" : month !== null ? "month" : "year";
  return { year, month, day, precision };
}

const int = (g) => (g === undefined ? null : parseInt(g, 10));

function dateFromWords(tokens) {
  let year = null, month = null, day = null;
  for (let token of tokens) {
    token = token.replace(/\.+$/, "");
    const ordinal = ORDINAL.exec(token);
    if (token in MONTHS && month === null) month = MONTHS[token];
    else if (/^[0-9]{4}$/.test(token) && year === null) year = parseInt(token, 10);
    else if ((/^[0-9]{1,2}$/.test(token) || ordinal) && day === null) {
      day = parseInt(ordinal ? ordinal[1] : token, 10);
    } else if (FILLER_WORDS.has(token)) continue;
    else return null;
  }
  if (year === null || month === null) return null;
  return checkedDate(year, month, day);
}

/** Read a date typed by a student (see parse_date in answers.py). */
export function readDate(text) {
  const raw = typedText(text);
  let m = ISO.exec(raw);
  if (m) return checkedDate(int(m[1]), int(m[2]), int(m[3]));
  m = NUMERIC_DATE.exec(raw);
  if (m) {
    const [day, month, year] = [int(m[1]), int(m[2]), int(m[3])];
    if (month > 12 && day <= 12) throw new InputProblem("date_day_first");
    return checkedDate(year, month, day);
  }
  m = NUMERIC_MONTH.exec(raw);
  if (m) return checkedDate(int(m[2]), int(m[1]), null);
  const folded = raw.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  const found = dateFromWords(folded.replace(/,/g, " ").split(/\s+/).filter(Boolean));
  if (found === null) throw new InputProblem("date_unclear");
  return found;
}

const pad = (n, width) => String(n).padStart(width, "0");

/** "2023", "2023-06" or "2023-06-16": the date told to `precision`. */
export function isoDate(date, precision = date.precision) {
  const at = PRECISIONS.indexOf(precision);
  let text = pad(date.year, 4);
  if (at >= 1 && date.month !== null) text += `-${pad(date.month, 2)}`;
  if (at >= 2 && date.day !== null) text += `-${pad(date.day, 2)}`;
  return text;
}

// -- judging ----------------------------------------------------------------------------------

/** Turn what was entered into an answer of the question's shape; throws InputProblem. */
export function parseAnswer(q, raw) {
  switch (q.kind) {
    case "single":
    case "map":
      if (typeof raw !== "string" || !q.choices.includes(raw)) throw new InputProblem(q.chooseKey);
      return raw;
    case "truefalse":
      if (typeof raw !== "boolean") throw new InputProblem("choose_one");
      return raw;
    case "multi": {
      const picked = Array.isArray(raw) ? raw : [];
      if (!picked.length || picked.some((p) => !q.choices.includes(p))) {
        throw new InputProblem("choose_some");
      }
      return q.choices.filter((c) => picked.includes(c)); // in the bank's order
    }
    case "numeric":
      return readNumber(raw, q.reading);
    case "date": {
      const given = readDate(raw);
      if (PRECISIONS.indexOf(given.precision) < PRECISIONS.indexOf(q.precision)) {
        throw new InputProblem(`date_need_${q.precision}`);
      }
      return isoDate(given, q.precision);
    }
    case "order": {
      const chosen = Array.isArray(raw) ? raw : [];
      if (chosen.length !== q.choices.length || chosen.some((c) => !q.choices.includes(c))) {
        throw new InputProblem("order_fill_all");
      }
      if (new Set(chosen).size !== chosen.length) throw new InputProblem("order_each_once");
      return chosen;
    }
    case "match": {
      const chosen = raw && typeof raw === "object" ? raw : {};
      if (q.lefts.some((l) => typeof chosen[l] !== "string" || !q.choices.includes(chosen[l]))) {
        throw new InputProblem("match_fill_all");
      }
      return Object.fromEntries(q.lefts.map((l) => [l, chosen[l]]));
    }
    default:
      throw new Error(`unknown question kind ${q.kind}`);
  }
}

/** Whether an answer (as parseAnswer gives it) is right. */
export function isRight(q, answer) {
  const ok = q.accept;
  switch (q.kind) {
    case "numeric":
      return Math.abs(answer - ok.answer) <= ok.tolerance + 1e-9 * Math.max(1, Math.abs(ok.answer));
    case "date":
      return ok.includes(answer);
    case "multi":
      return answer.length === ok.length && ok.every((a) => answer.includes(a));
    case "order":
      return answer.length === ok.length && ok.every((a, i) => answer[i] === a);
    case "match":
      return Object.keys(ok).every((left) => answer[left] === ok[left]);
    default:
      return answer === ok;
  }
}

/** Read and judge: {kind, answer, key, values} (kind "input"/"ask": not a try). */
export function judge(q, raw) {
  let answer;
  try {
    answer = parseAnswer(q, raw);
  } catch (problem) {
    if (!(problem instanceof InputProblem)) throw problem;
    return { kind: problem.kind, answer: null, key: problem.key, values: problem.values };
  }
  const right = isRight(q, answer);
  return { kind: right ? "right" : "wrong", answer, key: right ? "feedback_right" : null, values: {} };
}

const canonical = (value) => JSON.stringify(value, (key, v) =>
  v && typeof v === "object" && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v);

/** True when two answers are the same (numbers compared as numbers). */
export function sameAnswer(a, b) {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return canonical(a) === canonical(b);
}
