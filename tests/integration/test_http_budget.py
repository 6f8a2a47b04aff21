"""The budget snapshot through the real servers: questions, skips, corrections, crisis, storage."""
import requests

from tests.integration.chat_checks import assert_clean, joined


def start_snapshot(chat):
    chat.say("bonjour")
    texts = chat.texts(chat.say("je voudrais faire le point sur mon budget"))
    assert "qui vit dans votre foyer" in joined(texts)


def tracker_slots(servers, chat):
    response = requests.get(
        f"{servers.rasa_url}/conversations/{chat.sender}/tracker?token={servers.token}", timeout=30
    )
    response.raise_for_status()
    return response.json()["slots"]


def test_straight_through_to_a_summary_stored_with_the_conversation(chat, servers):
    start_snapshot(chat)
    assert "combien entre chaque mois" in joined(chat.texts(chat.say("seule avec mes deux enfants")))
    assert "dépenses fixes" in joined(chat.texts(chat.say("environ 1400 avec la CAF")))
    assert "crédits" in joined(chat.texts(chat.say("loyer 650, électricité 90 et l'assurance 40")))
    assert "en retard" in joined(chat.texts(chat.say("un crédit de 180 par mois")))
    replies = chat.say("deux mois de loyer, à peu près 1300")
    summary = joined(chat.texts(replies))
    assert "ce qui rentre : environ 1\u202f400 €" in summary
    assert "les dépenses fixes (logement, énergie, assurances...) : 780 €" in summary
    assert "il reste environ 440 €" in summary
    assert "13 %" in summary
    assert "factures en retard" in summary
    assert replies[-1]["buttons"][0]["payload"] == "/request_human"

    snapshot = tracker_slots(servers, chat)["budget_snapshot"]
    assert snapshot["left_to_live"] == 440
    assert snapshot["adults"] == 1 and snapshot["children"] == 2
    assert snapshot["arrears"]["detail"] == {"rent": 1300}
    assert_clean(chat)


def test_skips_and_a_correction_at_the_summary(chat, servers):
    start_snapshot(chat)
    chat.say("je préfère ne pas dire")
    chat.say("1200")
    chat.say("loyer 600")
    chat.say("non")
    summary = joined(chat.texts(chat.say("rien")))
    assert "il reste 600 €" in summary
    corrected = joined(chat.texts(chat.say("non, mon loyer c'est 700")))
    assert "C'est corrigé : 700 € de loyer." in corrected
    assert "il reste 500 €" in corrected
    assert tracker_slots(servers, chat)["budget_snapshot"]["left_to_live"] == 500
    assert_clean(chat)


def test_answer_not_understood_twice_is_skipped_not_asked_forever(chat):
    start_snapshot(chat)
    chat.say("2 adultes")
    first = joined(chat.texts(chat.say("bof c'est compliqué")))
    assert "environ 1200" in first and "combien entre chaque mois" in first
    second = joined(chat.texts(chat.say("euh")))
    assert "question suivante" in second and "dépenses fixes" in second
    assert_clean(chat)


def test_crisis_during_the_snapshot_gets_the_number_first_then_resumes(chat):
    start_snapshot(chat)
    chat.say("je vis seul")
    texts = chat.texts(chat.say("franchement avec tout ça j'ai envie de mourir"))
    assert "3114" in texts[0]
    # The assistant stays with the person: no budget question in the same breath.
    assert "vous faire du mal" in texts[-1] and "combien entre chaque mois" not in joined(texts)
    assert "dépenses fixes" in joined(chat.texts(chat.say("1100")))
    assert_clean(chat)


def test_stop_during_the_snapshot_ends_kindly(chat):
    start_snapshot(chat)
    texts = chat.texts(chat.say("stop j'arrête"))
    assert "revenir quand vous voulez" in joined(texts)
