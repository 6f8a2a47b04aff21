"""Safety net: crisis wording, caught even when the intent classifier misses it.

A missed crisis is the worst failure of the assistant, so these patterns favour recall: a
false alarm costs a kind message with a free number; a miss can cost much more. They run on
`normalize`d text (lower case, no accents), and tolerate SMS spelling ("jveux", "envi", "g").

Suicidal ideation comes in two tiers. Explicit wording ("je veux mourir") gets the plain
answer; indirect wording ("plus la force", "ils seraient mieux sans moi", "à quoi bon") gets a
gentler check-in that still gives the suicide line first: people rarely name it, and asking does not
put the idea in anyone's head.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from bot.reading.textnorm import normalize


class Crisis(str, Enum):
    SUICIDE = "suicide"
    VIOLENCE = "violence"
    SHELTER = "shelter"
    CHILD = "child"


# Pieces shared by several patterns.
_ME = r"(?:me|m)"
_PARTNER = (
    r"(?:mari|femme|conjoint|conjointe|compagnon|compagne|copain|copine|ex|concubin|"
    r"partenaire|mec|homme|pere|mere|fils|fille|frere|soeur|beau pere|belle mere)"
)
# A current partner, for economic control (an ex paying little support is not that).
_COUPLE = (
    r"(?:mari|femme|conjoint|conjointe|compagnon|compagne|copain|copine|concubin|concubine|mec|epoux|"
    r"epouse|petit ami|petite amie|petit copain|ami)"
)
_COUPLE_SUBJECT = rf"(?:il|elle|(?:mon|ma) {_COUPLE})"
_HIT = (r"(?:frappe|frapp[eé]e?|frappent|bat|battent|battu|battue|cogne|cognent|tape|tapent|gifle|etrangle|pousse|"
        r"brutalise|tabasse|defonce|"
        # "il me frappait": what she fled from is violence all the same
        r"frappait|frappaient|battait|battaient|cognait|cognaient|tapait|tapaient|giflait|etranglait|"
        r"brutalisait|tabassait)")
# "il ma frappée": without the apostrophe, "ma" before a past participle is "m'a".
_HIT_DONE = (
    r"(?:frappe|frappee|battu|battue|cogne|cognee|tape|tapee|gifle|giflee|etrangle|etranglee|"
    r"pousse|poussee|viole|violee|agresse|agressee|tabasse|tabassee|enferme|frappes|frappees|battus|battues|cognes|"
    r"enfermee|blesse|blessee|defonce|defoncee|etouffe|etouffee|brule|brulee)"
)
_CHILD = (
    r"(?:enfant|enfants|gamin|gamine|gamins|gosse|gosses|petit|petite|petits|petites|bebe|bebes|"
    r"fils|fille|filles|neveu|niece|ado|gamines|loulou|loulous)"
)
_MONEY = (
    r"(?:argent|salaire|salaires|paie|paye|paies|carte|cb|carte bleue|carte bancaire|compte|comptes|"
    r"papiers|allocations?|alloc|allocs|rsa|aah|chequier|sous|thune|thunes|fric|revenus?|caf|chomage|pension|"
    r"retraite|bourse|livret|epargne|economies|prime)"
)

_EXPLICIT: dict[Crisis, tuple[str, ...]] = {
    Crisis.SUICIDE: (
        r"suicid",
        r"\b(?:me|m)\s(?:tuer|tuerai[st]?|pendre|pends|pendrai|foutre en l ?air|fou en l ?air|jeter sous|jeter du|jeter par|jeter d un|ouvrir les veines|couper les veines|flinguer|supprimer|achever)",
        r"\ben finir\b(?! avec (?:les|ces|mes|ce|cette|le|la|mon|ma|nos|tous|toutes) (?:dettes?|credits?|decouverts?|factures?|retards?|huissiers?|relances?|banques?|dossiers?|papiers?|situation|problemes?|galeres?|impayes?|frais|agios|crediteurs?))",
        r"\bfinir (?:avec|ma) (?:la )?vie\b",
        r"\b(?:j|je) en (?:finis|finirai|finirais)\b|\bje (?:ne )?sois plus la\b",
        r"mettre fin a (?:mes|ma) (?:jours|vie)",
        r"\b(?:envie|envi|besoin|veux|veut|voudrais) (?:de |d )?mourir",
        r"\b(?:je|j|jveux|jveu) ?(?:veux|veu|voudrais|vais|prefere|prefererais)? ?mourir",
        r"\bmourir (?:ce soir|demain|bientot|plutot)",
        r"\b(?:simple|mieux|facile|reposant|soulagement) (?:de|d) (?:mourir|partir pour de bon|ne plus etre la|plus etre la|ne plus me reveiller)",
        r"\b(?:pense|songe|reve|penser|songer|pensee|pensees) (?:a|de) (?:mourir|la mort|ma mort|partir pour toujours|me faire du mal)",
        r"\bne plus (?:me )?reveiller\b",
        r"(?:plus|pas) envie de vivre",
        r"(?:plus|pas|aucune) (?:la |de )?(?:force|raison|gout|envie) de vivre",
        r"marre de (?:la )?vie\b",
        r"a quoi bon (?:continuer (?:a )?)?vivre",
        r"(?:veux|voudrais|envie de|vais) partir pour (?:toujours|de bon)",
        r"(?:serai[st]?|seront|seraient|irai[st]?) mieux sans moi",
        r"\bdisparaitre (?:pour toujours|definitivement|de ce monde|pour de bon|a jamais)",
        r"\bplus (?:etre|etre la) (?:la|de ce monde)",
        r"(?:envie de|veux|vais|voudrais) tout (?:arreter|lacher|quitter) (?:definitivement|pour de bon|pour toujours)",
        r"\b(?:vais|va|vas|pourrais|risque de|peur de|envie de) faire une (?:grosse )?(?:betise|connerie)",
        r"\bidees? (?:noires?|suicidaires?)",
        r"\bpasser a l acte\b",
        r"\bplus envie d etre la\b",
        r"\bme supprimer\b",
        r"\b(?:me|m) faire du mal\b(?<!menace de me faire du mal)",
        r"\bscarifi",
        r"\b(?:avaler|prendre|pris|avale|gober|gobe) (?:tous |toutes |toute )?(?:mes |les |des |une boite de |la boite de |toute la boite de |ma boite de |ma plaquette de |tout le tube de )(?:cachets|medocs|medicaments|comprimes|somniferes|pilules|anxiolytiques)",
        r"\bboites? (?:de|d) (?:cachets|medocs|medicaments|somniferes|comprimes)\b",
        r"\b(?:sauter|me jeter|jeter|saute) (?:du|d un|d une|par la|de la|sous le|sous un|dans le|dans la|du haut du?) ?(?:pont|fenetre|balcon|immeuble|train|toit|falaise|vide|rhone|isere|seine|rer|metro|tram)",
        r"\b(?:me|m) (?:laisser|laisse) mourir\b",
        r"\bla mort (?:me|m) (?:parait|semble|tente|attire)",
        r"\b(?:plus|pas) (?:exister|vivre) du tout\b|\b(?:arreter|cesser) d exister\b|\bne plus exister\b",
    ),
    Crisis.VIOLENCE: (
        rf"\b(?:{_ME}|nous)\s{_HIT}\b(?! sur (?:les nerfs|le systeme))",
        rf"\b(?:{_ME}|nous)\sa (?:encore |deja |souvent |encore une fois |de nouveau )?{_HIT_DONE}\b(?! sur (?:les nerfs|le systeme))",
        rf"\bma (?:encore |deja )?{_HIT_DONE}\b(?! sur (?:les nerfs|le systeme))",
        r"\b(?:couteau|ciseaux|arme|batte|hachoir)\b[^.]{0,40}\b(?:menac|il|elle)\w*|\bmenac\w* (?:avec|d) (?:un|une|son|sa) (?:couteau|arme|ciseaux|batte|fusil)\b",
        r"\b(?:il|elle) a defonce la porte\b",
        r"\b(?:il|elle|ils) menacen?t? (?:de|d) (?:appeler|me denoncer|me prendre|prendre les enfants|partir avec|me tuer|me faire|me mettre|me jeter|mettre le feu|bruler|tout casser|me retrouver|me renvoyer)\b|\bmettrai[st]? le feu\b",
        r"\b(?:il|elle) (?:casse|cassait|jette|lance|balance) (?:la vaisselle|les assiettes|tout|des objets)\b|\bc est l enfer (?:a la maison|quand il|quand elle|chez nous|toute la soiree)\b",
        r"\bverifi\w* (?:sur )?l appli\b|\b(?:il|elle) (?:sait|connait) (?:ou j habite|mon adresse|a quelle heure je)\b",
        r"\bpasserai[st]? pas la nuit\b|\bdire que je suis tombee?\b|\bdes bleus partout\b|\bautour de mon cou\b",
        r"\b(?:m a|ma) casse (?:le|la|les|mon|ma) (?:bras|nez|cote|cotes|dent|dents|jambe|doigt|poignet|machoire)\b",
        r"\b(?:qui|il|elle) (?:la|le) (?:bat|frappe|cogne|tabasse|battait|frappait)\b|\bpeur qu (?:il|elle) (?:la|le|me) tue\b",
        r"\b(?:frappe|bat|cogne|tape|tabasse|battait|frappait) (?:ma|sa|leur) (?:mere|maman|femme|soeur|copine|compagne)\b",
        r"(?<!sans )(?<!pas de )(?<!aucune )\bviolences?\b",
        r"(?<!pas )(?<!jamais )(?<!pas tres )\bviolente?s?\b(?! (?:ce|cette|ces|le|la|les) (?:decouvert|facture|frais|agios|prix|augmentation|relance|courrier|lettre|note))(?<!c est violent)",
        r"\b(?:ete|etre|a) violee?s?\b|\bm a violee?\b|\bviol\b",
        rf"\b(?:{_COUPLE}|ex)\b.*\bcoups?\b|\bcoups?\b.*\b(?:{_COUPLE}|ex)\b",
        r"\b(?:me|m) (?:donne|a donne|met|a mis|mettait) des coups\b|\bcoups? de (?:poing|pied|ceinture|couteau|tete)\b",
        rf"\b(?:il|elle|(?:mon|ma) {_PARTNER}) {_ME}\s?menac",
        rf"\b(?:il|elle|(?:mon|ma) {_PARTNER}) {_ME}\s?(?:insulte|humilie|rabaisse|surveille|enferme|harcel|terrorise|fait peur|fait du chantage)",
        r"menace[sr]? de (?:mort|me tuer|me frapper|me faire du mal|prendre les enfants|partir avec les enfants|me mettre dehors|me jeter)",
        rf"peur (?:de|d) (?:mon|ma) {_PARTNER}\b",
        rf"\b(?:mon|ma) {_PARTNER} (?:me|m)\s(?:prend|prends|confisque|garde|bloque|controle|empeche)",
        rf"\b(?:{_COUPLE_SUBJECT}|(?:mon|ma) {_PARTNER}|(?:mes|ses|leurs) parents|sa famille|ils)(?: \w+){{0,4}} (?:prend|prends|pris|prennent|confisque|confisquee|garde|gardee|controle|bloque|vole|retient|recupere|pique|encaisse|vide|vider|depense) (?:tout |toute |tous |toutes |entierement |systematiquement )?(?:mon |ma |mes |l |notre |nos |la |le |les )?{_MONEY}\b",
        # "il touche mon salaire" takes the writer's money; "ma compagne touche le RSA" is her own.
        rf"\b(?:{_COUPLE_SUBJECT}|(?:mon|ma) {_PARTNER}|(?:mes|ses|leurs) parents|sa famille|ils)(?: \w+){{0,4}} "
        rf"touchen?t? (?:tout |toute |tous |toutes )?(?:mon |ma |mes |notre |nos ){_MONEY}\b",
        rf"\b(?:{_COUPLE_SUBJECT}|il|elle) (?:ne )?(?:me|m) (?:donne|laisse|verse|file|accorde) (?:que |qu |juste |seulement )?\d+ ?(?:euros?|e|eur|balles)? (?:par|a la|chaque|la) (?:semaine|mois|jour|quinzaine)",
        rf"\b(?:{_COUPLE_SUBJECT}|il|elle) (?:ne )?(?:me|m) laisse (?:pas|aucun|jamais) (?:un |d |de |le moindre )?(?:centime|sou|euro|argent|acces)",
        r"\b(?:je dois|dois|oblige de|obligee de|faut que je) (?:tout )?justifier (?:chaque|chacune de mes|toutes mes|tous mes|mes|le moindre|la moindre|chaque centime|le) ?(?:depenses?|achats?|tickets?|centimes?|euros?|courses?)",
        r"\b(?:me|m) prive (?:d argent|de tout|de mes|de mon|de ma|de sous)",
        r"\bempeche (?:d avoir|d acceder|de toucher|de travailler|de sortir|de voir)",
        r"\bm empeche d avoir (?:de l )?argent\b",
        rf"\b(?:il|elle|(?:mon|ma) {_PARTNER}) {_ME}\sharcel",
        r"\b(?:me|m) ?(?:force|oblige|forcait|obligeait|a forcee?|a obligee?) a (?:faire|prendre|signer|souscrire|coucher|emprunter)",
        r"\b(?:m a|m ont|me faisait|me fait) (?:fait )?signer\b.*\b(?:menac|force|oblig|peur|sinon)",
        r"\b(?:menac|force|oblig)\w*\b.*\b(?:signer|signe) (?:des|un|les|plusieurs|\d+|trois|deux) (?:credits?|prets?|emprunts?)",
        r"\bsous emprise\b|\bemprise\b",
        r"\bpeur (?:de|d) rentrer (?:chez moi|a la maison|ce soir|cette nuit|chez nous|a l appart)",
        r"\bpeur qu (?:il|elle) (?:me|m|revienne|rentre|recommence|me retrouve)",
        r"\b(?:il|elle) (?:va|vas|risque de|veut|menace de) (?:me|m) (?:tuer|frapper|taper|defoncer|cogner|faire du mal|tabasser|etrangler)",
        r"\b(?:il|elle) (?:est en train de (?:tout )?casser|casse tout|a tout casse|tape sur la porte|defonce la porte)",
        rf"\b(?:mon|ma) {_COUPLE}\b(?: \w+){{0,4}} (?:frappe|bat|tape|cogne|tabasse|secoue|maltraite|enferme|a enferme|prive) (?:les|mes|nos|notre|le|la|ma|mon) ",
        r"\b(?:salaire|paie|paye|rsa|aah|allocs?|allocations|chomage|pension)\b[^.]{0,40}\b(?:sur son compte|sur le sien|sur son compte a lui|a son nom)\b",
        r"\bcontrole (?:chaque|toutes? (?:mes|les)|tout ce que|mes|le moindre|tout)\b",
        r"\b(?:il|elle) (?:verifie|controle|epluche|fouille|recompte) (?:l appli|mes comptes|mes releves|mes tickets|mon compte|chaque|mon telephone|mon sac|tout)",
        r"\bau centime pres\b",
        rf"\b(?:{_COUPLE_SUBJECT}|mon ex|(?:mon|ma) {_PARTNER}|sa famille)(?: \w+){{0,4}} (?:cache|caches|confisque|pris|garde|prend|detruit|brule|dechire)\w* (?:mes|ma|mon) (?:papiers|passeport|carte d identite|titre de sejour|carte vitale|carte bancaire|cb|chequier|telephone|clefs?|cles|pieces d identite)\b",
        r"\bimit\w* ma signature\b|\ba mon nom sans (?:me|m)\b|\ben mon nom sans\b",
        rf"\b(?:{_COUPLE_SUBJECT}|(?:mon|ma) {_PARTNER}|mon ex)(?: \w+){{0,3}} (?:me fait|m a fait|me faisait|m obligeait a|m oblige a) signer\b",
        r"\bsi je (?:parle|pars|le quitte|la quitte|porte plainte|vais|dis|raconte|refuse|demande|reclame|sors)\b[^.]{0,60}\b(?:il|elle) (?:va|vas|me|m|reviendra|tuera|fera|retrouvera|le fera|me le fera)\b",
        r"\bc est (?:lui|elle) qui (?:a|garde|gere|tient|prend) (?:tout |toute )?(?:l argent|les comptes|la carte|mon salaire|nos comptes|ma paie|les sous|tout)\b",
        r"\b(?:il|elle) (?:me|m) controle tout\b|\b(?:il|elle) (?:me|m) (?:interdit|empeche) (?:de|d)\b",
        r"\b(?:ose|oserai|oserais|veux|peux) (?:pas|plus) (?:rentrer|retourner|revenir) (?:chez (?:moi|lui|nous)|a la maison|a l appart|la bas)",
        r"\b(?:serre|serrer|serrait|pris|prend) (?:le|mon) cou\b",
        r"\b(?:cacher|cache|maquiller) (?:les|mes) (?:marques|bleus|traces|coquards?)\b|\bleve la main\b|\bla prochaine fois (?:sera|ca sera|ce sera) pire\b",
        r"\b(?:hematomes?|bleus|coquard|marques de coups)\b[^.]{0,40}\b(?:il|elle|lui)\b|\b(?:il|elle)\b[^.]{0,40}\b(?:hematomes?|coquard|marques de coups)\b",
        r"\bpeur (?:de|d) (?:lui|elle)\b(?! (?:dire|demander|parler|annoncer|avouer|en parler|montrer|expliquer|faire|mentir))",
        r"\b(?:me|m) retrouvera\b|\b(?:il|elle) (?:me |m )?tuera\b|\bfou de rage\b",
        r"\b(?:me|m) (?:jette|lance|balance|jetait|lancait) (?:des|les|un|une|son|sa) (?:objets?|assiettes?|trucs?|choses?|verres?|chaises?)\b",

    ),
    Crisis.SHELTER: (
        r"\ba la rue\b",
        r"\b(?:dormir|dors|dort|dormi|dormons|coucher|couche|passer la nuit|passe la nuit|nuit) (?:dehors|dans (?:ma|la|une|notre|mon|un) (?:voiture|bagnole|caisse|gare|rue|auto)|a la gare)",
        r"\b(?:nulle part|pas d endroit|aucun endroit|pas de lieu|nul part|null part|pas de place|aucune place) (?:ou|pour) (?:dormir|aller|me loger|loger|nous loger|passer la nuit|dormir ce soir)",
        r"\bou (?:\w+ ){0,3}dormir (?:ce soir|cette nuit)",
        r"\b(?:sais|sait|savons|savez) (?:pas|plus) ou (?:on va |je vais |nous allons )?(?:dormir|passer la nuit|nous loger|me loger|loger)",
        r"\bou dormir\b",
        r"\bsans (?:abri|domicile|logement|toit)\b",
        r"\bsdf\b",
        r"\bmourir de froid\b",
        r"\b(?:dormir|dors|dort|dormons|dormi) (?:dans|sous) (?:un|une|le|la|les) (?:parc|hall|cage d escalier|squat|tente|pont|abri|cave|parking|escalier|porche)",
        r"\bpas de toit\b",
        r"\b(?:pas|plus|aucun|aucune|sans) (?:de |d )?(?:maison|logement|toit|endroit|hebergement|chambre|hotel|abri|place|lieu|appart|appartement)\b[^.]{0,30}\b(?:ce soir|cette nuit|aujourd hui)\b",
        r"\b(?:hotel|foyer|hebergement|centre|chambre) (?:fini|finit|termine|c est fini|se termine|s arrete)\b",
        r"\bexpulse[es]* (?:ce soir|aujourd hui|ce matin|maintenant|demain matin)\b",
        r"\b(?:m a|m ont|nous a|nous ont|l a|les a|a ete|ai ete|avons ete|suis|sommes|me suis retrouvee?|nous sommes retrouves|on est|je suis|j ai ete) (?:\w+ )?(?:mise?s?|foutue?s?|jetee?s?) (?:dehors|a la porte)\b",
        r"\b(?:mis|mise|mises|foutu|foutue|jete|jetee) (?:dehors|a la porte) (?:ce soir|cette nuit|aujourd hui|ce matin|ce midi|tout a l heure|hier)",
        r"\b(?:mettre|foutre|jeter) (?:dehors|a la porte) (?:ce soir|cette nuit|maintenant|aujourd hui)",
        r"\bdehors (?:ce soir|cette nuit|aujourd hui)",
        r"\bvire[es]* de (?:chez|la maison|l appart|l appartement|mon appart|mon logement)",
        r"\b(?:suis|sommes|on est|me retrouve|retrouvee?s?|me voila|nous voila|vis|vit|vivons|dors|dort) (?:\w+ )?dans la rue\b",
        r"\bmise? a la porte\b|\bmis(?:es)? a la porte\b",
        r"\bou (?:je peux |on peut |je vais |on va |aller |est ce que je peux )?(?:aller|dormir|me poser|me mettre|me coucher|passer la nuit|nous mettre|nous poser)\b[^.]{0,30}\b(?:ce soir|cette nuit|pour la nuit)\b",
        r"\bou (?:\w+ ){0,2}dormir\b",
        r"\b(?:sais|sait|savons) (?:pas|plus) ou (?:me mettre|me poser|aller dormir|dormir|nous mettre|aller)\b",
        r"\b(?:nulle part|nul part|null part|aucun endroit|pas d endroit|pas un endroit|aucun toit|rien|pas de coin|un coin)\b (?:\w+ ){0,2}(?:pour|ou passer) (?:la nuit|ce soir|cette nuit|dormir)",
        r"\b(?:foyer|centre|hebergement|hotel|hotels|samu social)\b[^.]{0,40}\b(?:complet|complets|plein|pleins|sature|pas de place|plus de place)\b|\b(?:pas|plus) de place (?:au|a l|dans le) (?:foyer|centre|hebergement|hotel)\b",
        r"\bavec (?:ma|mes|mon|nos|mes deux|mes 2) (?:valises?|sacs?|affaires|bagages)\b[^.]{0,60}\b(?:rue|dehors|gare|arret|banc|devant|trottoir|nuit|soir|froid)\b|\b(?:rue|dehors|gare|arret de bus|banc|trottoir)\b[^.]{0,60}\bavec (?:ma|mes|mon) (?:valises?|sacs?|affaires)\b",
        r"\b(?:passer|passe|passee|passerai|dormir|dors|dort|dormi|dormons|couche|couchee) (?:\w+ ){0,3}(?:dans|sous|sur|a) (?:le|la|les|un|une|l|ma) (?:hall|gare|voiture|rue|parking|banc|cage d escalier|escalier|tente|squat|abribus|metro|urgences|porche|pont|trottoir|parc|palier)\b",
        r"\b(?:suis|sommes|assise?|assis) (?:\w+ ){0,2}(?:dans|sur|sous) (?:une|la|un|le) (?:cage d escalier|squat|tente|abribus|hall d immeuble|banc a la gare|banc)\b",
        r"\b(?:plus|pas|aucun) (?:de |d )?toit\b",
        r"\bliberer la chambre\b|\b(?:hotel|chambre|foyer|hebergement)\b[^.]{0,40}\bjusqu a (?:ce matin|aujourd hui|ce soir|hier)\b",
        r"\b(?:ma|notre) tente\b|\bmarcher toute la nuit\b|\bpour (?:pas|ne pas) geler\b",
        r"\b(?:retire|perdu|fini|termine|coupe)\w* (?:l |mon |notre )?hebergement\b",
        r"\b(?:foyer|centre|hebergement|hotel)\b[^.]{0,40}\b(?:exclu|exclue|vire|viree|renvoye|renvoyee)\b",
        r"\bdegager\b[^.]{0,30}\b(?:ce soir|cette nuit|aujourd hui)\b|\b(?:ce soir|cette nuit)\b[^.]{0,30}\bdegager\b",
        r"\b(?:a|devant|dans) la gare\b[^.]{0,60}\b(?:nuit|soir|\d+ ?h)\b",
        r"\b(?:pas|plus) (?:un sou|d argent|un euro|un centime|de quoi payer) pour (?:l hotel|une chambre|une nuit)\b",
        r"\bles vigiles\b|\ble gardien va me (?:faire partir|virer)\b",
        r"\bou (?:vais je|je vais|on va|allons nous|vais|va t on) (?:loger|dormir|aller|coucher)\b",
        r"\bm a fait sortir\b|\bchange (?:la|les) serrures?\b|\brendre les cles (?:ce soir|aujourd hui)\b",
        r"\b(?:dors|dort|dormi|dormons|passe mes nuits|passe les nuits) (?:aux|dans les|dans des) (?:urgences|bus|trams?|trains?|laveries?|voitures?)\b",
        r"\b(?:chambre|lit|place|endroit|hebergement|toit|coin) pour (?:cette nuit|ce soir)\b",
        r"\bou (?:la|le|les|me|nous) (?:mettre|loger|coucher)\b[^.]{0,20}\b(?:cette nuit|ce soir)\b",
        r"\bpersonne chez qui (?:aller|dormir|me loger)\b|\bplus de (?:logement|toit|maison|appart) depuis\b|\bau dessus de (?:la|ma) tete\b|\bj ai nulle part\b|\bnulle part ou aller\b",
    ),
    Crisis.CHILD: (
        r"\benfants? (?:est |sont )?en danger\b",
        rf"\b(?:mon|ma|mes|un|une|les|des|le|la|son|sa|ses|notre|nos) {_CHILD} "
        r"(?:est|sont|se fait|se font)? ?(?:battu|battus|battue|frappe|frappes|frappee|maltraite|maltraites|en danger|abuse|abusee|abuses|tape|tapes|tabasse)",
        rf"\b{_CHILD}\b(?: \w+){{0,6}} (?:se (?:fait|font|faisait|faisaient) (?:taper|frapper|battre|cogner|tabasser|maltraiter|violer|toucher|agresser|secouer)|(?:est|sont|etait|etaient) (?:frappes?|frappees?|battus?|battues?|tapes?|tabasses?|maltraites?|violes?|violentes?|secoues?))",
        r"\bmaltrait",
        r"\b(?:son|sa|leur|le|la) (?:pere|mere|beau pere|belle mere|papa|maman) (?:la|le|les) (?:frappe|bat|cogne|tape)",
        # "elle dit que papa la tape": the child's words about a parent.
        r"\b(?:papa|maman|mon ex|son beau pere|sa belle mere) (?:la|le|les|l) (?:frappe|frappait|bat|battait|cogne|tape|"
        r"tapait|tabasse|secoue|gifle|giflait|enferme|brule)\b|\b(?:papa|maman) l a (?:tapee?|frappee?|battue?|giflee?|"
        r"secouee?|brulee?|enfermee?)\b",
        r"\b(?:revient|rentre|reviennent|rentrent|revenue?s?|rentree?s?) de chez (?:son|sa|leur|mon ex|ma ex|l autre) ?"
        r"(?:pere|mere|papa|maman|parent)?\b[^.]{0,60}\b(?:bleus|marques?|traces? de coups|hematomes?|blessures?|brulures?)\b",
        rf"\b(?:bat|frappe|cogne|tape|tabasse|secoue|battait|frappait|tapait|cognait) "
        rf"(?:aussi |encore |souvent |parfois |meme |meme aussi )?(?:ses|son|sa|leurs?|mon|ma|mes|les|le|la|notre|nos) {_CHILD}\b",
        rf"\b(?:touche|tripote|caresse) (?:ma|mon|mes|sa|son|ses|la|le|les) {_CHILD}\b(?! (?:au|a la) (?:tete|epaule))",
        rf"\b(?:laisse|laisser|laisses|laissent|laissait|a laisse|laissant|abandonne|abandonnes|a abandonne) (?:\w+ ){{0,4}}(?:tout )?(?:seule?s?)\b(?=.*\b{_CHILD}\b)|\b{_CHILD}\b.*\b(?:laisse|laisser|laisses|laissent|laissait|laissant) (?:\w+ ){{0,4}}(?:tout )?(?:seule?s?)\b",
        r"\bles laisse (?:tout )?seuls?\b",
        rf"\b{_CHILD}\b[^.]{{0,60}}\bseule?s? (?:\w+ ){{0,4}}(?:depuis|sans (?:rien a )?manger|toute la nuit|tout le week end|la nuit|le soir|toute la journee|quand il sort|quand elle sort)",
        rf"\b(?:frapper|taper|battre|cogner|secouer|tabasser) (?:ses|son|sa|leurs?|mon|ma|mes|les|le|la|notre|nos) {_CHILD}\b",
        rf"\benferm\w* (?:le|la|les|mon|ma|mes|son|sa|ses|notre|nos) {_CHILD}\b",
        rf"\b{_CHILD}\b[^.]{{0,60}}\b(?:erre|errent|pieds nus|personne (?:ne )?(?:vient|viens) (?:le|la|les) chercher|personne (?:ne )?s en occupe|affames?|affamees?)\b",
        rf"\b(?:bleus|brulures?|marques? (?:de coups|sur)|traces? de coups|hematomes?|blessures?)\b[^.]{{0,60}}\b{_CHILD}\b|\b{_CHILD}\b[^.]{{0,80}}\b(?:bleus|brulures?|marques? (?:de coups|sur)|une marque|traces? de coups|hematomes?)\b",
        r"\bphotos? (?:de (?:lui|elle|toi|moi) )?(?:nue?s?|denudee?s?|intimes?)\b",
        rf"\b{_CHILD}\b[^.]{{0,80}}\b(?:ivre|saoul|soul|soule|bourre|bourree|a bu|avait bu|alcoolise|alcoolisee|drogue|droguee)\b|\b(?:ivre|saoul|bourre|a bu|alcoolise)\b[^.]{{0,80}}\b{_CHILD}\b",
        r"\b(?:le|la|les) (?:touche|touchait|tripote|tripotait)\b[^.]{0,30}\b(?:soir|nuit|quand|partout)\b",
        r"\bpriv\w* (?:de |d )?(?:repas|manger|nourriture|diner|dejeuner)\b",
        rf"\b{_CHILD}\b[^.]{{0,40}}\bpleure\b[^.]{{0,40}}\b(?:depuis|sans arret|toute la nuit)\b[^.]{{0,60}}\bpersonne\b",
        rf"\b{_CHILD}\b[^.]{{0,60}}\b(?:dorment|dort) (?:sur le palier|dehors|dans l escalier|dans la cage)\b",
        rf"\b{_CHILD}\b (?:enfermee?s?|attachee?s?)\b|\battache\w* (?:au|a la|a un|a une) (?:radiateur|lit|chaise|table)\b",
        rf"\benferm\w* (?:leur|leurs) {_CHILD}\b",
        r"\benvie de (?:le|la) secouer\b|\bcraquer sur (?:mon|ma) (?:bebe|fils|fille|enfant|petit|petite)\b",
        r"\benfance en danger\b",
        r"\battouchement",
        r"\binceste\b",
    ),
}

# Indirect words of hopelessness: heard as possible suicidal ideation, answered with a check-in.
_INDIRECT_SUICIDE: tuple[str, ...] = (
    r"(?<!faire )(?<!pas )(?<!fasse )\bdispar(?:aitre|aisse|aissais|aissait|aitrais|aitrai|aissions)\b(?! (?:tout seule?s?|toutes? seules?|comme ca|d un coup|mes dettes|les dettes|ces dettes|sous (?:terre|la table)|six pieds))",
    r"\b(?:envie|besoin|veux|voudrais|vais|pense a|prete? a|de|d) (?:de |d )?tout (?:arreter|lacher|abandonner|plaquer|laisser tomber)\b(?! (?:la|le|ici|cette|votre|vos|les questions|ce chat|avec vous|ce truc))(?! (?:et|pour) (?:de |d )?(?:partir|aller|recommencer|changer|demenager|vivre|refaire))",
    r"\b(?:plus|pas|aucune|sans) (?:la |de |d )?(?:force|forces|courage|energie)\b(?! (?:pour|de) (?:appeler|ecrire|remplir|relancer|refaire|faire (?:les|le|des|un|mes) (?:papiers|dossier|demarches)))(?! (?:de|d) (?:me battre|lutter|courir|me bagarrer) (?:avec|contre|apres) (?:la|le|les|l|mon|ma|mes|ce|cette|ces|leur|leurs) )",
    r"\ba bout de forces?\b",
    r"\b(?:plus|pas) envie de (?:rien|me battre|lutter|continuer|me lever|avancer|me reveiller)\b(?! (?:faire|foutre) (?:le|les|ce|du|de|en|pendant|quand))(?! (?:cette|la|notre|ce|votre|vos|les|a (?:parler|ecrire|repondre)|ici|avec vous|l echange|le questionnaire))",
    r"\benvie de plus rien\b|\b(?:plus|pas) (?:le )?gout (?:a|de) rien\b|\bgout a rien\b|\bplus (?:gout|envie) a rien\b",
    r"\ba quoi bon\b(?! (?:refaire|faire|relancer|redemander|demander|envoyer|appeler|rappeler|remplir|deposer|renvoyer|recommencer|chercher|postuler|economiser|payer|epargner|se battre avec|me battre avec|ecrire|expliquer|insister|les appeler|leur ecrire|attendre|voter|porter plainte|contester)\b)",
    r"\b(?:mieux|tranquilles?|soulages?|debarrasses?|libres?|heureux|heureuses?|en paix|plus riches?)\b[^.]{0,40}\bsans moi\b",
    r"\bsi (?:je|j) (?:n )?(?:etais|serais|etait) plus (?:la|en vie|de ce monde)\b",
    r"\b(?:quand|si|une fois que) je (?:ne )?serai plus la\b",
    r"\bsi je (?:partais|mourais|crevais) (?:pour de bon|pour toujours)?",
    r"\b(?:je suis|suis|je serais|etre) (?:qu )?(?:un|une) (?:poids|fardeau|charge|boulet)\b",
    r"\bpoids pour (?:tout le monde|ma famille|mes enfants|les autres|mes proches|eux)\b",
    r"\bje (?:ne )?(?:coute|coutes) (?:que|qu)\b|\bje (?:ne )?sers? (?:a|plus a) rien\b|\bje (?:ne )?vaux rien\b|\bbon a rien\b",
    r"\b(?:vois|voit|voyons) (?:pas|plus|jamais|aucune?) (?:d issue|de sortie|d avenir|de solution a part|d autre solution|d autre issue|d autre sortie|la lumiere|le bout du tunnel|la fin du tunnel)",
    r"\b(?:pas|plus|aucun) (?:de )?bout (?:au|du) tunnel\b",
    r"\b(?:aucune|aucun|pas d|plus d|sans) (?:issue|avenir|espoir)\b",
    r"\b(?:plus|pas|aucun|sans) (?:d |de |l )?espoir\b",
    r"\b(?:sais|sait|vois|comprends) (?:plus|pas) (?:trop |vraiment |bien |tres bien )?(?:pourquoi|a quoi bon|pour quoi|pour qui) (?:je |j )?(?:me bats|me battre|continue|continuer|vis|vivre|me leve|me lever|lutte|lutter|tiens|tenir|suis la|suis encore la|existe)",
    r"\bpourquoi (?:continuer|me battre|lutter|vivre|me lever|je continue|je me bats encore|je suis encore la|tenir)\b",
    r"\b(?:dormir|m endormir|m endormir) (?:et|pour) (?:ne )?(?:plus|jamais|pas) (?:me )?reveiller",
    r"\b(?:plus jamais|pas) me reveiller\b",
    r"\b(?:dormir|endormir) pour (?:toujours|de bon|l eternite)\b",
    r"\bje (?:ne )?(?:tiendrai|tiendrais|tiens|vais tenir) (?:pas|plus)\b(?!.{0,14}\b(?:avec|le budget|jusqu|le mois|financierement|a ce rythme|niveau|sans (?:aide|argent|salaire)|sur (?:mes|ce|le)))",
    r"\b(?:veux|voudrais|envie|besoin) (?:que|qu) (?:tout |ca |cela |tout ca )*s arrete\b(?! (?:ces|les|cette|ce|leurs|vos|tes|ses|mes|de|d|avec) )",
    r"\b(?:la|ma) vie (?:n )?(?:en )?vaut (?:pas|plus|rien)\b|\bvaut plus la peine (?:de vivre|de continuer)",
    r"\bpersonne (?:ne )?(?:me regretter|remarquer|verrait la difference|s en rendrait compte|m attend)",
    r"\bmettre un terme a (?:tout|ma vie|mes jours|tout ca)\b",
    r"\bplus rien a perdre\b",
    r"\b(?:fatigue|fatiguee|lasse|lassee|epuise|epuisee|marre) (?:de vivre|de la vie|d exister|d etre en vie)\b",
    r"\b(?:en finir|partir|disparaitre|mourir)\b.*\btout le monde serait\b|\btout le monde serait (?:mieux|tranquille|soulage)",
    r"\b(?:tout|tt) (?:arreter|lacher) pour de bon\b",
    r"\bje veux (?:plus|pas) (?:etre|exister|continuer) comme ca\b",
    r"\b(?:ne plus|plus) (?:rien )?ressentir\b",
    r"\bj ai (?:tout )?prepare (?:une |la |ma )?lettre\b|\blettres? d adieux?\b|\bfaire (?:mes|des) adieux\b",
    r"\b(?:aller|partir) (?:le|la|les) rejoindre\b|\brejoindre (?:\w+ ){0,2}(?:au ciel|la haut|de l autre cote)\b|\bpense (?:a|de plus en plus a) (?:le|la|les) rejoindre\b",
    r"\b(?:au bord|sur le bord|au bout) (?:de la|du|de l) (?:voie|quai|pont|falaise|vide|jetee|toit|fenetre|balcon)\b|\bvoie ferree\b|\bregarde l eau\b",
    r"\b(?:pont|jetee|falaise|voie ferree|rails|viaduc)\b[^.]{0,60}\b(?:et puis voila|reviendrai pas|reviendrai plus|pour de bon|c est fini|pas repartir)\b",
    r"\b(?:ecrit|laisse|prepare|redige)\w* (?:des|une|mes|ma|les|un|quelques) (?:lettres?|mots?) (?:pour|a) (?:mes|ma|mon|les|ma famille|mes enfants|mes proches)\b|\bdernier message\b|\bmes derniers mots\b",
    r"\bdites (?:a|lui|leur)\b[^.]{0,40}\b(?:aimais|aime|pardonne|pardon)\b|\bje (?:l|les|vous) aimais\b",
    r"\bprevenir (?:quelqu un|quelqu une)? ?avant de partir\b|\bc est trop tard (?:maintenant|pour moi)\b|\btout est (?:regle|pret|en ordre)\b[^.]{0,60}\b(?:partir|avant|pour apres|moi)\b",
    r"\b(?:donne|confie|trouve quelqu un pour) (?:mon|ma|mes) (?:chat|chien|chats|chiens|animaux)\b|\bpersonne (?:n )?aura a le faire\b",
    r"\b(?:j ai pris|ma) (?:ma )?decision\b[^.]{0,40}\b(?:merci|fini|partir|adieu|regle)|\bc est decide\b|\bj ai deja decide\b|\bc est fini pour moi\b",
    r"\b(?:je )?(?:ne )?serai plus la\b|\bj y serai plus\b|\b(?:compte|pense|serai) (?:pas|plus) (?:etre )?encore la\b|\bplus de probleme du tout\b|\b(?:aurai|aura) plus besoin de rien\b|\ben ai plus pour longtemps\b",
    r"\b(?:vois|voit|reste|ai|trouve) (?:qu )?(?:une seule|qu une) (?:solution|issue|sortie)\b|\bla seule (?:solution|issue|sortie) (?:qui reste|c est)\b",
    r"\b(?:la|une) corde\b(?! raide)|\b(?:le|un|son|mon) (?:fusil|flingue|revolver|pistolet)\b|\b(?:une|l) arme\b",
    r"\b(?:plus|pas|aucune|aucun) (?:\w+ )?raisons? (?:de|d) (?:vivre|rester|continuer|me lever|etre la|exister|m accrocher)\b|\b(?:rester|plus etre|plus rien a faire) sur (?:cette|la) terre\b",
    r"\b(?:si|que|et que) (?:je )?(?:ne )?me reveille (?:pas|plus|jamais)\b|\b(?:pas|plus|jamais) voir le (?:matin|lendemain|jour se lever|printemps)\b|\bdecue? d etre encore (?:la|en vie|vivante?)\b",
    r"\b(?:cachets|medocs|medicaments|comprimes|somniferes|pilules|antidepresseurs|anxiolytiques|plaquettes?)\b[^.]{0,60}\b(?:assez|avaler|avale|gober|toute la|toute une|d un coup|plus que d habitude|beaucoup plus|regarde|stock|simple|la boite entiere|tout avaler|j y pense|y pense|tentant|tente)\b|\b(?:assez|avaler|avale|gober|regarde)\b[^.]{0,30}\b(?:cachets|medocs|medicaments|comprimes|somniferes|pilules|antidepresseurs)\b",
    r"\b(?:partir|parte|pars|disparaitre|m en aller)\b[^.]{0,40}\b(?:definitivement|pour de bon|pour toujours|a jamais|la ou on (?:ne )?revient pas)\b|\bles liberer\b|\b(?:quitter|partir de) (?:cette|la) vie\b|\bpartir pour (?:toujours|de bon)\b",
    r"\b(?:souffrira|souffriront|souffrirai|souffrirons) plus\b",
    r"\barreter (?:les frais|tout) pour de (?:vrai|bon)\b|\bil (?:me )?manque (?:plus )?que le courage\b|\btout prepare\b[^.]{0,40}\b(?:voiture|garage|courage|lettres?|partir)\b",
    r"\bj existe plus\b|\bje n existe plus\b|\bchangera(?:it)? rien pour personne\b|\bmanquerai a personne\b|\bpersonne (?:ne )?(?:va|vas) me (?:manquer|regretter)\b|\btout le monde s en (?:fout|fiche) de moi\b",
    r"\b(?:veux|voudrais) (?:plus|pas) (?:vivre|me reveiller)\b",
    r"\bsi je (?:creve|crevais|meurs|mourais|mourrais|mourrai)\b|\b(?:envie|veux|voudrais) (?:de )?crever\b",
    r"\b(?:accident|camion|voiture|train|bus)\b[^.]{0,40}\b(?:reglerait|reglera|regler) tout\b|\bme renverse\b|\blacher le volant\b|\b(?:foncer|me jeter|aller) (?:dans|contre) (?:un|le) (?:pilier|mur|arbre|platane|camion)\b",
    r"\bje (?:ne )?me vois (?:plus|pas) (?:dans|vivre|vieillir|exister)\b|\bque tout s (?:eteigne|arrete|termine|finisse)\b|\bfermer les yeux (?:pour toujours|et (?:ne )?plus|et que)\b",
    r"\bpas sure? de vouloir (?:la |le )?(?:finir|continuer|vivre|voir)\b",
    r"\bje me (?:coupe|scarifie|mutile|brule)\b",
    r"\bpourquoi je (?:m accroche|tiens le coup|me leve)\b|\b(?:seule chose|la seule|le seul) qui me retient\b|\bplus rien (?:ne )?me retient\b",
    r"\b(?:vois|trouve) (?:plus|pas) (?:l interet|le sens|de sens) (?:de|d|a) (?:me lever|vivre|continuer|rien)\b|\bplus (?:aucun )?(?:interet|sens) a (?:rien|la vie|vivre)\b",
    r"\bque je m efface\b|\bm effacer\b|\b(?:me reveiller|vivre|mourir) ou pas\b",
    r"\b(?:si|que|et que) (?:je )?(?:ne )?me reveill\w* (?:pas|plus|jamais)\b|\bmon heure est venue\b|\bma decision est prise\b|\bje m en vais (?:definitivement|pour de bon|pour toujours)\b",
    r"\b(?:compte|pense) (?:pas|plus) (?:etre )?(?:encore )?la\b",
    r"\bsauter\b[^.]{0,40}\b(?:fenetre|etage|balcon|pont|toit|immeuble)\b|\b(?:fenetre|etage|balcon|pont|toit)\b[^.]{0,40}\bsauter\b|\bsur le (?:balcon|toit|rebord|parapet)\b[^.]{0,40}\b(?:etage|la|pas envie)\b",
    r"\bsi ca passe tant mieux\b|\bexpres\b[^.]{0,40}\b(?:medocs|medicaments|cachets)\b|\b(?:medocs|medicaments|cachets)\b[^.]{0,40}\bexpres\b",
    r"\bassez vecu\b|\barret\w* (?:ses|mes) traitements?\b|\bne plus (?:nous |vous |leur |lui )?couter\b|\bdebarrasse\w* le plancher\b",
    r"\brejoindre (?:son|sa|ses|mon|ma|mes) \w+\b[^.]{0,40}\b(?:decede|decedee|mort|morte|quitte|quittes|enterre)\b|\b(?:donne|distribue|vendu)\w* (?:ses|mes|toutes (?:ses|mes)) (?:affaires|outils|objets|biens|vetements)\b|\blaisse (?:son|sa|mon|ma) alliance\b",
    r"\bderniere fois que je (?:vous )?(?:ecris|parle)\b|\bm eteindre\b|\b(?:ouvert|ouvrir|taillade|taillader|couper|coupe) les (?:poignets|veines)\b",
    r"\barret\w* tout\b[^.]{0,40}\b(?:definitivement|pour de bon|pour toujours)\b|\bapres moi\b[^.]{0,30}\bbientot\b|\bbientot plus de moi\b|\bplus de moi non plus\b",
    r"\bpense (?:a|souvent a) (?:la riviere|le fleuve|le pont|la voie|le train|la fenetre|sauter|la corde|me jeter)\b|\bsi je disparais\b",
    r"\b(?:plus jamais|ne plus|pas) (?:rouvrir|ouvrir) les yeux\b|\bce (?:sera|serait) (?:le|mon) dernier\b|\bdonner (?:mon|son) corps a la science\b",
    r"\b(?:la|l) d ou (?:l )?on (?:ne )?revient pas\b|\bcomment mourir\b|\bmourir sans souffrir\b",
    rf"\b(?:emmener|emporter|prendre) (?:mes|les) (?:\w+ )?{_CHILD} avec moi\b[^.]{{0,60}}\bsouffr",
    r"\b(?:plus personne|plus rien)\b[^.]{0,30}\bni moi\b|\bmoi non plus\b[^.]{0,20}\b(?:bientot|demain|ce soir)\b|\b(?:bientot|demain|ce soir)\b[^.]{0,30}\bplus de moi\b",
    r"\b(?:fantome|spectre)\b[^.]{0,40}\bpour de vrai\b|\bje vais (?:le|la|les) rendre\b[^.]{0,20}$|\bil (?:me )?reste plus que moi\b",
    r"\b(?:ecrire|dire|l ecrire|le dire) quelque part avant\b|\bpardon\b[^.]{0,80}\bavant$",
)

# Words that place a danger tonight, and words that place an eviction later: "mon propriétaire
# peut me mettre dehors en janvier ?" is a question about an eviction, not a night outside.
_TONIGHT = re.compile(
    r"\b(?:ce soir|cette nuit|aujourd hui|maintenant|tout de suite|la nuit derniere|hier soir|depuis hier|ce matin|cet apres midi|tout a l heure|en ce moment|actuellement)\b"
)
_LATER = re.compile(
    r"\b(?:en|au mois de|d ici|avant|apres|fin|debut) (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b"
    r"|\bdans (?:\d+|un|une|deux|trois|quelques) (?:jours|semaines|mois|ans)\b"
    r"|\b(?:le mois prochain|l an prochain|l annee prochaine|a la fin de la treve|apres la treve|a la fin du bail|cet ete|cet hiver|au printemps|a l automne|quand le jugement)\b"
    r"|\b(?:en hiver|pendant l hiver|pendant la treve|avec la treve|apres le 31 mars|au 1er avril|le 1er avril)\b"
    r"|\b(?:peut|peuvent|pourrait|pourraient|pourrais|pourrions|vais|va|allons|risque|risquons) (?:on |je |nous |ils |t on )?(?:me |nous |se |m |s )?(?:retrouver|finir|etre mise?s?|etre jetee?s?) a la rue\b"
    r"|\b(?:peut|peuvent|pourrait|pourraient|va|vont|risque|risquent|menace|menacent|veut|veulent) (?:me |nous |m |l |les )?(?:mettre|jeter|foutre) dehors\b"
    r"|\b(?:peur|risque|crainte|avant) (?:d etre|de me retrouver|de finir|de nous retrouver|de se retrouver) a la rue\b"
    r"|\b(?:si|sinon) (?:je|on|nous|j|ca)\b"
)


_CHILD_RE = re.compile(rf"\b{_CHILD}\b|\b(?:le grand|la grande|l aine|l ainee)\b")
# Worrying signs that point to a child in danger only when a child is named in the message.
_CHILD_SIGNS = tuple(re.compile(p) for p in (
    r"\b(?:laisse|laisser|laisses|laissent|laissait|a laisse|laissant|abandonne|abandonnes|a abandonne) (?:\w+ ){0,6}(?:tout )?seule?s?\b",
    r"\bpersonne (?:ne )?s en occupe\b|\bpersonne pour (?:eux|elle|lui|les garder|s en occuper)\b",
    r"\b(?:homme|adulte|type|mec|monsieur|vieux) de (?:[2-9]\d) ans\b",
    r"\bse cachent? (?:\w+ ){0,4}quand (?:leur|son|sa|mon|il|elle)\b",
    r"\b(?:une|des) (?:marques?|bleus?|brulures?|traces?) (?:de ceinture |de coups )?sur (?:la|le|les|son|sa|ses) (?:joue|bras|dos|visage|jambes?|cou|fesses|corps)\b|\bmarques? de ceinture\b",
    r"\b(?:apres avoir bu|il a bu|elle a bu|ivre|bourre)\b[^.]{0,60}\b(?:conduit|conduire|voiture|volant)\b|\b(?:conduit|conduire|voiture|volant)\b[^.]{0,60}\b(?:apres avoir bu|a bu|ivre|bourre)\b",
    r"\b(?:lui|leur) fait des choses\b|\bgarder le secret\b|\b(?:lui|leur) offre des cadeaux\b",
    r"\b(?:me|la|le|les) (?:touche|touchait|tripote|tripotait)\b",
    r"\bparents (?:sont )?(?:jamais|pas) la\b|\btellement maigres?\b|\bdort par terre et (?:ne )?se reveille pas\b",
    r"\bpriv\w* (?:\w+ ){0,3}(?:de |d )(?:repas|manger|nourriture)\b",
))
# A young person writing about their own danger: a child in danger too (the child line answers them).
_MINOR_WRITER = re.compile(r"\bj ai (?:1[0-7]|[6-9]) ans\b|\bje suis mineure?\b")
_CHILDREN_WITH_ME = re.compile(rf"\b(?:emmener|emporter|prendre|partir avec) (?:mes|les|mon|ma) (?:\w+ )?{_CHILD}\b")
# Children left without food for days: a child in danger whoever writes.
_CHILDREN_STARVING = re.compile(
    rf"\b(?:{_CHILD})\b[^.]{{0,60}}\b(?:rien mange|pas mange|rien a manger|plus rien a manger|faim)\b[^.]{{0,30}}\bdepuis (?:\d+|deux|trois|quatre|plusieurs) jours\b"
    rf"|\bplus rien a donner a manger a (?:mes|mon|ma|nos|les) {_CHILD}\b"
)
_CHILDREN_UNFED = re.compile(rf"\b{_CHILD}\b[^.]{{0,30}}\b(?:rien mange|pas mange|rien a manger|faim)\b")
# "il nous a frappés" with children named: the children were hit too.
_US_HIT = re.compile(rf"\bnous (?:a |ont )?(?:encore |deja )?{_HIT_DONE}\b|\bnous {_HIT}\b")
# A child hurt at home by the person's partner: domestic violence too.
_HOME_PARTNER = re.compile(
    rf"\b(?:leur (?:pere|papa) (?:rentre|revient|est a la maison|boit|a bu)|(?:mon|ma) {_COUPLE})\b"
)
# The child's other parent, or a parent named by the child, away from the writer's home.
_OTHER_PARENT = re.compile(r"\b(?:chez (?:son|sa|leur) (?:pere|mere|papa|maman)|chez (?:mon|ma) ex|"
                           r"(?:papa|maman) (?:la|le|les|l)\b|(?:son|sa|leur) (?:pere|mere|beau pere|belle mere))\b")
# The writer hurt or threatened: the violence is theirs too.
_ME_HURT = re.compile(r"\b(?:me|m|nous) (?:a |ont |avait )?(?:\w+ )?(?:frapp|bat|battu|tap|cogn|gifl|menac|pouss|insult|"
                      r"etrangl|viol)\w*|\bj ai (?:des )?(?:bleus|peur de lui|peur d elle)\b|\bje suis (?:battue|frappee)\b")
# A shared card or account the person chose ("on l'a décidé ensemble") is not economic control,
# unless fear, threats or blows are named too.
_CONSENT = re.compile(
    r"\b(?:on (?:l )?a decide|nous avons decide|decide ensemble|ensemble pour|d un commun accord|c est moi qui (?:lui )?(?:l )?ai demande|a ma demande|parce que la mienne|la mienne est (?:bloquee|perdue|volee))\b"
)
_HARM = re.compile(r"\b(?:frapp|coup|bat|battu|menac|peur|insult|cogn|gifl|pouss|viol|force|oblige|interdit|hurle|crie)\w*")
# Money figures of speech: "niveau thunes je suis à la rue ce mois-ci".
# Put out already: whatever is said of later, tonight is the question.
_ALREADY_OUT = re.compile(
    r"\b(?:m a|m ont|nous a|nous ont|ai ete|avons ete|j ai ete|on a ete) (?:\w+ )?"
    r"(?:mise?s?|foutue?s?|jetee?s?|viree?s?|expulsee?s?) (?:dehors|a la porte|de chez|du logement|de l appart)"
    r"|\b(?:je suis|nous sommes|je me retrouve|on se retrouve) (?:deja )?a la rue\b")
_FIGURATIVE = re.compile(r"\b(?:niveau|question|cote) (?:thunes?|argent|fric|sous|finances?|budget|compte|retraite|salaire)\b|\bfinancierement\b|\bmdr\b|\bptdr\b|\blol\b")


@dataclass(frozen=True)
class Assessment:
    """What the net heard in one message."""

    kinds: tuple[Crisis, ...]
    # Suicidal ideation heard only through indirect words: answered with a gentle check-in.
    indirect_suicide: bool = False

    def __bool__(self) -> bool:
        return bool(self.kinds)


def _compile(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


_COMPILED = {kind: _compile(patterns) for kind, patterns in _EXPLICIT.items()}
_COMPILED_INDIRECT = _compile(_INDIRECT_SUICIDE)

# A few SMS spellings expanded before matching, so patterns stay readable.
_SMS = (
    (re.compile(r"\bjveu[xt]?\b"), "je veux"),
    (re.compile(r"\bjvai[sx]?\b"), "je vais"),
    (re.compile(r"\bj ?ve\b"), "je veux"),
    (re.compile(r"\bjsui[sz]?\b"), "je suis"),
    (re.compile(r"\bjsai[sz]?\b|\bjsp\b"), "je sais pas"),
    (re.compile(r"\bjpeu[xt]?\b"), "je peux"),
    (re.compile(r"\bjpp\b"), "j en peux plus"),
    (re.compile(r"\bjai\b"), "j ai"),
    (re.compile(r"\bg\b"), "j ai"),
    (re.compile(r"\bmm\b"), "meme"),
    (re.compile(r"\bpa\b"), "pas"),
    (re.compile(r"\bpr\b"), "pour"),
    (re.compile(r"\bqd\b"), "quand"),
    (re.compile(r"\btt\b"), "tout"),
    (re.compile(r"\bts\b"), "tous"),
    (re.compile(r"\bpk\b|\bpq\b|\bpkoi\b|\bpourqoi\b"), "pourquoi"),
    (re.compile(r"\bmourrir\b|\bmourire\b"), "mourir"),
    (re.compile(r"\bjdor[st]?\b"), "je dors"),
    (re.compile(r"\bplu\b"), "plus"),
    (re.compile(r"\bsen\b"), "s en"),
    (re.compile(r"\bjme\b"), "je me"),
    (re.compile(r"\bchui[sz]?\b|\bchuis\b"), "je suis"),
    (re.compile(r"\bjsais\b"), "je sais"),
    (re.compile(r"\bdisparaitr\b|\bdisparetre\b|\bdisparaite\b|\bdisparraitre\b"), "disparaitre"),
    (re.compile(r"\bsuiscider|suicder|sucider|suicidee?r\b"), "suicider"),
    (re.compile(r"\bfrape\b"), "frappe"),
    (re.compile(r"\bfrapee?\b"), "frappee"),
)


def prepare(text: str) -> str:
    """`normalize`d text with common SMS spellings written out ("jveux" -> "je veux")."""
    prepared = normalize(text)
    for pattern, replacement in _SMS:
        prepared = pattern.sub(replacement, prepared)
    return prepared


@lru_cache(maxsize=1)
def _line_called() -> dict[Crisis, re.Pattern[str]]:
    """Having called an emergency line ("j'ai appelé le <number>, personne ne répond") says which
    crisis it is; the numbers come from the configuration."""
    from bot.configuration.ccas import current_national  # the configuration is read only when needed

    return {
        kind: re.compile(
            r"\b(?:appele|appeler|appelle|appel|appels|numero|contacte|rappele|joindre|joint|essaye) "
            rf"(?:\w+ ){{0,3}}(?:le |au )?{re.escape(normalize(current_national().emergency[kind.value].number))}\b"
        )
        for kind in Crisis
    }


def _shelter_tonight(prepared: str) -> bool:
    """A shelter match stands unless the message only speaks of a later eviction, or of money."""
    if _FIGURATIVE.search(prepared) and not _TONIGHT.search(prepared.replace("ce mois ci", "")):
        return False
    return bool(_TONIGHT.search(prepared) or _ALREADY_OUT.search(prepared)) or not _LATER.search(prepared)


def _by_context(prepared: str, kinds: list[Crisis]) -> list[Crisis]:
    """Kinds that follow from the others and from who is named in the message."""
    added = list(kinds)
    minor = bool(_MINOR_WRITER.search(prepared))
    child_named = minor or bool(_CHILD_RE.search(prepared))
    if child_named and any(p.search(prepared) for p in _CHILD_SIGNS):
        added.append(Crisis.CHILD)
    if kinds and minor:
        added.append(Crisis.CHILD)
    if Crisis.SUICIDE in kinds and _CHILDREN_WITH_ME.search(prepared):
        added.append(Crisis.CHILD)
    if _CHILDREN_STARVING.search(prepared):
        added.append(Crisis.CHILD)
    if Crisis.VIOLENCE in kinds and child_named and _US_HIT.search(prepared):
        added.append(Crisis.CHILD)
    if Crisis.VIOLENCE in kinds and _CHILDREN_UNFED.search(prepared):
        added.append(Crisis.CHILD)
    if Crisis.CHILD in added and _HOME_PARTNER.search(prepared):
        added.append(Crisis.VIOLENCE)
    elif Crisis.CHILD in added and Crisis.VIOLENCE in added and _OTHER_PARENT.search(prepared) \
            and not _ME_HURT.search(prepared):
        # "elle revient de chez son père avec des bleus, papa la tape": the child is the one
        # hurt, elsewhere; the words for a person hurt at home would not be for the writer.
        added = [kind for kind in added if kind != Crisis.VIOLENCE]
    if Crisis.VIOLENCE in added and _CONSENT.search(prepared) and not _HARM.search(prepared):
        added = [kind for kind in added if kind != Crisis.VIOLENCE]
    return [kind for kind in Crisis if kind in added]


def assess(text: str) -> Assessment:
    """Every crisis kind heard in `text`, in a stable order, and whether suicidal ideation was
    heard only through indirect words."""
    prepared = prepare(text)
    called = _line_called()
    kinds = [
        kind for kind, patterns in _COMPILED.items()
        if any(p.search(prepared) for p in patterns) or called[kind].search(prepared)
    ]
    if Crisis.SHELTER in kinds and not _shelter_tonight(prepared):
        kinds.remove(Crisis.SHELTER)
    indirect = False
    if Crisis.SUICIDE not in kinds and any(p.search(prepared) for p in _COMPILED_INDIRECT):
        kinds.insert(0, Crisis.SUICIDE)
        indirect = True
    return Assessment(tuple(_by_context(prepared, kinds)), indirect)


def detect_crises(text: str) -> list[Crisis]:
    """Every crisis kind heard in `text`, explicit or indirect, in a stable order."""
    return list(assess(text).kinds)
