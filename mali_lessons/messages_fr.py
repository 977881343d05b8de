"""Le catalogue français : chaque message du paquet, par clé (voir :mod:`mali_lessons.messages`).

Same keys and ``{names}`` as :mod:`mali_lessons.messages_en`; French typography: a no-break
space (U+00A0) before : ; ? ! % and inside « », the apostrophe ’, numbers « 1 000 », « 3,5 ».
"""

from __future__ import annotations

FR: dict[str, str] = {
    "answer_empty": "Donnez d’abord une réponse.",
    "choose_one": "Choisissez d’abord une réponse.",
    "check": "Vérifier",
    "hint": "Indice",
    "show_answer": "Voir la réponse",
    "true": "Vrai",
    "false": "Faux",
    "feedback_right": "Juste !",
    "score": "Score : {right} juste(s) sur {total} questions ({answered} répondue(s)).",
    "number_ambiguous_fr": (
        "«\u00a0{typed}\u00a0» se lit de deux façons\u00a0: {thousands} (un nombre entier) ou {decimal} "
        "(un nombre à virgule). Tapez {plain} pour le premier, {decimal} pour le second."
    ),
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
    "site_nav_language": "{language}\u00a0: cette leçon",
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
    "progress_saved_where": "Vos réponses sont enregistrées dans ce fichier\u00a0: {path}",
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
    # -- « au » une date : au jour près, ou un mois ou une année (messages.as_of) -------------
    "lesson_as_of_day": "au {date}",
    "lesson_as_of_period": "en {date}",
    # -- les cartes des leçons (mali_lessons/maps) : page, légende, tableau pour lecteurs d’écran
    "maps_osm_layer": "Fond OpenStreetMap (connexion Internet nécessaire)",
    "maps_table_caption": "{title} : ce que montre la carte",
    "maps_table_name": "Nom",
    "maps_table_kind": "Type",
    "maps_table_details": "Détails",
    "maps_legend": "Légende",
    "maps_untitled": "Carte",
    "maps_zoom_note": (
        "Zoomez pour voir {parts} de plus (trop proches les uns des autres à ce niveau de zoom)."),
    "maps_zoom_both": "{first} et {second}",
    "maps_zoom_place": "{count} lieu",
    "maps_zoom_places": "{count} lieux",
    "maps_zoom_name": "{count} nom",
    "maps_zoom_names": "{count} noms",
    "maps_boundary_note": "Frontières : Natural Earth (domaine public), simplifiées.",
    "maps_layer_countries": "Pays",
    "maps_kind_neighbour": "pays voisin du Mali",
    "maps_kind_country": "pays",
    "maps_legend_neighbours": "Pays voisins",
    "maps_layer_regions": "Régions du Mali",
    "maps_kind_north_region": "région du Nord",
    "maps_kind_region": "région",
    "maps_legend_north": "Le Nord : régions de Tombouctou, Gao et Kidal",
    "maps_legend_other_regions": "Autres régions du Mali",
    "maps_mali": "Mali",
    "maps_niger_river": "Fleuve Niger",
    "maps_kind_river": "fleuve",
    "maps_kind_distance": "distance",
    "maps_position_approximate": "Position approximative.",
    "maps_sources": "Sources : {publishers}",
    "maps_kind_in_region": "{kind}, région de {region}",
    "maps_place_capital": "capitale",
    "maps_place_city": "ville",
    "maps_place_town": "ville",
    "maps_place_village": "village",
    "maps_place_mosque": "mosquée",
    "maps_place_camp": "camp",
    "maps_place_airport": "aéroport",
    "maps_place_port": "port",
    "maps_place_site": "site",
    "maps_legend_place_capital": "Capitale",
    "maps_legend_place_city": "Ville",
    "maps_legend_place_town": "Ville",
    "maps_legend_place_village": "Village",
    "maps_legend_place_mosque": "Mosquée",
    "maps_legend_place_camp": "Camp de la MINUSMA",
    "maps_legend_place_airport": "Aéroport",
    "maps_legend_place_port": "Port fluvial",
    "maps_legend_place_site": "Site",
    "maps_status_open": "ouverte",
    "maps_status_handed_over": "rétrocédée",
    "maps_status_not_yet_opened": "pas encore ouverte",
    "maps_status_legend_open": "Ouverte",
    "maps_status_legend_handed_over": "Rétrocédée",
    "maps_status_legend_not_yet_opened": "Pas encore ouverte",
    "maps_base_kind_camp": "camp",
    "maps_base_kind_temporary_operating_base": "base opérationnelle temporaire",
    "maps_base_at": "{kind} à {place}",
    "maps_base_at_in_region": "{kind} à {place}, région de {region}",
    "maps_base_opened": "ouverture : {date}",
    "maps_base_handed_over": "rétrocession : {date}",
    "maps_base_no_handover": "date de rétrocession inconnue",
    "maps_base_to": "remise à {to}",
    "maps_popup_status": "État :",
    "maps_popup_opened": "Ouverture : {date}",
    "maps_popup_handed_over": "Rétrocession : {date}",
    "maps_popup_to": "À : {to}",
    "maps_not_known": "inconnu",
    "maps_popup_contingents": "Derniers contingents : {contingents}",
    "maps_popup_phase": "Phase {phase} du retrait",
    "maps_layer_bases": "Bases de la MINUSMA",
    "maps_kind_base": "Base de la MINUSMA",
    "maps_kind_base_status": "Base de la MINUSMA ({status})",
    "maps_bases_title": "Les bases de la MINUSMA le {date}",
    "maps_bases_note": "{boundaries} Bases : data/bases.csv.",
    "maps_bases_no_openings": (
        "Les dates d’ouverture ne figurent pas dans les données : avant le retrait, la carte "
        "montre les sites que la MINUSMA tenait à ses débuts."),
    "maps_slider_date": "Date",
    "maps_timbuktu_title": "Tombouctou de près",
    "maps_layer_heritage": "Patrimoine : mosquées, mausolées, manuscrits",
    "maps_layer_port_airport": "Port, aéroport et camp de la MINUSMA",
    "maps_legend_timbuktu_site": "Mausolée, cimetière, bibliothèque ou monument",
    "maps_legend_timbuktu_airport": "Aéroport (et camp de la MINUSMA)",
    "maps_legend_dashed": "Cercle en pointillés : position approximative (voir la fenêtre du lieu)",
    "maps_timbuktu_note": (
        "Lieux : data/places.csv ; fleuve : GSHHG (LGPL). Cliquez sur un point pour son "
        "histoire ; cochez OpenStreetMap pour voir les rues quand vous êtes en ligne."),
    "maps_layer_niger_timbuktu": "Le Niger près de Tombouctou",
    "maps_the_niger": "Le Niger",
    "maps_river_banks": "Ses deux rives, telles que les trace GSHHG (pleine résolution).",
    "maps_niger_label": "Niger",
    "maps_river_minor_arm": "Bras secondaire du fleuve",
    "maps_river_minor": "cours d’eau secondaire",
    "maps_river_major": "grand cours d’eau permanent",
    "maps_legend_niger_arms": "Le Niger et ses bras (GSHHG)",
    "maps_layer_old_town": "Vieille ville",
    "maps_old_town_name": "Vieille ville de Tombouctou",
    "maps_kind_old_town": "vieille ville",
    "maps_old_town_details": "Contour tracé autour des trois grandes mosquées (approximatif).",
    "maps_legend_old_town": "Vieille ville (contour approximatif)",
    "maps_old_town_story": "{town} : la vieille ville",
    "maps_dated_title": "{date} : {title}.",
    "maps_layer_distances": "Distances depuis le centre-ville",
    "maps_about_km": "environ {km} km",
    "maps_name_value": "{name} : {value}",
    "maps_from_centre": "{name} depuis le centre",
    "maps_legend_distance": "Distance depuis le centre-ville",
    "maps_overview_title": "Le Mali, ses régions et le Niger",
    "maps_layer_main_towns": "Villes principales",
    "maps_overview_note": "{boundaries} Villes : data/places.csv.",
    "maps_north_title": "Le nord du Mali",
    "maps_layer_north_towns": "Villes du Nord",
    "maps_legend_towns": "Villes",
    "maps_north_note": "{boundaries} Villes : data/places.csv ; bases : data/bases.csv.",
    "maps_sahel_title": "Le Sahel : alliances et coups d’État",
    "maps_layer_country_names": "Noms des pays",
    "maps_legend_aes": "Alliance des États du Sahel (AES)",
    "maps_legend_ecowas": "Autres membres de la CEDEAO",
    "maps_legend_other_countries": "Autres pays",
    "maps_sahel_note": (
        "{boundaries} Coups d’État et AES : data/coups.csv ; CEDEAO : data/countries.csv."),
    "maps_kind_aes": "Alliance des États du Sahel",
    "maps_kind_ecowas": "membre de la CEDEAO",
    "maps_bloc_ecowas": "CEDEAO",
    "maps_bloc_eccas": "CEEAC",
    "maps_layer_coups": "Coups d’État depuis 2020",
    "maps_coups_in": "Coups d’État : {country}",
    "maps_coup_ousted": "{leader} renverse {ousted}.",
    "maps_kind_coup": "coup d’État",
    "maps_legend_coup": (
        "Coup d’État : les mois à côté ; cliquez pour savoir qui l’a mené et ce qui a suivi"),
    "maps_event_kind_jihadist": "Attaque djihadiste (GSIM, EIS)",
    "maps_event_kind_rebellion": "Rebelles séparatistes : combat ou congrès",
    "maps_event_kind_abuses": "Civils tués (par tout groupe armé)",
    "maps_event_kind_intervention": "Forces étrangères",
    "maps_control_state": "Cercle : tenue par les forces de l’État",
    "maps_control_rebels": "Cercle : tenue par les rebelles du FLA",
    "maps_control_jihadists": "Cercle : tenue par des djihadistes",
    "maps_control_unknown": "Cercle : inconnu (aucune information fiable)",
    "maps_confidence_low": "faible",
    "maps_confidence_medium": "moyenne",
    "maps_confidence_high": "élevée",
    "maps_popup_since": "Depuis : {date}",
    "maps_who_holds_question": "Qui tient {place} ?",
    "maps_as_of_confidence": "{as_of} (fiabilité : {confidence})",
    "maps_control_details": "{held_by} ({as_of} ; fiabilité {confidence})",
    "maps_since_2024_title": "Le Mali depuis 2024 : attaques, exactions et qui tient le Nord",
    "maps_layer_rings": "Qui tient la ville (cercles, chacun à sa date)",
    "maps_who_holds": "Qui tient {place}",
    "maps_kind_control": "contrôle",
    "maps_layer_events": "Événements de 2024–2026",
    "maps_kind_event": "événement",
    "maps_layer_camps": "Camps de réfugiés de l’autre côté de la frontière",
    "maps_camp_figure": "{value} {measure}, {as_of} ({publisher})",
    "maps_camp_figure_short": "{value} {measure}, {as_of}",
    "maps_kind_refugee_camp": "camp de réfugiés",
    "maps_legend_mixed": "Plusieurs types d’événements",
    "maps_legend_camp": "Camp de réfugiés",
    "maps_since_2024_note": (
        "Cliquez sur un cercle pour voir ses événements et leurs sources. Chaque cercle "
        "extérieur indique qui tenait la ville à la date donnée dans sa fenêtre."),
    "maps_unplaced": "{count} événements sans lieu connu ne sont pas dessinés.",
    # -- les graphiques des leçons (mali_lessons/charts) --------------------------------------
    "chart_table_summary": "Le tableau du graphique ({rows} lignes)",
    "chart_not_known": "inconnu",
    "chart_yes": "oui",
    "chart_no": "non",
    "chart_none": "aucune",
    "chart_category_rebellion": "rébellion",
    "chart_category_coup": "coup d’État",
    "chart_category_jihadist": "djihadisme",
    "chart_category_intervention": "intervention",
    "chart_category_peace": "paix",
    "chart_category_un": "ONU",
    "chart_category_withdrawal": "retrait",
    "chart_category_regional": "régional",
    "chart_category_heritage": "patrimoine",
    "chart_category_politics": "politique",
    "chart_category_abuses": "exactions",
    "chart_measure_authorised": "autorisé",
    "chart_measure_deployed": "déployé",
    "chart_confidence_low": "faible",
    "chart_confidence_medium": "moyenne",
    "chart_confidence_high": "élevée",
    "chart_bloc_ecowas": "CEDEAO",
    "chart_bloc_eccas": "CEEAC",
    "chart_unknown_events": (
        "ces événements ne sont pas dans data/events.csv entre {start} et {end} : {ids}"),
    "chart_timeline_title": "La crise malienne : les événements par type",
    "chart_timeline_alt": (
        "Frise chronologique de {count} événements de {first} à {last}, une ligne par type "
        "d’événement ({kinds}). Le premier est « {first_title} » et le dernier « {last_title} »."),
    "chart_timeline_labelled": "Événements nommés : {events}.",
    "chart_fatalities_all": "toutes causes",
    "chart_fatalities_hostile": "actes hostiles (malveillants)",
    "chart_fatalities_by": "{count} (jusqu’en {year})",
    "chart_fatalities_xlabel": "membres du personnel morts, comptés jusqu’à l’année entre parenthèses",
    "chart_fatalities_title": "Les missions de maintien de la paix de l’ONU les plus meurtrières",
    "chart_fatalities_alt": (
        "Diagramme en barres de {count} missions de l’ONU. {most} compte le plus de morts "
        "toutes causes confondues ({total} {as_of}) ; {worst} en compte le plus du fait "
        "d’actes hostiles (au moins {hostile}). Les chiffres augmentent avec le temps : voyez "
        "la date de chaque ligne."),
    "chart_strength_authorised": "plafond autorisé (militaires + policiers)",
    "chart_strength_deployed": "effectifs déployés (déclarés)",
    "chart_strength_ylabel": "personnel en uniforme",
    "chart_strength_title": "Les effectifs de la MINUSMA, 2013–2023",
    "chart_strength_alt": (
        "Graphique linéaire du personnel en uniforme de la MINUSMA : plafond autorisé et "
        "effectifs déployés."),
    "chart_strength_alt_peak": "Le plus grand effectif déployé indiqué est de {count} ({date}).",
    "chart_handovers_deadline": "date limite du retrait",
    "chart_handovers_phase": "phase {phase}",
    "chart_handovers_legend": "phase du retrait",
    "chart_handovers_title": "La MINUSMA rétrocède ses bases",
    "chart_handovers_alt": (
        "Graphique à points de {count} rétrocessions de bases, de {first} le {first_date} à "
        "{last} le {last_date}. Encore ouvertes après le {deadline} : {still_open}."),
    "chart_coups_aes": "aujourd’hui dans l’Alliance des États du Sahel",
    "chart_coups_other": "autres pays",
    "chart_coups_title": "Les coups d’État au Sahel et en Afrique de l’Ouest depuis {since}",
    "chart_coups_alt": (
        "Graphique à points de {count} coups d’État dans {countries} pays depuis {since} ; "
        "le plus récent : {last}, le {date}."),
    "chart_recent_column": "moins de {months} mois",
    "chart_more_than": "plus de {count}",
    "chart_humanitarian_bar": "{count} ({as_of}, {publisher})",
    "chart_humanitarian_xlabel": "personnes",
    "chart_humanitarian_recent": "datés de moins de {months} mois avant le {date}",
    "chart_humanitarian_older": "plus anciens : le dernier chiffre trouvé",
    "chart_humanitarian_title": (
        "Le coût humanitaire au Mali : chaque chiffre avec la date à laquelle il se rapporte"),
    "chart_humanitarian_alt": (
        "Diagramme en barres de {count} chiffres humanitaires comptés en personnes, chacun "
        "avec la date à laquelle il se rapporte. Le plus élevé concerne les {measure} "
        "(zone : {area}) : {value} {as_of} ({publisher}). {older} des {count} chiffres datent "
        "de plus de {months} mois avant le {date} : ce sont les derniers trouvés, pas la "
        "situation à ce jour-là."),
    # -- les tableaux des leçons (mali_lessons/lesson.py et templates/edition.html.j2) -------
    "lesson_checked_up_to": "Faits vérifiés jusqu’au {date}.",
    "lesson_edition_note": (
        "Les phrases sur le présent disent à quelle date elles étaient vraies (« au… ») ; les "
        "événements postérieurs ne figurent pas dans cette édition."),
    "lesson_key_terms": "Mots clés",
    "lesson_term": "Terme",
    "lesson_full_name": "Nom complet",
    "lesson_meaning": "Ce que cela veut dire",
    "lesson_sources": "Sources",
    "lesson_id": "Identifiant",
    "lesson_publisher": "Éditeur",
    "lesson_title": "Titre",
    "lesson_published": "Publication",
    "lesson_read_on": "Consulté le",
    "lesson_undated": "sans date",
    "lesson_open_list": "{caption} ({count}) : ouvrir la liste",
    "lesson_yes": "oui",
    "lesson_no": "non",
    "lesson_unknown_glossary": (
        "absent de data/{file} : {ids} (vérifiez les identifiants du glossaire)"),
    "lesson_unknown_source": "absent de data/{file} : {ids} (vérifiez les identifiants des sources)",
    # -- les vérifications d’un fichier de résultats, et la ligne de commande des professeurs --
    "collect_what_bool": "true ou false",
    "collect_what_text_or_null": "un texte ou null",
    "collect_what_count": "un nombre entier, 0 ou plus",
    "collect_what_try": "un nombre entier, 1 ou plus, ou null",
    "collect_what_texts": "une liste de textes",
    "collect_what_text": "un texte",
    "collect_what_name": "le nom de l’élève",
    "collect_what_time": "une heure comme {example}",
    "collect_what_lessons": "un objet de leçons",
    "collect_what_questions": "un objet de questions",
    "collect_what_object": "un objet",
    "collect_where_lesson": "leçon {lesson}",
    "collect_where_question": "leçon {lesson}, question {question}",
    "collect_where_field": "{where}, champ « {field} »",
    "answer_key_help": "afficher le corrigé en Markdown",
    "answer_key_help_lesson": "seulement cette leçon, par exemple 04_withdrawal",
    "answer_key_help_out": "écrire dans ce fichier au lieu d’afficher",
    "collect_help": "réunir les résultats des élèves en un bilan",
    "collect_help_folder": "dossier qui contient les fichiers *.json des élèves",
    "collect_help_out": "dossier du bilan (par défaut : FOLDER)",
    "collect_help_data_dir": "le dossier des données (par défaut : celui du projet)",
    "collect_error": "erreur : {problem}",
    "collect_error_file": "erreur : {path} : {problem}",
    "collect_not_a_folder": "erreur : {folder} n’est pas un dossier",
    # -- réponses illisibles (qui ne comptent pas comme un essai) -----------------------------
    "answer_too_long": "Cette réponse est trop longue (plus de {limit} caractères).",
    "number_needed": "Tapez un nombre, par exemple {example}.",
    "number_not_finite": "Tapez un nombre ordinaire, par exemple 311.",
    "number_unclear": "Ce nombre est difficile à lire. Écrivez-le par exemple 1000, 1 000 ou 3,5.",
    "number_too_large": "Ce nombre est beaucoup trop grand. Vérifiez-le.",
    "number_negative": (
        "Cette question demande « combien », la réponse ne peut donc pas être inférieure à "
        "zéro. Tapez le nombre sans signe moins."
    ),
    "number_ambiguous_point": (
        "Vouliez-vous écrire {thousands} ou {decimal} ? Cette question demande un nombre "
        "entier, donc « {typed} » peut se lire des deux façons. Pour {thousands}, tapez {plain} "
        "ou {thousands}."
    ),
    "number_unit_unknown": "Tapez seulement le nombre, ou le nombre suivi de « {unit} ».",
    "date_unclear": (
        "Écrivez une date, par exemple 2023, juin 2023, 16 juin 2023 ou 16/06/2023."),
    "date_not_real": "Cette date n’existe pas. Vérifiez le jour et le mois.",
    "date_day_first": "Écrivez d’abord le jour, par exemple 31/12/2023.",
    "date_need_month": "Cette question demande le mois et l’année, par exemple juin 2023.",
    "date_need_day": "Cette question demande le jour exact, par exemple 16 juin 2023.",
    "choose_some": "Cochez au moins une réponse.",
    "choose_marker": "Choisissez d’abord le numéro d’un repère.",
    "order_fill_all": "Choisissez un événement pour chaque position.",
    "order_each_once": (
        "Chaque événement doit être utilisé une seule fois. L’un d’eux est choisi deux fois."),
    "match_fill_all": "Choisissez une correspondance pour chaque élément.",
    # -- l’écran des questions ----------------------------------------------------------------
    "quiz_title": "Quiz : {title}",
    "question_number": "Question {number} sur {total}",
    "answer_choice_label": "Réponse",
    "answer_choice_tooltip": "Choisissez une réponse avec les flèches du clavier",
    "multi_tooltip": "Cochez toutes les bonnes réponses",
    "truefalse_label": "Vrai ou faux",
    "numeric_label": "Nombre",
    "numeric_tooltip": "Tapez un nombre et appuyez sur Entrée",
    "numeric_placeholder": "un nombre, par ex. 1 000",
    "unit_suffix": "({unit})",
    "date_label": "Date",
    "date_tooltip": "Tapez une date et appuyez sur Entrée",
    "date_placeholder_year": "une année, par ex. 2013",
    "date_placeholder_month": "mois et année, par ex. juin 2013",
    "date_placeholder_day": "un jour, par ex. 16 juin 2023",
    "not_chosen": "— choisir —",
    "order_position": "Position {number}",
    "order_position_tooltip": (
        "Quel événement vient en position {number} sur {total} (1 = le plus ancien) ?"),
    "match_tooltip": "Choisissez ce qui va avec : {item}",
    "map_label": "Repère",
    "map_tooltip": "Choisissez le numéro du repère",
    "map_marker": "Repère {number}",
    "map_text_summary": "Description de la carte en texte",
    "map_marker_at": "Repère {number} : latitude {lat}, longitude {lon}",
    "map_svg_label": "Carte du Mali et de ses voisins, avec le Niger et {count} repères numérotés",
    "map_marker_words": "Repère {number} : {where}.",
    "map_in_region": "dans la région de {region}",
    "map_outside_mali": "hors du Mali (pays : {country})",
    "map_on_river": "sur le Niger",
    "map_near_river": "à environ {km} km {direction} du Niger",
    "map_from_town": "à environ {km} km {direction} de la localité de {town}",
    "direction_north": "au nord",
    "direction_north_east": "au nord-est",
    "direction_east": "à l’est",
    "direction_south_east": "au sud-est",
    "direction_south": "au sud",
    "direction_south_west": "au sud-ouest",
    "direction_west": "à l’ouest",
    "direction_north_west": "au nord-ouest",
    "order_move_up": "Faire monter l’événement de la position {number}",
    "order_move_down": "Faire descendre l’événement de la position {number}",
    "check_tooltip": "Vérifier votre réponse (la touche Entrée vérifie aussi une réponse tapée)",
    "hint_tooltip": "Afficher un indice",
    "hint_text": "Indice : {hint}",
    "show_answer_tooltip": (
        "Afficher la bonne réponse ; la question compte alors comme non réussie"),
    "feedback_wrong": "Pas encore juste. Réessayez (nombre d’essais : {tries}).",
    "feedback_can_reveal": "Vous pouvez maintenant utiliser « Voir la réponse ».",
    "feedback_same_answer": "Vous avez déjà vérifié cette réponse.",
    "feedback_revealed": "La réponse est affichée : {answer}",
    "the_answer": "Réponse : {answer}",
    "sources_label": "Source :",
    "read_more_label": "Lire la source :",
    "teacher_answer": "Mode professeur — réponse : {answer}",
    "warning": "Attention : {text}",
    # -- l’enregistrement des réponses --------------------------------------------------------
    "progress_damaged": (
        "Vos réponses enregistrées dans {path} n’ont pas pu être lues ({reason}). Le fichier a "
        "été conservé sous le nom {moved} et un nouveau fichier est commencé. Prévenez votre "
        "professeur s’il manque des réponses."
    ),
    "progress_damaged_kept": (
        "Vos réponses enregistrées dans {path} n’ont pas pu être lues ({reason}), et le fichier "
        "n’a pas pu être mis de côté : il est donc laissé tel quel. Les nouvelles réponses sont "
        "gardées jusqu’à la fermeture du notebook, mais pas enregistrées. Prévenez votre "
        "professeur."
    ),
    "progress_memory_only": (
        "Vos réponses ne peuvent pas être enregistrées dans {path} ({error}). Elles sont gardées "
        "jusqu’à la fermeture du notebook, mais pas au-delà. Prévenez votre professeur."
    ),
    "progress_read_only": (
        "Vos réponses enregistrées ont été chargées depuis {path}, mais les nouvelles réponses "
        "ne peuvent pas y être enregistrées ({error}). Elles sont gardées jusqu’à la fermeture "
        "du notebook, mais pas au-delà. Prévenez votre professeur."
    ),
    "progress_other_student": (
        "Le fichier {path} contient les réponses de {other}, et non de {student} : il n’a donc "
        "pas été chargé et ne sera pas modifié. Vos nouvelles réponses sont gardées jusqu’à la "
        "fermeture du notebook, mais pas enregistrées. Prévenez votre professeur "
        "(MALI_LESSONS_STUDENT ou MALI_LESSONS_PROGRESS est peut-être mal réglé)."
    ),
    "progress_busy": (
        "un autre notebook a gardé le fichier verrouillé pendant plus de {seconds} secondes"),
    "progress_bad_layout": "{where} : {problem}",
    # -- les fichiers JSON (réponses et résultats) illisibles ---------------------------------
    "json_cannot_open": "il ne peut pas être ouvert ({error})",
    "json_not_a_file": "ce n’est pas un fichier ordinaire (c’est un dossier, un tube ou un périphérique)",
    "json_too_large": "il est trop gros ({size} octets ; au plus {limit})",
    "json_not_utf8": "ce n’est pas du texte UTF-8",
    "json_bad": "ce n’est pas du JSON valide (ligne {line} : {problem})",
    "json_not_standard": "il contient {value}, qui n’est pas une valeur JSON",
    "json_too_deep": "il est imbriqué sur plus de {limit} niveaux",
    "json_bad_text": (
        "il contient du texte qui n’est pas de l’Unicode valide (un demi-caractère isolé "
        "comme \\ud800)"),
    # -- les pages sans noyau en marche (GitHub, nbviewer, export HTML) -----------------------
    "static_note": "Exécutez le notebook pour répondre à ce quiz de façon interactive.",
    "static_show_answer": "Voir la réponse",
    "static_explanation": "Pourquoi :",
    # -- la banque de questions (pour les professeurs qui modifient data/quizzes/*.yaml) ------
    "bank_where_line": "ligne {line}",
    "bank_where_question": "question « {id} »",
    "bank_where_field": "champ « {field} »",
    "bank_missing_file": "le fichier est absent",
    "bank_not_utf8": "le fichier n’est pas du texte UTF-8 ; enregistrez-le de nouveau en UTF-8",
    "bank_bad_yaml": "le YAML ne peut pas être lu ({problem})",
    "bank_alias": (
        "un alias (*nom) est utilisé ici ; les banques de questions n’acceptent pas les alias "
        "(ils peuvent faire grossir un petit fichier au-delà de toute mémoire) : écrivez le "
        "texte en entier"
    ),
    "bank_duplicate_key": "la clé « {name} » apparaît deux fois dans le même bloc",
    "bank_too_deep": "les blocs sont imbriqués sur plus de {limit} niveaux",
    "bank_too_large": (
        "le fichier dépasse {limit} octets ; une banque de questions pèse quelques kilo-octets"),
    "bank_not_a_file": "c’est un dossier, pas un fichier",
    "bank_cannot_open": "le fichier ne peut pas être ouvert ({error})",
    "bank_bad_value": "une valeur ne peut pas être lue ({problem})",
    "bank_no_questions": (
        "le fichier doit contenir une liste `questions:` avec au moins une question"),
    "bank_lesson_mismatch": (
        "`lesson:` doit être le nom du fichier sans .yaml ({lesson})"),
    "bank_question_not_mapping": (
        "chaque question doit être un bloc de lignes `champ: valeur`"),
    "bank_unknown_type": "type de question inconnu « {kind} » ; utilisez l’un de ceux-ci : {known}",
    "bank_field_missing": "ce champ est absent",
    "bank_field_unknown": "ce champ est inconnu (une faute de frappe ?)",
    "bank_field_empty": "ce champ est vide ou a trop peu d’éléments",
    "bank_not_slug": (
        "« {value} » ne doit contenir que des lettres minuscules, des chiffres et des _"),
    "bank_duplicate_id": "une autre question de ce fichier a le même identifiant",
    "bank_duplicate_item": "l’élément ({what}) « {item} » apparaît deux fois",
    "bank_answer_not_option": "la réponse « {answer} » ne fait pas partie des options",
    "bank_answer_not_place": "la réponse « {answer} » ne fait pas partie des lieux",
    "bank_not_finite": "doit être un nombre ordinaire",
    "bank_bad_date": (
        "« {value} » n’est pas une vraie date écrite AAAA, AAAA-MM ou AAAA-MM-JJ"),
    "bank_date_precision_mismatch": (
        "« {value} » : écrivez cette date comme la réponse (même précision)"),
    "bank_unknown_source": (
        "identifiant de source inconnu « {source} » (absent de data/sources.csv)"),
    "bank_former_ids_not_list": (
        "doit être une liste d’identifiants de leçons, par exemple [07_review]"),
    "bank_former_id_is_lesson": (
        "un ancien identifiant ne peut pas être celui de la leçon elle-même ({lesson})"),
    "bank_former_id_exists": "la leçon {lesson} a encore son propre fichier de quiz",
    "bank_unknown_place": "identifiant de lieu inconnu « {place} » (absent de data/places.csv)",
    "bank_translation_missing": "le quiz de cette leçon n’a pas de traduction en « {lang} »",
    "bank_translation_no_questions": (
        "doit contenir « questions » : les mots de chaque question, par identifiant de question"),
    "bank_translation_unknown_id": (
        "cet identifiant de question ne figure pas dans le fichier de quiz anglais"),
    "bank_translation_missing_question": (
        "cette question du fichier de quiz anglais n’a pas de traduction"),
    "bank_translation_not_list": (
        "doit être une liste de {count} textes, dans l’ordre du fichier anglais"),
    "bank_translation_length": (
        "doit avoir {count} éléments, comme le fichier anglais (trouvé : {found})"),
    "bank_translation_repeated": "deux éléments ont le même texte : chacun doit être différent",
    "bank_translation_pair": "doit être une correspondance avec « left » et « right »",
    "bank_translation_no_english": "la question anglaise n’a pas ce champ",
    # -- les outils du professeur -------------------------------------------------------------
    "key_title": "Corrigé",
    "key_generated": (
        "Produit à partir de la banque de questions (data/quizzes/) par "
        "`python -m mali_lessons answer-key`."),
    "key_type": "type : {kind}",
    "key_options": "Options :",
    "key_answer": "Réponse :",
    "key_why": "Pourquoi :",
    "key_hint": "Indice :",
    "key_sources": "Sources :",
    "key_right_option": "(juste)",
    "key_markers": (
        "Repères sur la carte imprimée : {markers}. Sur l’écran d’un élève, les numéros sont "
        "mélangés ; le mode professeur affiche le numéro de cet écran."),
    "map_answer_marker": "repère {number} : {place}",
    "type_single": "choix unique",
    "type_multi": "choix multiple",
    "type_truefalse": "vrai ou faux",
    "type_numeric": "nombre",
    "type_date": "date",
    "type_order": "remettre dans l’ordre",
    "type_match": "associer par paires",
    "type_map": "carte",
    "export_written": "Vos résultats ont été enregistrés dans {path}. Remettez ce fichier.",
    "collect_skipped": "{name} laissé de côté : {reason}",
    "collect_not_json": "ce n’est pas un fichier JSON lisible",
    "collect_not_results": "ce n’est pas un fichier de résultats créé par export_results()",
    "collect_no_files": "aucun fichier de résultats (*.json) n’a pu être lu dans {folder}",
    "collect_written": "bilan de la classe ({students} élèves) écrit dans {csv} et {png}",
    "answer_key_written": (
        "corrigé de {lessons} leçons ({questions} questions) écrit dans {path}"),
    "collect_chart_title": "Part des élèves qui ont bien répondu ({students} élèves)",
    "collect_chart_xlabel": "élèves qui ont bien répondu (en % de ceux qui ont répondu)",
    "collect_chart_low": "moins de la moitié de réponses justes",
    "collect_chart_bar": (
        "{share} % de réponses justes ({right}/{answered} ; {first} du premier coup)"),
    "collect_chart_not_attempted": "{count} sans réponse",
    "collect_chart_not_answered": "réponse affichée, personne n’a répondu",
    "collect_bad_field": "{where} : {problem}",
    "collect_expected": "attendu : {what}",
    "collect_expected_found": "attendu : {what} ; trouvé : {found}",
    "collect_unknown_lesson": (
        "la leçon « {lesson} » n’est pas dans la banque de questions ; ses réponses sont "
        "laissées de côté"),
    "collect_unknown_questions": (
        "leçon {lesson} : les questions absentes de la banque sont laissées de côté ({ids})"),
    "collect_bank_broken": (
        "la leçon « {lesson} » est laissée de côté : sa banque de questions ne peut pas être "
        "lue ({error})"),
    "export_failed": (
        "Vos résultats n’ont pas pu être enregistrés dans {path} ({error}). Demandez à votre "
        "professeur où les enregistrer."),
    "handin_written": (
        "Vos résultats ont été remis : {path}. Votre professeur les récupère à cet endroit."),
    "handin_not_yours": (
        "Vos résultats n’ont pas été remis : {path} existe déjà et appartient à un autre "
        "compte ({owner}). Prévenez votre professeur."
    ),
    "handin_no_folder": (
        "Aucun dossier de remise n’est défini (la variable d’environnement {variable})."),
    "collect_chart_ok": "la moitié de réponses justes ou plus",
    # -- les scores de toutes les leçons (leçon 08, la révision) ------------------------------
    "scores_caption": "Vos scores, leçon par leçon",
    "scores_lesson": "Leçon",
    "scores_questions": "Questions",
    "scores_answered": "Répondues",
    "scores_right": "Justes",
    "scores_share": "Justes (%)",
    "scores_total": "Toutes les leçons",
    "scores_nothing_yet": (
        "Aucune réponse enregistrée pour l’instant : répondez à un quiz dans n’importe quelle "
        "leçon, puis revenez ici."),
    "scores_refresh": "Actualiser",
    "scores_refresh_tooltip": "Compter les réponses enregistrées depuis la création de ce tableau",
    "lms_gift_header": (
        "Leçons sur la crise malienne : la banque de questions au format GIFT, produite par "
        "python -m mali_lessons export --format gift"),
}
