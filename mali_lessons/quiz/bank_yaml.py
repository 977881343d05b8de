"""Reading a quiz bank file safely: YAML that cannot blow up, surprise or hide a mistake.

Quiz banks are edited by hand, so :func:`read_bank_yaml` reads them with a stricter loader
than ``yaml.safe_load``:

* no aliases (``*name``): nested aliases can make a few lines expand to gigabytes
  ("billion laughs"); a bank never needs them;
* a key written twice in one block is an error naming the key (YAML keeps the last silently);
* YAML 1.2 rules for plain values: only ``true``/``false`` are booleans, so ``[Yes, No]`` stay
  the words Yes and No; ``010`` is ten; dates stay text, so a wrong date is reported by the
  question that holds it;
* nesting deeper than :data:`DEEPEST` levels, and files larger than :data:`LARGEST_FILE`
  bytes, are refused with a clear message.

Every problem is one :class:`QuizBankError` naming the file and, where known, the line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent
from yaml.nodes import MappingNode

from mali_lessons.messages import msg

__all__ = ["DEEPEST", "LARGEST_FILE", "QuizBankError", "read_bank_yaml"]

#: Banks are a few kilobytes; a larger file is refused before it is parsed.
LARGEST_FILE = 1_000_000

#: A bank nests four or five levels (file, questions, question, pairs, pair).
DEEPEST = 40


class QuizBankError(ValueError):
    """A quiz bank file breaks a rule. The message names the file, question and field.

    The same facts are attributes for programs: ``path``, ``question_id``, ``field``, ``line``
    and ``problem``.
    """

    def __init__(
        self,
        path: Path | str,
        problem: str,
        question_id: str | None = None,
        field: str | None = None,
        line: int | None = None,
    ):
        self.path = Path(path)
        self.problem = problem
        self.question_id = question_id
        self.field = field
        self.line = line
        where = [str(self.path)]
        if line is not None:
            where.append(msg("bank_where_line", line=line))
        if question_id is not None:
            where.append(msg("bank_where_question", id=question_id))
        if field is not None:
            where.append(msg("bank_where_field", field=field))
        super().__init__(", ".join(where) + ": " + problem)


class _Refused(Exception):
    """Raised inside the loader; turned into a QuizBankError with the file's path."""

    def __init__(self, problem: str, line: int | None):
        super().__init__(problem)
        self.problem = problem
        self.line = line


class _BankLoader(yaml.SafeLoader):
    """SafeLoader without aliases, duplicate keys, YAML 1.1 surprises or deep nesting."""

    yaml_implicit_resolvers: dict = {}
    yaml_constructors = dict(SafeConstructor.yaml_constructors)

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _Refused(msg("bank_alias"), event.start_mark.line + 1)
        opens = self.check_event(CollectionStartEvent)
        if opens:
            self._depth += 1
            if self._depth > DEEPEST:
                raise _Refused(msg("bank_too_deep", limit=DEEPEST),
                               self.peek_event().start_mark.line + 1)
        try:
            return super().compose_node(parent, index)
        finally:
            if opens:
                self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # a list as a key: let PyYAML report it
                continue
            if duplicate:
                raise _Refused(msg("bank_duplicate_key", name=key), key_node.start_mark.line + 1)
        return super().construct_mapping(node, deep=deep)


def _yaml12_int(loader: _BankLoader, node: Any) -> int:
    text = loader.construct_scalar(node)
    if text[:2] in ("0o", "0x"):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text)


def _yaml12_float(loader: _BankLoader, node: Any) -> float:
    text = str(loader.construct_scalar(node))
    special = {".inf": "inf", "+.inf": "inf", "-.inf": "-inf", ".nan": "nan"}
    return float(special.get(text.lower(), text))


# The YAML 1.2 core schema: null, booleans, integers and floats; everything else is text.
_BankLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_BankLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))
_BankLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"))
_BankLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"))
_BankLoader.add_constructor("tag:yaml.org,2002:int", _yaml12_int)
_BankLoader.add_constructor("tag:yaml.org,2002:float", _yaml12_float)


def read_bank_yaml(path: Path) -> Any:
    """The content of one bank file; QuizBankError naming the file (and line) if unreadable."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(LARGEST_FILE + 1)
    except FileNotFoundError:
        raise QuizBankError(path, msg("bank_missing_file")) from None
    except IsADirectoryError:
        raise QuizBankError(path, msg("bank_not_a_file")) from None
    except OSError as err:
        raise QuizBankError(path, msg("bank_cannot_open", error=err.strerror or err)) from None
    if len(raw) > LARGEST_FILE:
        raise QuizBankError(path, msg("bank_too_large", limit=f"{LARGEST_FILE:,}"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise QuizBankError(path, msg("bank_not_utf8")) from None
    try:
        return yaml.load(text, Loader=_BankLoader)
    except _Refused as refused:
        raise QuizBankError(path, refused.problem, line=refused.line) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err)
        raise QuizBankError(path, msg("bank_bad_yaml", problem=problem), line=line) from None
    except (ValueError, TypeError, OverflowError) as err:
        # an explicit tag that fails: !!timestamp 2023-02-30, !!int x, a list as a key...
        raise QuizBankError(path, msg("bank_bad_value", problem=err)) from None
    except RecursionError:
        raise QuizBankError(path, msg("bank_too_deep", limit=DEEPEST)) from None
