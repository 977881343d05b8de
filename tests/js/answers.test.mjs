// The browser's reader of typed answers (mali_lessons/quiz/frontend/answers.js) against the
// shared test vectors (tests/answer_vectors.json), which Python's reader passes too
// (tests/test_answer_vectors.py). Run with `node --test tests/js/`; pytest runs it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { InputProblem, isoDate, readDate, readNumber } from "../../mali_lessons/quiz/frontend/answers.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const { cases } = JSON.parse(readFileSync(`${here}../answer_vectors.json`, "utf8"));

function read(c) {
  if (c.reader === "number") return { value: readNumber(c.text, c.options) };
  const date = readDate(c.text);
  return { value: isoDate(date), precision: date.precision };
}

for (const c of cases) {
  test(`${c.reader} ${JSON.stringify(c.text)} ${JSON.stringify(c.options || {})}`, () => {
    if (c.error) {
      assert.throws(() => read(c), (problem) => {
        assert.ok(problem instanceof InputProblem, String(problem));
        assert.equal(problem.key, c.error);
        assert.equal(problem.kind, c.kind);
        for (const [name, value] of Object.entries(c.values || {})) {
          assert.equal(String(problem.values[name]), value, name);
        }
        return true;
      });
      return;
    }
    const got = read(c);
    assert.equal(got.value, c.expect);
    if (c.precision) assert.equal(got.precision, c.precision);
  });
}

test("the vectors hold the cases the lessons rely on", () => {
  const texts = new Set(cases.map((c) => c.text));
  for (const t of ["12'947", "12’947", "12 947", "22,400,000", "12.947", "-5", "2023-06-16",
    "16/06/2023", "16 June 2023", "June 2023", "2023"]) assert.ok(texts.has(t), t);
});
