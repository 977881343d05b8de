"""Type random text into every quiz question and count the outcomes (and any Python error).

    .venv/bin/python benchmarks/answers_fuzz.py [EXAMPLES_PER_QUESTION]

Prints, for every question type, how many inputs were right, wrong, refused with a message
("input"), asked back ("ask"), and how many raised an exception (must be 0). The same
property is tested in tests/test_answer_properties.py with Hypothesis.
"""

from __future__ import annotations

import collections
import random
import string
import sys

from mali_lessons.quiz.model import list_lessons, load_bank

PIECES = ["311", "12", "947", "12,947", "12.947", "1 000", "22.4", "-", "+", "−", ".", ",", "'",
          "’", " ", "\u00a0", "\u202f", "e", "E", "9" * 20, "million", "k", "people", "2023",
          "06", "16", "/", "June", "juin", "1er", "31st", "nan", "inf", "٣", "³", "\x00", "\ud800"]


def random_text(rng: random.Random) -> str:
    """Bits of numbers, dates and words glued together, or any printable noise."""
    if rng.random() < 0.3:
        return "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 30)))
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 6)))


def main(per_question: int) -> int:
    rng = random.Random(10)
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    errors = 0
    questions = [q for lesson in list_lessons() for q in load_bank(lesson).questions]
    for question in questions:
        for _ in range(per_question):
            try:
                counts[question.kind][question.judge(random_text(rng)).kind] += 1
            except Exception as err:  # noqa: BLE001 - counted and shown
                errors += 1
                print(f"{question.id}: {type(err).__name__}: {err}")
    total = sum(sum(c.values()) for c in counts.values()) + errors
    for kind, counter in sorted(counts.items()):
        print(f"{kind:10} " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())))
    print(f"{total} inputs to {len(questions)} questions: {errors} exceptions")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
