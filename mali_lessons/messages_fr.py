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
    # -- le site statique et les documents imprimés (mali_lessons/site) ----------------------
    "site_language_name": "Français",
    "site_site_name": "Leçons sur la crise malienne",
    "site_index_title": "La crise au Mali : les leçons",
    "site_index_intro": (
        "Chaque leçon est une page à lire, avec des cartes que l’on peut déplacer et agrandir, "
        "des graphiques et un quiz qui corrige vos réponses aussitôt. Rien à installer, pas "
        "besoin de connexion Internet : les pages fonctionnent depuis une clé USB ou "
        "n’importe quel serveur web."),
    "site_index_lessons": "Les leçons",
    "site_index_other_language": "Autres langues",
    "site_checked_up_to": "Faits vérifiés jusqu’au {date}.",
    "site_skip_link": "Aller à la leçon",
    "site_nav_label": "Leçons",
    "site_nav_index": "Toutes les leçons",
    "site_nav_prev": "Précédente : {title}",
    "site_nav_next": "Suivante : {title}",
    "site_nav_language": "Cette leçon en {language}",
    "site_site_note": (
        "Voici la leçon sous forme de page web : lisez-la, observez les cartes et les "
        "graphiques, et répondez au quiz. Ici, il n’y a pas de code à exécuter ; quand le texte "
        "parle de cellules, de code à exécuter ou de fichiers, il s’agit de la version "
        "notebook de la leçon."),
    "site_quiz_static_note": (
        "Le quiz corrige vos réponses grâce à JavaScript. Si vous lisez ce message, JavaScript "
        "est désactivé ou le quiz n’a pas pu démarrer : les questions sont ci-dessous, avec "
        "leurs réponses repliées."),
    "site_progress_note": (
        "Sur cette page web, vos réponses sont enregistrées dans ce navigateur (son stockage "
        "local), sur cet ordinateur seulement. Vous les retrouvez en rouvrant la page dans le "
        "même navigateur. Pour les remettre, utilisez « Exporter mes résultats » à la fin "
        "d’une leçon."),
    "site_results_heading": "Remettre vos résultats",
    "site_results_intro": (
        "Vos réponses aux quiz de toutes les leçons sont conservées dans ce navigateur. Pour les "
        "remettre, écrivez votre nom et appuyez sur le bouton : le navigateur enregistre un "
        "fichier nommé results-<votre nom>-<code>.json (en général dans le dossier "
        "Téléchargements). Donnez ce fichier à votre professeur."),
    "site_results_name": "Votre nom",
    "site_results_button": "Exporter mes résultats",
    "site_results_need_name": "Écrivez d’abord votre nom, puis appuyez de nouveau sur le bouton.",
    "site_results_saved": (
        "Fichier {file} enregistré : remettez ce fichier (regardez dans le dossier "
        "Téléchargements)."),
    "site_results_failed": "Le fichier n’a pas pu être créé : {problem}",
    "site_scores_heading": "Vos scores dans chaque leçon",
    "site_scores_caption": "Vos réponses enregistrées dans ce navigateur, leçon par leçon",
    "site_scores_lesson": "Leçon",
    "site_scores_questions": "Questions",
    "site_scores_answered": "Répondues",
    "site_scores_right": "Justes",
    "site_scores_total": "Toutes les leçons",
    "site_slider_label": "Date affichée sur la carte",
    "site_slider_range": (
        "La carte peut montrer {count} dates, du {first} au {last} : déplacez le curseur (ou "
        "utilisez les flèches du clavier) pour changer de date."),
    "site_slider_print": "Les bases à chaque date du curseur, du {first} au {last}.",
    "site_needs_kernel": (
        "Cette partie de la leçon a besoin de Python en marche : elle ne peut pas s’afficher "
        "sur une page web. Ouvrez la leçon dans JupyterLab pour l’utiliser."),
    "site_map_fallback": (
        "La carte a besoin de JavaScript pour s’afficher. Ses lieux sont énumérés dans le "
        "tableau que lisent les lecteurs d’écran."),
    "site_footer_licence": (
        "Textes des leçons et tableaux de données : CC BY 4.0. Code : MIT. Contours des "
        "cartes : Natural Earth (domaine public)."),
    "site_worksheet_title": "Fiche d’exercices",
    "site_worksheet_name_line": (
        "Nom : ____________________   Classe : ________   Date : ____________"),
    "site_worksheet_questions": "Questions",
    "site_worksheet_choose_one": "Cochez une réponse.",
    "site_worksheet_choose_many": "Cochez toutes les bonnes réponses.",
    "site_worksheet_true_false": "Cochez vrai ou faux.",
    "site_worksheet_number": "Votre réponse :",
    "site_worksheet_date": "Votre réponse (la date) :",
    "site_worksheet_order": "Numérotez les événements de 1 (le plus ancien) à {count}.",
    "site_worksheet_match": (
        "Pour chaque élément de gauche, écrivez l’élément correspondant de cette liste :"),
    "site_worksheet_map": "Écrivez le numéro du repère :",
    "site_worksheet_map_alt": "Carte du Mali avec {count} repères numérotés",
    "site_key_title": "Corrigé : {title}",
    "site_key_teacher_copy": "Pour le professeur : ne laissez pas cette page aux élèves.",
    "site_key_marker_order": "Repères numérotés comme sur la fiche : {markers}.",
    "site_key_right_options": "Bonnes réponses :",
    # -- l’export Moodle XML et GIFT (mali_lessons/lms) ---------------------------------------
    "lms_top_category": "Leçons sur la crise malienne",
    "lms_positions_intro": (
        "Donnez à chaque événement sa place dans le temps : 1er pour le plus ancien, {last} "
        "pour le plus récent."
    ),
    "lms_markers_intro": "Les repères numérotés de la carte :",
    "lms_map_alt": "Carte du Mali et de ses voisins avec {count} repères numérotés. {markers}",
    "lms_marker_in_mali": "Repère {number} : dans {part} du Mali ({where})",
    "lms_marker_outside": "Repère {number} : hors du Mali, {direction} ({where})",
    "lms_map_credit": "Frontières : Natural Earth",
    "lms_category_info": (
        "Questions de la leçon {lesson} des Leçons sur la crise malienne (sa banque de "
        "questions, data/quizzes/{lesson}.yaml)."
    ),
    "lms_order_as_ordering": "écrite comme question « Ordering » de Moodle (qtype_ordering)",
    "lms_order_as_matching": (
        "écrite comme appariement : chaque événement avec sa place dans le temps (1er, 2e…)"
    ),
    "lms_multi_too_many": (
        "laissée de côté : Moodle ne peut pas partager la note en {count} parts égales"),
    "lms_match_too_small": (
        "laissée de côté : l’appariement de Moodle demande au moins 3 éléments à droite"),
    "lms_map_in_words": (
        "écrite comme choix multiple, avec les repères décrits en mots, car GIFT ne transporte "
        "pas d’image ; Moodle peut mélanger les options Repère 1, Repère 2…"
    ),
    "lms_order_in_gift": (
        "écrite comme appariement : chaque événement avec sa place dans le temps (1er, 2e…), "
        "car GIFT n’a pas de question de classement"
    ),
    "lms_unit_dropped": (
        "l’unité « {unit} » est laissée de côté : les nombres de GIFT ne prennent pas d’unité"),
    "lms_part_north_west": "le nord-ouest",
    "lms_part_north": "le nord",
    "lms_part_north_east": "le nord-est",
    "lms_part_west": "l’ouest",
    "lms_part_centre": "le centre",
    "lms_part_east": "l’est",
    "lms_part_south_west": "le sud-ouest",
    "lms_part_south": "le sud",
    "lms_part_south_east": "le sud-est",
    "lms_degrees": "{lat}° {north_south}, {lon}° {east_west}",
    "lms_letter_north": "N",
    "lms_letter_south": "S",
    "lms_letter_east": "E",
    "lms_letter_west": "O",
}
