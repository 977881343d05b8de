"""Le catalogue français : chaque message du paquet, par clé (voir :mod:`mali_lessons.messages`).

Same keys and ``{names}`` as :mod:`mali_lessons.messages_en`; French typography: a no-break
space (U+00A0) before : ; ? ! % and inside « », the apostrophe ’, numbers « 1 000 », « 3,5 ».
"""

from __future__ import annotations

FR: dict[str, str] = {
    "answer_empty": "Donnez d'abord une réponse.",
    "choose_one": "Choisissez d'abord une réponse.",
    "check": "Vérifier",
    "hint": "Indice",
    "show_answer": "Voir la réponse",
    "true": "Vrai",
    "false": "Faux",
    "feedback_right": "Juste !",
    "score": "Score : {right} juste(s) sur {total} questions ({answered} répondue(s)).",
}
